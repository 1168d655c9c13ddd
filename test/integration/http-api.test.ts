import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ bodyLimitBytes: 4096 });
});
afterAll(async () => {
  await server.stop();
});

async function post(body: string, contentType = 'application/json') {
  return fetch(`${server.url}/api/postmortems`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  return body;
}

describe('HTTP API', () => {
  it('answers /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('creates a postmortem with one token and one fragment link per role, storing only hashes', async () => {
    const res = await post(JSON.stringify({ title: '  Search latency  ', severity: 'SEV2' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; tokens: Record<string, string>; links: Record<string, string> };
    expect(Object.keys(body.tokens).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    for (const role of ['facilitator', 'participant', 'viewer']) {
      expect(body.tokens[role]!.length).toBeGreaterThanOrEqual(40);
      expect(body.links[role]).toBe(`${server.url}/p/${body.id}#t=${body.tokens[role]}`);
    }
    await waitFor(() => fs.existsSync(path.join(server.dataDir, 'index.json')), { message: 'index written' });
    const everything = (fs.readdirSync(server.dataDir, { recursive: true }) as string[])
      .map((f) => path.join(server.dataDir, f))
      .filter((f) => fs.statSync(f).isFile())
      .map((f) => fs.readFileSync(f).toString('latin1'));
    for (const token of Object.values(body.tokens)) expect(everything.join('\n')).not.toContain(token);

    const get = await fetch(`${server.url}/api/postmortems/${body.id}`, { headers: { authorization: `Bearer ${body.tokens.participant}` } });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ id: body.id, title: 'Search latency', severity: 'SEV2', status: 'draft', role: 'participant', revision: 0 });
  });

  it('defaults the severity to SEV3', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Minor blip' });
    const res = await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } });
    expect(await res.json()).toMatchObject({ severity: 'SEV3', role: 'viewer' });
  });

  it.each([
    ['no body', '', 400],
    ['invalid JSON', '{"title":', 400],
    ['an array', '[]', 400],
    ['no title', '{}', 400],
    ['an empty title', '{"title":"   "}', 400],
    ['a numeric title', '{"title":5}', 400],
    ['an unknown severity', '{"title":"x","severity":"SEV9"}', 400],
    ['an unknown field', '{"title":"x","owner":"bob"}', 400],
    ['a title too long', JSON.stringify({ title: 'x'.repeat(201) }), 400],
  ])('refuses %s with 400', async (_what, body, status) => {
    await expectError(await post(body), status, 'bad_request');
  });

  it('refuses a body over the limit with 413 and a wrong content type with 415', async () => {
    await expectError(await post(JSON.stringify({ title: 'x'.repeat(10_000) })), 413, 'payload_too_large');
    await expectError(await post('title=x', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  });

  it('answers 401 without or with a wrong token, 404 for an unknown id', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    await expectError(await fetch(`${server.url}/api/postmortems/${pm.id}`), 401, 'unauthorized');
    await expectError(
      await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: 'Bearer wrong' } }),
      401,
      'unauthorized',
    );
    await expectError(
      await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Basic ${pm.tokens.viewer}` } }),
      401,
      'unauthorized',
    );
    await expectError(
      await fetch(`${server.url}/api/postmortems/AAAAAAAAAAAAAAAA`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } }),
      404,
      'not_found',
    );
    await expectError(await fetch(`${server.url}/api/postmortems/..%2F..%2Fetc`), 404, 'not_found');
  });

  it('answers unknown API routes and methods with JSON 404s', async () => {
    await expectError(await fetch(`${server.url}/api/nope`), 404, 'not_found');
    await expectError(await fetch(`${server.url}/api/postmortems`, { method: 'DELETE' }), 404, 'not_found');
  });

  it('sends security headers: a same-origin policy (sockets included) and no powerful features', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toBe(
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        // 'self' covers ws:/wss: to the page's own host; bare ws: wss: would allow any host.
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join('; '),
    );
    const permissions = res.headers.get('permissions-policy') ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions).toContain(`${feature}=()`);
    expect(permissions.split(', ').every((p) => /^[a-z-]+=\(\)$/.test(p))).toBe(true);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
    // The same on the API and on errors.
    const error = await fetch(`${server.url}/api/nope`);
    expect(error.headers.get('content-security-policy')).toBe(res.headers.get('content-security-policy'));
    expect(error.headers.get('permissions-policy')).toBe(permissions);
  });

  it('names the socket origin of PUBLIC_URL in connect-src', async () => {
    const behindName = await startTestServer({ publicUrl: 'https://postmortems.example.org' });
    try {
      const csp = (await fetch(`${behindName.url}/healthz`)).headers.get('content-security-policy') ?? '';
      const connect = csp.split('; ').find((d) => d.startsWith('connect-src '));
      expect(connect).toBe("connect-src 'self' wss://postmortems.example.org");
    } finally {
      await behindName.stop();
    }
  });

  it('keeps a valid token working from an address whose failed attempts must wait', async () => {
    const limited = await startTestServer({ authFailuresPerMinute: 3 });
    try {
      const pm = await createPostmortemOverHttp(limited.url);
      const get = (id: string, token?: string) =>
        fetch(`${limited.url}/api/postmortems/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await get(pm.id, `guess-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Failures from this address now all read alike, so it cannot probe which ids exist...
      await expectError(await get('AAAAAAAAAAAAAAAA', pm.tokens.viewer), 429, 'rate_limited');
      await expectError(await get(pm.id), 429, 'rate_limited');
      // ...but every valid token from the same address still works, for reads and writes alike.
      for (const role of ['viewer', 'participant', 'facilitator'] as const) {
        const res = await get(pm.id, pm.tokens[role]);
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({ id: pm.id, role });
      }
      const note = await fetch(`${limited.url}/api/postmortems/${pm.id}/near-misses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pm.tokens.participant}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'sent while the address waits' }),
      });
      expect(note.status).toBe(202);
      // A valid token with too small a role is a 403, not a failure to count.
      await expectError(
        await fetch(`${limited.url}/api/postmortems/${pm.id}/near-misses`, { headers: { authorization: `Bearer ${pm.tokens.viewer}` } }),
        403,
        'forbidden',
      );
      await expectError(await get(pm.id, 'guess-again'), 429, 'rate_limited');
    } finally {
      await limited.stop();
    }
  });

  it('never writes a token to the log', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Bearer ${pm.tokens.facilitator}` } });
    const log = server.logLines.join('\n');
    for (const token of Object.values(pm.tokens)) expect(log).not.toContain(token);
  });
});
