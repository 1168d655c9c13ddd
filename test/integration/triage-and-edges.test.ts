import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { readSnapshot } from '../../shared/schema/index.ts';
import { connectClient, openRawSocket } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
let pm: CreatePostmortemResponse;
beforeEach(async () => {
  server = await startTestServer({ allowedOrigins: ['https://postmortems.example.org'], authFailuresPerMinute: 5 });
  pm = await createPostmortemOverHttp(server.url);
});
afterEach(async () => {
  await server.stop();
});

async function call(role: keyof CreatePostmortemResponse['tokens'], method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/postmortems/${pm.id}/triage${path}`, {
    method,
    headers: { authorization: `Bearer ${pm.tokens[role]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Just Culture triage', () => {
  it('follows the questions to an outcome, for facilitators only, and never reaches the document or exports', async () => {
    const created = await call('facilitator', 'POST', '', {
      decision: 'Restarting the primary database during peak traffic',
      malice: 'no',
      knowingViolation: 'no',
      substitution: 'yes',
      notes: 'Runbook step 4 says to restart; two other engineers said they would have done the same.',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ outcome: 'blameless' });

    const updated = await call('facilitator', 'PUT', `/${created.body.id as string}`, {
      decision: 'Restarting the primary database during peak traffic',
      malice: 'no',
      knowingViolation: 'yes',
    });
    expect(updated.body).toMatchObject({ outcome: 'accountability', substitution: null });
    const undecided = await call('facilitator', 'POST', '', { decision: 'Skipping the canary', malice: 'no' });
    expect(undecided.body).toMatchObject({ outcome: 'undecided' });

    for (const role of ['participant', 'viewer'] as const) {
      expect((await call(role, 'GET', '')).status).toBe(403);
      expect((await call(role, 'POST', '', { decision: 'anything at all' })).status).toBe(403);
      expect((await call(role, 'PUT', `/${created.body.id as string}`, { decision: 'anything at all' })).status).toBe(403);
      expect((await call(role, 'DELETE', `/${created.body.id as string}`)).status).toBe(403);
    }
    const list = await call('facilitator', 'GET', '');
    expect((list.body.records as unknown[]).length).toBe(2);

    // Not in the shared document, nor in what other roles can read.
    const client = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    expect(JSON.stringify(readSnapshot(client.doc))).not.toContain('primary database');
    client.destroy();
    for (const role of ['participant', 'viewer', 'facilitator'] as const) {
      for (const path of ['', '/checks']) {
        const res = await fetch(`${server.url}/api/postmortems/${pm.id}${path}`, { headers: { authorization: `Bearer ${pm.tokens[role]}` } });
        expect(await res.text()).not.toContain('primary database');
      }
    }
    expect((await call('facilitator', 'DELETE', `/${created.body.id as string}`)).status).toBe(200);
  });

  it('refuses bad input', async () => {
    expect((await call('facilitator', 'POST', '', { decision: 'x' })).status).toBe(400);
    expect((await call('facilitator', 'POST', '', { decision: 'valid decision', malice: 'maybe' })).status).toBe(400);
    expect((await call('facilitator', 'PUT', '/nope', { decision: 'valid decision' })).status).toBe(404);
  });
});

function openWithOrigin(origin: string, token: string): Promise<number> {
  const ws = new WebSocket(`${server.wsUrl}/${pm.id}?token=${token}`, { origin });
  return new Promise((resolve) => ws.on('close', (code) => resolve(code)));
}

/** A wrong token over HTTP, as if a proxy said it came from `forwardedFor`; the status. */
async function guess(base: string, id: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${base}/api/postmortems/${id}`, { headers: { authorization: 'Bearer guess', 'x-forwarded-for': forwardedFor } });
  return res.status;
}

/** A socket as if a proxy said it came from `forwardedFor`; its close code (1000: it synced). */
function socketFrom(wsUrl: string, id: string, token: string, forwardedFor: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsUrl}/${id}?token=${encodeURIComponent(token)}`, { headers: { 'x-forwarded-for': forwardedFor } });
    ws.on('message', () => ws.close(1000));
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => undefined);
  });
}

describe('socket and token edges', () => {
  it('refuses browser origins other than its own and the configured ones', async () => {
    expect(await openWithOrigin('https://evil.example.com', pm.tokens.facilitator)).toBe(CloseCode.writeRefused);
    const own = new URL(server.url);
    const sockets = [
      new WebSocket(`${server.wsUrl}/${pm.id}?token=${pm.tokens.viewer}`, { origin: `http://${own.host}` }),
      new WebSocket(`${server.wsUrl}/${pm.id}?token=${pm.tokens.viewer}`, { origin: 'https://postmortems.example.org' }),
    ];
    for (const ws of sockets) {
      await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve());
        ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      });
      ws.close();
    }
  });

  it('makes an address that keeps failing wait, over HTTP and on the socket', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: 'Bearer guess' } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Its further guesses wait, over HTTP and on the socket; a good token from it does not.
    expect((await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: 'Bearer guess' } })).status).toBe(429);
    const raw = await openRawSocket(server.wsUrl, pm.id, 'guess');
    expect((await raw.closed).code).toBe(CloseCode.rateLimited);
    expect((await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } })).status).toBe(200);
    const good = await openRawSocket(server.wsUrl, pm.id, pm.tokens.viewer);
    await waitFor(() => good.messages.length > 0, { message: 'a valid token syncs' });
    good.ws.close();
  });

  it('with TRUST_PROXY, counts failures per forwarded client over HTTP and on the socket; without it, ignores X-Forwarded-For', async () => {
    const proxied = await startTestServer({ authFailuresPerMinute: 2, trustProxy: ['loopback'] });
    try {
      const other = await createPostmortemOverHttp(proxied.url);
      expect([await guess(proxied.url, other.id, '203.0.113.5'), await guess(proxied.url, other.id, '203.0.113.5'), await guess(proxied.url, other.id, '203.0.113.5')]).toEqual([401, 401, 429]);
      // Prepending a made-up address does not make a new client: the proxy's entry is the rightmost.
      expect(await guess(proxied.url, other.id, '198.51.100.9, 203.0.113.5')).toBe(429);
      expect(await socketFrom(proxied.wsUrl, other.id, 'guess', '203.0.113.5')).toBe(CloseCode.rateLimited);
      // Everyone else behind the same proxy is unaffected.
      expect(await guess(proxied.url, other.id, '203.0.113.6')).toBe(401);
      expect(await socketFrom(proxied.wsUrl, other.id, 'guess', '203.0.113.7')).toBe(CloseCode.badToken);
      expect(await socketFrom(proxied.wsUrl, other.id, other.tokens.viewer, '203.0.113.5')).toBe(1000);
    } finally {
      await proxied.stop();
    }

    const direct = await startTestServer({ authFailuresPerMinute: 2 });
    try {
      const other = await createPostmortemOverHttp(direct.url);
      // Off by default: a header anyone can send does not make a new address.
      expect([await guess(direct.url, other.id, '203.0.113.1'), await guess(direct.url, other.id, '203.0.113.2'), await guess(direct.url, other.id, '203.0.113.3')]).toEqual([401, 401, 429]);
      expect(await socketFrom(direct.wsUrl, other.id, 'guess', '203.0.113.4')).toBe(CloseCode.rateLimited);
    } finally {
      await direct.stop();
    }
  });
});
