/**
 * Every HTTP endpoint with fuzzed methods, path parameters, query strings, headers and bodies.
 * Whatever comes in: never a 5xx, every error in the contract's JSON shape with a 4xx status,
 * and a refused request changes nothing that is stored.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/api/types.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { count, report, scaled, SEED, timeoutFor } from './helpers/budget.ts';

const RUNS = scaled(600, 100);

let server: TestServer;
let pms: { id: string; tokens: Record<Role, string> }[] = [];
beforeAll(async () => {
  server = await startTestServer({ bodyLimitBytes: 4096, authFailuresPerMinute: 1_000_000, notesPerWindow: 1_000_000 });
  pms = [await createPostmortemOverHttp(server.url), await createPostmortemOverHttp(server.url, { title: 'Second', severity: 'SEV1' })];
});
afterAll(async () => {
  await server?.stop();
});

const ROUTES: readonly [string, string][] = [
  ['GET', '/healthz'],
  ['POST', '/api/postmortems'],
  ['POST', '/api/postmortems/import'],
  ['GET', '/api/postmortems'],
  ['GET', '/api/actions'],
  ['GET', '/api/metrics'],
  ['GET', '/api/postmortems/:id'],
  ['GET', '/api/postmortems/:id/checks'],
  ['POST', '/api/postmortems/:id/checks/:sub/dismiss'],
  ['POST', '/api/postmortems/:id/checks/:sub/restore'],
  ['POST', '/api/postmortems/:id/publish'],
  ['POST', '/api/postmortems/:id/near-misses'],
  ['GET', '/api/postmortems/:id/near-misses'],
  ['POST', '/api/postmortems/:id/near-misses/:sub/approve'],
  ['POST', '/api/postmortems/:id/near-misses/:sub/dismiss'],
  ['GET', '/api/postmortems/:id/triage'],
  ['POST', '/api/postmortems/:id/triage'],
  ['PUT', '/api/postmortems/:id/triage/:sub'],
  ['DELETE', '/api/postmortems/:id/triage/:sub'],
  ['GET', '/api/postmortems/:id/similar'],
  ['POST', '/api/postmortems/:id/repeat-of'],
  ['GET', '/api/postmortems/:id/export.md'],
  ['GET', '/api/postmortems/:id/export.json'],
  ['GET', '/api/:sub'],
];

const FIELDS = ['title', 'severity', 'text', 'reason', 'overrideReason', 'postmortemId', 'decision', 'malice', 'knowingViolation', 'substitution', 'notes', '__proto__', 'constructor'];
const QUERY_KEYS = ['q', 'service', 'severity', 'status', 'from', 'to', 'limit', 'offset', 'format', 'tz', 'kind', 'owner', 'overdue', 'postmortem', 'token'];
const weird = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', '..', '%', '%00', '%zz', '../../etc/passwd', 'AAAAAAAAAAAAAAAA', '-1', '1e999', 'null', 'SEV1,SEV9', '2026-13-45', 'Europe/Nowhere', 'x'.repeat(3000)),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String),
);

const request = fc.record({
  route: fc.nat({ max: ROUTES.length - 1 }),
  method: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') }),
  target: fc.nat({ max: 1 }),
  id: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: weird }),
  sub: weird,
  auth: fc.constantFrom('none', 'facilitator', 'participant', 'viewer', 'other', 'org', 'garbage', 'bearerOnly', 'basic', 'long'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/markdown', 'text/plain', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', null),
  accept: fc.constantFrom('*/*', 'application/json', 'text/csv', 'text/html', 'image/png;q=0.1'),
  encoding: fc.constantFrom(null, null, null, 'gzip', 'br', 'x-unknown'),
  query: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), weird), { maxLength: 4 }),
  body: fc.oneof(
    fc.constant(undefined),
    fc.json().map((s) => ({ raw: s })),
    fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(weird, fc.jsonValue({ maxDepth: 2 }), fc.constant(null))).map((o) => ({ raw: JSON.stringify(o) })),
    fc.string({ maxLength: 200 }).map((s) => ({ raw: s })),
    fc.uint8Array({ maxLength: 200 }).map((b) => ({ bytes: b })),
    fc.constant({ raw: JSON.stringify({ text: 'y'.repeat(5000) }) }),
    fc.constant({ raw: '{"title": "unterminated' }),
    fc.constant({ raw: '# Postmortem: Fuzz\n\n## Summary\nHello\n' }),
  ),
});
type Req = typeof request extends fc.Arbitrary<infer T> ? T : never;

function authHeader(r: Req): string | undefined {
  const pm = pms[r.target]!;
  const other = pms[1 - r.target]!;
  switch (r.auth) {
    case 'none':
      return undefined;
    case 'facilitator':
    case 'participant':
    case 'viewer':
      return `Bearer ${pm.tokens[r.auth]}`;
    case 'other':
      return `Bearer ${other.tokens.facilitator}`;
    case 'org':
      return `Bearer ${server.org.token}`;
    case 'garbage':
      return `Bearer ${r.sub.replace(/[^\x21-\x7e]/g, 'x') || 'x'}`;
    case 'bearerOnly':
      return 'Bearer';
    case 'basic':
      return 'Basic Zm9vOmJhcg==';
    case 'long':
      return `Bearer ${'a'.repeat(6000)}`;
  }
}

/** Everything stored about both postmortems that a request could change. */
async function storedState(): Promise<string> {
  const parts = [];
  for (const { id } of pms) {
    const entry = await server.store.getIndexEntry(id);
    const room = await server.rooms.peek(id);
    parts.push({
      index: entry && { ...entry, updatedAt: undefined, checkedAt: undefined, openFindings: undefined },
      revision: room ? room.revision : await server.store.getRevision(id),
      private: await server.store.getPrivateState(id),
      notes: await server.store.getPendingNotes(id),
    });
  }
  return JSON.stringify({ parts, count: (await server.store.listIndex()).length });
}

async function send(r: Req): Promise<{ status: number; type: string; text: string; method: string; path: string }> {
  const [routeMethod, template] = ROUTES[r.route]!;
  const method = r.method ?? routeMethod;
  const id = r.id ?? pms[r.target]!.id;
  const path = template.replace(':id', encodeURIComponent(id)).replace(':sub', encodeURIComponent(r.sub));
  const query = new URLSearchParams(r.query).toString();
  const headers: Record<string, string> = { accept: r.accept };
  const auth = authHeader(r);
  if (auth) headers.authorization = auth;
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.encoding) headers['content-encoding'] = r.encoding;
  const hasBody = r.body !== undefined && method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? ('bytes' in r.body! ? r.body.bytes : r.body!.raw) : undefined;
  const res = await fetch(`${server.url}${path}${query ? `?${query}` : ''}`, { method, headers, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), method, path: template };
}

/** What is wrong with an error answer's shape ('' when nothing, or when it is no error). */
function errorShapeProblem(res: { status: number; type: string; text: string; method: string }): string {
  if (res.status < 400 || res.method === 'HEAD') return '';
  if (!res.type.startsWith('application/json')) return `content type ${res.type}`;
  if (/\n\s+at |node_modules/.test(res.text)) return 'a stack trace';
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    return 'not JSON';
  }
  const keysOk = Object.keys(body).join() === 'error' && typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
  return keysOk ? '' : `shape ${res.text.slice(0, 200)}`;
}

describe('HTTP endpoints', () => {
  it(
    `answer ${RUNS} fuzzed requests with contract errors and no side effects when refusing`,
    async () => {
      const started = performance.now();
      const counts: Record<string, number> = {};
      let before = await storedState();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const res = await send(r);
          const what = `${res.method} ${res.path} → ${res.status}`;
          count(counts, res.status < 400 ? 'accepted' : `${res.status}`);
          expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
          expect(errorShapeProblem(res), what).toBe('');
          const after = await storedState();
          expect(res.status >= 400 ? after : before, `${what}: a refused request changed stored state`).toBe(before);
          before = after;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
      expect(server.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([]);
      report('HTTP', counts, started);
    },
    timeoutFor(RUNS, 10),
  );
});
