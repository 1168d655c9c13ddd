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

  it('sends security headers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('never writes a token to the log', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    await fetch(`${server.url}/api/postmortems/${pm.id}`, { headers: { authorization: `Bearer ${pm.tokens.facilitator}` } });
    const log = server.logLines.join('\n');
    for (const token of Object.values(pm.tokens)) expect(log).not.toContain(token);
  });
});
