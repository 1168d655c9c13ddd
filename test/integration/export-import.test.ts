/**
 * Export and import over the real server: every role gets both exports with the right types and
 * a file name; nothing private ever appears in them; an import becomes a live document whose
 * export gives the file back; bad imports fail in the contract's error shape, deeply nested ones
 * too, which the command line refuses in one line.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPostmortemResponse, PostmortemResponse, Role } from '../../shared/api/types.ts';
import type { Finding } from '../../shared/checks/types.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, type PostmortemExport } from '../../shared/export/json.ts';
import { addTimelineEntry, readSnapshot } from '../../shared/schema/index.ts';
import { testConfig } from '../../server/config.ts';
import { hashToken } from '../../server/tokens.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const ROLES: Role[] = ['facilitator', 'participant', 'viewer'];
const RICH = fs.readFileSync(fileURLToPath(new URL('../fixtures/export/rich.md', import.meta.url)), 'utf8');
const VARIANT = fs.readFileSync(fileURLToPath(new URL('../fixtures/markdown/headings-variants.md', import.meta.url)), 'utf8');
const LOSSY = fs.readFileSync(fileURLToPath(new URL('../fixtures/markdown/lossy.md', import.meta.url)), 'utf8');
const BIN = fileURLToPath(new URL('../../bin/second-story.mjs', import.meta.url));
const DEEP_HEAD = '# Postmortem: Deep\n\n## Summary\n';
/** About 20 KB of nested quotes and of nested list items. */
const DEEP_QUOTES = `${DEEP_HEAD}${'> '.repeat(10_000)}x\n`;
const DEEP_LISTS = `${DEEP_HEAD}${'- '.repeat(10_000)}x\n`;
const FILE = 'checkout-errors-after-a-connection-pool-change-4471';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.stop();
});

function importMarkdown(body: string | Buffer, contentType: string | null = 'text/markdown'): Promise<Response> {
  return fetch(`${server.url}/api/postmortems/import`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

async function imported(body = RICH): Promise<ImportPostmortemResponse> {
  const res = await importMarkdown(body);
  expect(res.status).toBe(201);
  return (await res.json()) as ImportPostmortemResponse;
}

function call(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api/postmortems${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function ok(res: Promise<Response>, status = 200): Promise<unknown> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return text ? (JSON.parse(text) as unknown) : null;
}

describe('exports', () => {
  it('serve the live document to every role, as Markdown and JSON, with a file name; nothing private ever appears', async () => {
    const pm = await imported();
    const { facilitator, participant } = pm.tokens;

    // A live edit, not yet saved anywhere but in the room: the export reads the document in memory.
    const editor = await connectClient(server.wsUrl, pm.id, facilitator);
    clients.push(editor);
    addTimelineEntry(editor.doc, { at: '2026-11-02T14:40:00.000Z', body: 'Live entry: the canary stage is switched on for config.', known: '' });
    await waitFor(async () => (await (await call('GET', `/${pm.id}/export.md`, participant)).text()).includes('Live entry: the canary stage'), {
      message: 'the live edit in the export',
    });

    // Private parts, made through the API.
    const secrets = {
      triageDecision: 'TRIAGE-DECISION: skipping the canary for config change 4471',
      triageNotes: 'TRIAGE-NOTES: same pressure, same tools, same choice',
      pendingNote: 'PENDING-NOTE: the pool limit nearly changed in September as well',
      dismissedNote: 'DISMISSED-NOTE: not really a near miss after all',
      dismissalReason: 'DISMISSAL-REASON: the kind is decided next week',
      overrideReason: 'OVERRIDE-REASON: publishing before the owner is named',
    };
    const approvedNote = 'APPROVED-NOTE: staging pool sizes differ from production';
    await ok(call('POST', `/${pm.id}/triage`, facilitator, { decision: secrets.triageDecision, notes: secrets.triageNotes, malice: 'no', knowingViolation: 'no', substitution: 'yes' }), 201);
    for (const text of [secrets.pendingNote, secrets.dismissedNote, approvedNote]) await ok(call('POST', `/${pm.id}/near-misses`, participant, { text }), 202);
    const { notes } = (await ok(call('GET', `/${pm.id}/near-misses`, facilitator))) as { notes: { id: string; text: string }[] };
    const noteId = (text: string) => notes.find((n) => n.text === text)!.id;
    await ok(call('POST', `/${pm.id}/near-misses/${noteId(approvedNote)}/approve`, facilitator));
    await ok(call('POST', `/${pm.id}/near-misses/${noteId(secrets.dismissedNote)}/dismiss`, facilitator));
    const checks = (await ok(call('GET', `/${pm.id}/checks`, facilitator))) as { findings: Finding[] };
    const warning = checks.findings.find((f) => f.severity !== 'error')!;
    await ok(call('POST', `/${pm.id}/checks/${encodeURIComponent(warning.id)}/dismiss`, facilitator, { reason: secrets.dismissalReason }));
    await ok(call('POST', `/${pm.id}/publish`, facilitator, { overrideReason: secrets.overrideReason }));
    const header = (await ok(call('GET', `/${pm.id}`, facilitator))) as PostmortemResponse;
    expect(header.publish?.overrideReason).toBe(secrets.overrideReason); // stored, so its absence below means something

    const forbidden = [...Object.values(secrets), ...Object.values(pm.tokens), ...Object.values(pm.tokens).map(hashToken)];
    for (const role of ROLES) {
      const token = pm.tokens[role];
      const md = await call('GET', `/${pm.id}/export.md`, token);
      expect(md.status).toBe(200);
      expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(md.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?${FILE}\\.md"?$`));
      expect(md.headers.get('cache-control')).toBe('no-store');
      const markdown = await md.text();
      expect(markdown.startsWith('---\nseverity: SEV2\n')).toBe(true);
      expect(markdown).toContain('# Postmortem: Checkout errors after a connection pool change (#4471)\n');
      expect(markdown).toContain('| 2026-11-02 14:40 UTC | Live entry: the canary stage is switched on for config. |  |');

      const js = await call('GET', `/${pm.id}/export.json`, token);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/^application\/json/);
      expect(js.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?${FILE}\\.json"?$`));
      const text = await js.text();
      const json = JSON.parse(text) as PostmortemExport;
      expect(json).toMatchObject({ format: EXPORT_FORMAT, version: EXPORT_VERSION, postmortem: { id: pm.id, status: 'published' } });
      expect(Date.parse(json.exportedAt)).not.toBeNaN();
      expect(json.postmortem.nearMisses.map((n) => n.text)).toEqual([approvedNote]);
      expect(json.postmortem.timeline).toHaveLength(5);
      expect(json.postmortem.actions).toHaveLength(4);

      for (const secret of forbidden) {
        expect(markdown, role).not.toContain(secret);
        expect(text, role).not.toContain(secret);
      }
    }
  });

  it('answer 404 for an unknown postmortem and 401 without a valid token, in the contract shape', async () => {
    const pm = await imported();
    for (const path of ['export.md', 'export.json']) {
      const unknown = await call('GET', `/unknown-id-123456/${path}`, pm.tokens.viewer);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
      const anonymous = await fetch(`${server.url}/api/postmortems/${pm.id}/${path}`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });
});

describe('import', () => {
  it('creates a postmortem seeded with the file, whose export gives the file back byte for byte', async () => {
    const res = await importMarkdown(RICH, 'text/markdown; charset=utf-8');
    expect(res.status).toBe(201);
    const pm = (await res.json()) as ImportPostmortemResponse;
    expect(res.headers.get('location')).toBe(`/api/postmortems/${pm.id}`);
    expect(Object.keys(pm.tokens).sort()).toEqual(['facilitator', 'participant', 'viewer']);
    for (const role of ROLES) expect(pm.links[role]).toBe(`${server.url}/p/${pm.id}#t=${pm.tokens[role]}`);
    expect(pm.unmapped).toEqual([]);
    expect(pm.warnings).toEqual([]);

    const header = (await ok(call('GET', `/${pm.id}`, pm.tokens.viewer))) as PostmortemResponse;
    expect(header).toMatchObject({ title: 'Checkout errors after a connection pool change (#4471)', severity: 'SEV2', status: 'draft', role: 'viewer' });

    const client = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
    clients.push(client);
    const s = readSnapshot(client.doc);
    expect(s.meta.services).toEqual(['checkout-api', 'config-service', 'eu-west']);
    expect(s.meta.resolvedAt).toBe('2026-11-02T14:52:00.000Z');
    expect(s.text.summary.split('\n')).toHaveLength(2);
    expect(s.text.trigger).toBe('A configuration change set `max_pool` from 200 to 20.');
    expect(s.timeline.map((e) => e.body)).toContain('Customer support sees the first tickets.');
    expect(s.factors.map((f) => f.category)).toEqual(['tooling', 'process', 'ownership', 'other']);
    expect(s.defenses.map((d) => d.state)).toEqual(['failed', 'absent', 'held']);
    expect(s.actions.map((a) => [a.status, a.factorIds.length])).toEqual([
      ['in-progress', 1],
      ['done', 2],
      ['open', 2],
      ['wont-do', 0],
    ]);
    expect(s.actions[1]!.factorIds).toEqual([s.factors[1]!.id, s.factors[2]!.id]);

    const md = await call('GET', `/${pm.id}/export.md`, pm.tokens.viewer);
    expect(await md.text()).toBe(RICH);
  });

  it('answers what it could not place in a variant layout', async () => {
    const pm = await imported(VARIANT);
    expect(pm.unmapped).toEqual(['Resolution', 'Appendix']);
    expect(pm.warnings).toContain('Times without a time zone were read as UTC.');
    const header = (await ok(call('GET', `/${pm.id}`, pm.tokens.participant))) as PostmortemResponse;
    expect(header.title).toBe('Payment webhook outage, November 2026');
  });

  it('answers what it could not map: header-table rows, unused columns, dropped blocks', async () => {
    const pm = await imported(LOSSY);
    expect(pm.unmapped).toEqual(['What went well', 'Incident commander', 'Duration']);
    expect(pm.warnings).toEqual([
      'Action items column "Priority" was not read.',
      'Action items column "Ticket" was not read.',
      'Action items: a code block ("rotate-certs --verify-all --pools=login") was not read.',
    ]);
    const client = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
    clients.push(client);
    const s = readSnapshot(client.doc);
    expect(s.meta).toMatchObject({ severity: 'SEV2', services: ['identity', 'login-web'] });
    expect(s.timeline.map((e) => e.at)).toEqual(['2026-03-14T23:40:00.000Z', '2026-03-14T23:52:00.000Z', '2026-03-15T00:30:00.000Z']);
    expect(s.actions.map((a) => [a.owner, a.due, a.status])).toEqual([
      ['Identity team', '2026-04-01', 'open'],
      ['Identity team', '2026-03-20', 'done'],
    ]);
  });

  it.each([
    ['20 KB of nested quotes', DEEP_QUOTES],
    ['20 KB of nested list items', DEEP_LISTS],
  ])('refuses %s with 400 and says why, in the contract error shape', async (_name, body) => {
    const res = await importMarkdown(body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: 'the Markdown is too deeply nested (more than 100 levels of block quotes or lists)' },
    });
    // The server is fine afterwards.
    expect((await importMarkdown(RICH)).status).toBe(201);
  });

  it('reads files off the socket loop and refuses one that takes longer than IMPORT_TIME_LIMIT_MS, then reads the next', async () => {
    // Thousands of nested emphasis runs: quadratic for the Markdown parser (seconds for 24 KB).
    const slow = `${DEEP_HEAD}${'*a '.repeat(4_000)}x${' a*'.repeat(4_000)}\n`;
    const limited = await startTestServer({ importTimeLimitMs: 300 });
    try {
      const order: string[] = [];
      const refused = fetch(`${limited.url}/api/postmortems/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: slow }).then(async (res) => {
        order.push('import');
        return { status: res.status, body: (await res.json()) as unknown };
      });
      // While that file is being read, the server still answers.
      const health = await fetch(`${limited.url}/healthz`);
      order.push('healthz');
      expect(health.status).toBe(200);
      expect(await refused).toEqual({
        status: 400,
        body: { error: { code: 'bad_request', message: 'the Markdown took longer than 0.3 s to read (deeply nested formatting?)' } },
      });
      expect(order).toEqual(['healthz', 'import']);
      const next = await fetch(`${limited.url}/api/postmortems/import`, { method: 'POST', headers: { 'content-type': 'text/markdown' }, body: RICH });
      expect(next.status).toBe(201);
    } finally {
      await limited.stop();
    }
  });

  it('the command line refuses deeply nested files in one line each, with exit status 2', async () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'second-story-deep-'));
    try {
      const files = { 'quotes.md': DEEP_QUOTES, 'lists.md': DEEP_LISTS };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(join(dir, name), text);
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [BIN, 'lint', ...Object.keys(files)], { cwd: dir }, (error, stdout, stderr) => {
          resolve({ code: typeof error?.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
        });
      });
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'second-story: quotes.md: is too deeply nested (more than 100 levels of block quotes or lists)\n' +
          'second-story: lists.md: is too deeply nested (more than 100 levels of block quotes or lists)\n',
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['an empty body', 400, 'bad_request', '', 'text/markdown'],
    ['white space only', 400, 'bad_request', ' \n\n ', 'text/markdown'],
    ['text that is no postmortem', 400, 'bad_request', 'just a few words', 'text/markdown'],
    ['binary garbage', 400, 'bad_request', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), randomBytes(2048)]), 'text/markdown'],
    ['JSON', 415, 'unsupported_media_type', '{"title":"x"}', 'application/json'],
    ['plain text', 415, 'unsupported_media_type', RICH, 'text/plain'],
    ['no content type', 415, 'unsupported_media_type', RICH, null],
    ['a body over the limit', 413, 'payload_too_large', `# Postmortem: Big\n\n## Summary\n${'x'.repeat(testConfig().bodyLimitBytes)}\n`, 'text/markdown'],
  ] as const)('refuses %s with %i %s, in the contract error shape', async (_name, status, code, body, type) => {
    const res = await importMarkdown(body, type);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = (await res.json()) as { error: { code: string; message: string } };
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(answer)).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
