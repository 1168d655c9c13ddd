import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActionListResponse, MetricsResponse, PostmortemListResponse, SimilarResponse } from '../../shared/api/dashboard.ts';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { METRIC_IDS } from '../../shared/metrics/definitions.ts';
import { addAction, addFactor, fillFragment, roots, setActionStatus } from '../../shared/schema/index.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { ORG_TOKEN_FILE } from '../../server/dashboard/org-token.ts';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

let server: TestServer;
const clients: TestClient[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function get(url: string, token: string | null, headers: Record<string, string> = {}) {
  return fetch(url, { headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } });
}

async function dash<T>(urlPath: string, token: string = server.org.token, base = server.url): Promise<T> {
  const res = await get(`${base}${urlPath}`, token);
  if (res.status !== 200) throw new Error(`${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

async function join(pm: CreatePostmortemResponse, role: 'facilitator' | 'participant' = 'participant'): Promise<TestClient> {
  const client = await connectClient(server.wsUrl, pm.id, pm.tokens[role]);
  clients.push(client);
  return client;
}

/** Writes header fields and factors the way the editor does. */
function describeIncident(doc: Y.Doc, header: { services: string[]; startedAt: string; detectedAt?: string; resolvedAt?: string }, factors: string[]): void {
  doc.transact(() => {
    const { meta } = roots(doc);
    (meta.get('services') as Y.Array<string>).push(header.services);
    meta.set('startedAt', header.startedAt);
    if (header.detectedAt) meta.set('detectedAt', header.detectedAt);
    if (header.resolvedAt) meta.set('resolvedAt', header.resolvedAt);
  });
  for (const body of factors) addFactor(doc, { category: 'tooling', body });
}

async function listed(query: string): Promise<string[]> {
  return (await dash<PostmortemListResponse>(`/api/postmortems?${query}`)).items.map((i) => i.id);
}

describe('the organisation token', () => {
  const DASHBOARD = ['/api/postmortems', '/api/actions', '/api/metrics'];

  it('is generated once, kept in the data folder (0600) and reused by the next start', async () => {
    expect(server.org.source).toBe('generated');
    const file = path.join(server.dataDir, ORG_TOKEN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(server.org.token);
    expect(server.org.token.length).toBeGreaterThanOrEqual(40);
    expect(server.logLines.join('\n')).not.toContain(server.org.token);

    const dataDir = tempDir();
    const first = await startTestServer({ dataDir });
    const token = first.org.token;
    await first.stop();
    const second = await startTestServer({ dataDir });
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => second.stop());
    expect(second.org).toEqual({ token, source: 'file' });
    expect((await get(`${second.url}/api/metrics`, token)).status).toBe(200);
  });

  it('comes from ORG_TOKEN when set, and then no file is written', async () => {
    const configured = await startTestServer({ orgToken: 'configured-organisation-token-0123456789' });
    cleanups.push(() => configured.stop());
    expect(configured.org.source).toBe('config');
    expect(fs.existsSync(path.join(configured.dataDir, ORG_TOKEN_FILE))).toBe(false);
    expect((await get(`${configured.url}/api/postmortems`, 'configured-organisation-token-0123456789')).status).toBe(200);
  });

  it('is printed at start-up only by the start that generated it', async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startChildServer(dataDir, { ORG_TOKEN: '' });
    cleanups.push(() => first.stop());
    const line = await waitFor(() => first.output.find((l) => l.startsWith('Dashboard token: ')), { message: 'token line' });
    const token = fs.readFileSync(path.join(dataDir, ORG_TOKEN_FILE), 'utf8').trim();
    expect(line).toBe(`Dashboard token: ${token}`);
    // The token line and the dashboard link, nothing else (the JSON log never carries it).
    const link = await waitFor(() => first.output.find((l) => l.startsWith('Open the learning dashboard at ')), { message: 'link line' });
    expect(link).toBe(`Open the learning dashboard at ${first.url}/dashboard#org=${token}`);
    expect(first.output.filter((l) => l.includes(token))).toEqual([line, link]);
    await first.stop();
    const second = await startChildServer(dataDir, { ORG_TOKEN: '' });
    cleanups.push(() => second.stop());
    expect((await get(`${second.url}/api/actions`, token)).status).toBe(200);
    await second.stop();
    expect(second.output.join('\n')).not.toContain(token);
    expect(second.output.some((l) => l.startsWith('Dashboard token'))).toBe(false);
  });

  it('missing → 401, wrong → 403 (a postmortem token too), in the contract’s error shape', async () => {
    const pm = await createPostmortemOverHttp(server.url);
    for (const route of DASHBOARD) {
      await expectError(await get(`${server.url}${route}`, null), 401, 'unauthorized');
      await expectError(await get(`${server.url}${route}`, 'not-the-organisation-token'), 403, 'forbidden');
      await expectError(await get(`${server.url}${route}`, pm.tokens.facilitator), 403, 'forbidden');
      const ok = await get(`${server.url}${route}`, server.org.token);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('no-store');
    }
    // Creating a postmortem still needs no token.
    expect((await createPostmortemOverHttp(server.url, { title: 'Still open to anyone' })).id).toBeTruthy();
  });

  it('reads every postmortem as a viewer (the dashboard links back to them) and writes nothing', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Read by the organisation lead', severity: 'SEV3' });
    const writer = await join(pm);
    fillFragment(writer.doc.getXmlFragment('summary'), 'The cache tier ran out of memory.');
    const lead = await connectClient(server.wsUrl, pm.id, server.org.token);
    clients.push(lead);
    await waitFor(() => lead.doc.getXmlFragment('summary').toString().includes('ran out of memory'), { message: 'the lead reads the summary' });
    // A write from the organisation token is refused like any viewer's, and reaches no one.
    fillFragment(lead.doc.getXmlFragment('impact'), 'Written by the lead');
    await waitFor(() => lead.closeCodes.includes(4403), { message: 'the lead’s write refused' });
    expect(writer.doc.getXmlFragment('impact').toString()).not.toContain('Written by the lead');

    const info = await dash<{ role: string }>(`/api/postmortems/${pm.id}`);
    expect(info.role).toBe('viewer');
    expect((await get(`${server.url}/api/postmortems/${pm.id}/export.md`, server.org.token)).status).toBe(200);
    // Facilitator-only parts stay closed to it.
    await expectError(await get(`${server.url}/api/postmortems/${pm.id}/near-misses`, server.org.token), 403, 'forbidden');
    await expectError(await get(`${server.url}/api/postmortems/${pm.id}/triage`, server.org.token), 403, 'forbidden');
  });

  it('counts wrong tokens as failed attempts: the address then waits (429), the right token still works', async () => {
    const limited = await startTestServer({ authFailuresPerMinute: 3 });
    cleanups.push(() => limited.stop());
    for (let i = 0; i < 3; i += 1) expect((await get(`${limited.url}/api/metrics`, `wrong-${i}`)).status).toBe(403);
    await expectError(await get(`${limited.url}/api/metrics`, 'wrong-again'), 429, 'rate_limited');
    expect((await get(`${limited.url}/api/metrics`, limited.org.token)).status).toBe(200);
  });
});

describe('the dashboard index follows every save', () => {
  it('lists postmortems with what their documents say, and filters them', async () => {
    const checkout = await createPostmortemOverHttp(server.url, { title: 'Checkout 502s after a pool change', severity: 'SEV2' });
    const search = await createPostmortemOverHttp(server.url, { title: 'Empty search results', severity: 'SEV3' });
    const a = await join(checkout);
    describeIncident(a.doc, { services: ['checkout-api', 'config-service'], startedAt: '2025-05-02T10:00:00.000Z', detectedAt: '2025-05-02T10:11:00.000Z', resolvedAt: '2025-05-02T11:00:00.000Z' }, [
      'Config changes bypass canary analysis.',
      'Nobody owns pool saturation alerts.',
    ]);
    const b = await join(search);
    describeIncident(b.doc, { services: ['search'], startedAt: '2025-06-20T08:00:00.000Z' }, ['The reindex job swaps the alias without a count check.']);

    await waitFor(async () => (await listed('service=checkout-api')).includes(checkout.id) && (await listed('service=search')).includes(search.id), {
      message: 'index updated after the checks settled',
    });
    const row = (await dash<PostmortemListResponse>('/api/postmortems?q=pool')).items.find((i) => i.id === checkout.id)!;
    expect(row).toMatchObject({
      title: 'Checkout 502s after a pool change',
      severity: 'SEV2',
      status: 'draft',
      services: ['checkout-api', 'config-service'],
      startedAt: '2025-05-02T10:00:00.000Z',
      resolvedAt: '2025-05-02T11:00:00.000Z',
      publishedAt: null,
      timeToPublishDays: null,
      link: `/p/${checkout.id}`,
    });
    expect(row.openFindings.warning + row.openFindings.error).toBeGreaterThan(0);

    expect(await listed('q=canary')).toEqual([checkout.id]);
    expect(await listed('q=alias%20count')).toEqual([search.id]);
    expect(await listed('service=CONFIG-SERVICE')).toEqual([checkout.id]);
    expect(await listed('from=2025-06-01&to=2025-06-30')).toEqual([search.id]);
    expect(await listed('from=2025-05-02&to=2025-05-02')).toEqual([checkout.id]);
    expect(await listed('severity=SEV2&q=pool')).toEqual([checkout.id]);
    expect(await listed('severity=SEV4&q=pool')).toEqual([]);
    expect(await listed('status=published&q=pool')).toEqual([]);
    // Empty parameters, as a form sends them, mean no filter.
    expect(await listed('q=canary&service=&severity=&from=&to=')).toEqual([checkout.id]);

    const page = await dash<PostmortemListResponse>('/api/postmortems?limit=1&offset=1');
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ limit: 1, offset: 1 });
    expect(page.total).toBeGreaterThanOrEqual(2);

    for (const bad of ['severity=SEV9', 'from=yesterday', 'limit=0', 'limit=5000', 'colour=red', 'status=closed']) {
      await expectError(await get(`${server.url}/api/postmortems?${bad}`, server.org.token), 400, 'bad_request');
    }
  });

  it('the action tracker reflects an item added and then closed in the document', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Billing run stopped on a full disk' });
    const client = await join(pm);
    addAction(client.doc, { action: 'Rebuild batch hosts from the standard image', kind: 'automation', owner: 'Billing team', due: '2020-01-15' });
    const mine = async (query = '') => (await dash<ActionListResponse>(`/api/actions?postmortem=${pm.id}${query}`)).items;
    const [open] = await waitFor(async () => {
      const items = await mine();
      return items.length === 1 ? items : null;
    }, { message: 'new action listed' });
    expect(open).toMatchObject({
      action: 'Rebuild batch hosts from the standard image',
      kind: 'automation',
      owner: 'Billing team',
      status: 'open',
      overdue: true,
      closedAt: '',
      postmortem: { id: pm.id, title: 'Billing run stopped on a full disk', link: `/p/${pm.id}` },
    });
    expect(Date.parse(open!.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await dash<ActionListResponse>('/api/actions?overdue=true&owner=billing%20team')).items.map((i) => i.id)).toContain(open!.id);
    expect((await dash<ActionListResponse>('/api/actions?owner=billing%20team')).owners).toContainEqual({ owner: 'Billing team', open: 1, overdue: 1 });

    setActionStatus(roots(client.doc).actions.get(0), 'done');
    const [done] = await waitFor(async () => {
      const items = await mine('&status=done');
      return items.length === 1 ? items : null;
    }, { message: 'closed action listed as done' });
    expect(done).toMatchObject({ id: open!.id, status: 'done', overdue: false });
    expect(done!.closedAt).not.toBe('');
    expect(await mine('&status=open,in-progress')).toEqual([]);
    const row = (await dash<PostmortemListResponse>(`/api/postmortems?q=billing%20run`)).items.find((i) => i.id === pm.id)!;
    expect(row.actions).toEqual({ total: 1, open: 0, overdue: 0, done: 1, wontDo: 0 });
  });

  it('shows a publication at once, with its time to publish', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Published quickly' });
    const client = await join(pm, 'facilitator');
    describeIncident(client.doc, { services: ['publish-test'], startedAt: '2025-03-01T10:00:00.000Z', resolvedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }, ['One factor.']);
    fillFragment(client.doc.getXmlFragment('summary'), 'Summary text.');
    await waitFor(async () => (await listed('service=publish-test')).length === 1, { message: 'indexed' });
    const res = await fetch(`${server.url}/api/postmortems/${pm.id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pm.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ overrideReason: 'Published for the dashboard test.' }),
    });
    expect(res.status).toBe(200);
    const row = (await dash<PostmortemListResponse>('/api/postmortems?service=publish-test')).items[0]!;
    expect(row.status).toBe('published');
    expect(Date.parse(row.publishedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(row.timeToPublishDays).toBeCloseTo(2, 1);
  });
});

describe('similar past incidents and repeats', () => {
  it('lists earlier postmortems like this one, explained; a facilitator marks one as a repeat', async () => {
    const earlier = await createPostmortemOverHttp(server.url, { title: 'Cache stampede on product pages' });
    const later = await createPostmortemOverHttp(server.url, { title: 'Cache stampede again' });
    const e = await join(earlier);
    describeIncident(e.doc, { services: ['product-cache', 'cdn-edge'], startedAt: '2025-02-01T00:00:00.000Z' }, [
      'Cache entries for product pages expire together and stampede the origin.',
      'The origin has no request coalescing.',
    ]);
    const l = await join(later);
    describeIncident(l.doc, { services: ['product-cache'], startedAt: '2025-04-01T00:00:00.000Z' }, ['Product page cache entries expire together and stampede the origin.']);
    await waitFor(async () => (await listed('service=product-cache')).length === 2, { message: 'both indexed' });

    const similar = (token: string) => get(`${server.url}/api/postmortems/${later.id}/similar`, token);
    const byRole = (await (await similar(later.tokens.viewer)).json()) as SimilarResponse;
    expect(byRole.repeatOf).toBeNull();
    const [match] = byRole.similar;
    expect(match).toMatchObject({ id: earlier.id, title: 'Cache stampede on product pages', sharedServices: ['product-cache'], markedRepeat: false });
    expect(match!.factorSimilarity).toBeGreaterThan(0.3);
    expect(match!.explanation).toMatch(/^shares product-cache; factors 0\.\d\d similar \(.+\)$/);
    expect(match!.sharedTerms).toEqual(expect.arrayContaining(['stampede', 'origin', 'cache']));
    // Only earlier incidents: the later one is not similar "past" for the earlier.
    expect(((await (await get(`${server.url}/api/postmortems/${earlier.id}/similar`, earlier.tokens.participant)).json()) as SimilarResponse).similar.map((s) => s.id)).not.toContain(later.id);
    // The dashboard reads it with the organisation token.
    expect((await similar(server.org.token)).status).toBe(200);
    await expectError(await get(`${server.url}/api/postmortems/${later.id}/similar`, null), 401, 'unauthorized');
    await expectError(await similar(earlier.tokens.facilitator), 401, 'unauthorized');
    await expectError(await get(`${server.url}/api/postmortems/nosuchpostmortem/similar`, server.org.token), 404, 'not_found');

    const mark = (token: string, body: unknown) =>
      fetch(`${server.url}/api/postmortems/${later.id}/repeat-of`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await expectError(await mark(later.tokens.participant, { postmortemId: earlier.id }), 403, 'forbidden');
    // The organisation token reads as a viewer: it may not mark.
    await expectError(await mark(server.org.token, { postmortemId: earlier.id }), 403, 'forbidden');
    await expectError(await mark(later.tokens.facilitator, { postmortemId: later.id }), 400, 'bad_request');
    await expectError(await mark(later.tokens.facilitator, { postmortemId: 'nosuchpostmortem' }), 404, 'not_found');
    await expectError(await mark(later.tokens.facilitator, { postmortemId: 5 }), 400, 'bad_request');
    const marked = await mark(later.tokens.facilitator, { postmortemId: earlier.id });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ ok: true, repeatOf: earlier.id });

    const after = (await (await similar(later.tokens.participant)).json()) as SimilarResponse;
    expect(after.repeatOf).toBe(earlier.id);
    expect(after.similar[0]).toMatchObject({ id: earlier.id, markedRepeat: true });
    expect(after.similar[0]!.explanation).toMatch(/^marked as a repeat; shares product-cache/);
    // Stored server-side only, never in the shared document.
    expect(roots(l.doc).meta.toJSON()).not.toHaveProperty('repeatOf');

    const metrics = await dash<MetricsResponse>('/api/metrics?from=2025-04&to=2025-04');
    expect(metrics.overall.metrics.repeatIncidentRate.value).toBeGreaterThan(0);
    expect((await dash<PostmortemListResponse>('/api/postmortems?service=product-cache')).items.find((i) => i.id === later.id)!.repeatOf).toBe(earlier.id);

    expect(await (await mark(later.tokens.facilitator, { postmortemId: null })).json()).toEqual({ ok: true, repeatOf: null });
    expect(((await (await similar(later.tokens.participant)).json()) as SimilarResponse).repeatOf).toBeNull();
  });
});

describe('GET /api/metrics', () => {
  it('answers the last 12 months by default, with definitions, and any range asked for', async () => {
    const report = await dash<MetricsResponse>('/api/metrics');
    expect(report.months).toHaveLength(12);
    expect(report.to).toBe(new Date().toISOString().slice(0, 7));
    expect(report.definitions.map((d) => d.id)).toEqual([...METRIC_IDS]);
    for (const d of report.definitions) expect(d.definition.length).toBeGreaterThan(40);

    const ranged = await dash<MetricsResponse>('/api/metrics?from=2025-01&to=2025-06');
    expect(ranged.months.map((m) => m.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(ranged.months[0]).toMatchObject({ postmortems: 0, published: 0 });
    expect(ranged.months[0]!.metrics.actionCompletionRate).toEqual({ value: null, n: 0 });
    expect((await dash<MetricsResponse>('/api/metrics?from=2024-03')).to).toBe('2025-02');
    expect((await dash<MetricsResponse>('/api/metrics?to=2025-02&tz=Europe/Berlin')).from).toBe('2024-03');

    for (const bad of ['from=2025-13', 'from=2025-06&to=2025-01', 'from=2000-01&to=2025-01', 'tz=Mars/Olympus', 'format=xml', 'from=2025-1']) {
      await expectError(await get(`${server.url}/api/metrics?${bad}`, server.org.token), 400, 'bad_request');
    }
  });

  it('returns the same numbers as CSV with ?format=csv or Accept: text/csv', async () => {
    const json = await dash<MetricsResponse>('/api/metrics?from=2025-01&to=2025-06');
    for (const res of [
      await get(`${server.url}/api/metrics?from=2025-01&to=2025-06&format=csv`, server.org.token),
      await get(`${server.url}/api/metrics?from=2025-01&to=2025-06`, server.org.token, { accept: 'text/csv' }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?second-story-metrics-2025-01-2025-06\.csv"?$/);
      const [header, ...rows] = (await res.text()).trimEnd().split('\r\n');
      const columns = header!.split(',');
      expect(rows).toHaveLength(7);
      const cells = rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [columns[i], v])));
      [...json.months, json.overall].forEach((period, i) => {
        expect(cells[i]!.period).toBe(period.period);
        expect(cells[i]!.postmortems).toBe(String(period.postmortems));
        for (const id of METRIC_IDS) expect(cells[i]![id]).toBe(period.metrics[id].value === null ? '' : String(period.metrics[id].value));
      });
    }
  });
});

describe('the index on disk', () => {
  const silent = createLogger('silent');

  it('appends only the changed entries after a save, and a restart after a crash replays them', async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const store = await EmbeddedStore.open({ dataDir, logger: silent, indexWriteDelayMs: 5 });
    cleanups.push(() => store.close());
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) ids.push((await createPostmortem(store, { title: `Filler ${i}` })).id);
    await waitFor(() => fs.existsSync(path.join(dataDir, 'index.json')), { message: 'first index written whole' });
    const snapshot = fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8');

    await store.updateIndexEntry(ids[3]!, { services: ['after-the-snapshot'], nearMisses: 4 });
    const log = path.join(dataDir, 'index.log');
    await waitFor(() => fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('after-the-snapshot'), { message: 'entry appended' });
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(JSON.parse(lines.at(-1)!).e).toMatchObject({ id: ids[3], services: ['after-the-snapshot'], nearMisses: 4 });
    expect(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')).toBe(snapshot);

    // A torn last line, as after kill -9 in the middle of an append.
    fs.appendFileSync(log, '{"s":999,"e":{"id":"torn');
    const reopened = await EmbeddedStore.open({ dataDir, logger: silent });
    expect(await reopened.getIndexEntry(ids[3]!)).toMatchObject({ services: ['after-the-snapshot'], nearMisses: 4 });
    expect(await reopened.listIndex()).toHaveLength(20);
    await reopened.close();
    expect(fs.readFileSync(log, 'utf8')).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')).postmortems[ids[3]!].services).toEqual(['after-the-snapshot']);
  });

  it('folds the log into index.json once it outgrows it, and never replays lines the snapshot holds', async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const store = await EmbeddedStore.open({ dataDir, logger: silent, indexWriteDelayMs: 1, indexCompactAfterBytes: 2_000 });
    const { id } = await createPostmortem(store, { title: 'Often saved' });
    const log = path.join(dataDir, 'index.log');
    for (let i = 0; i < 40; i += 1) {
      await store.updateIndexEntry(id, { nearMisses: i });
      await waitFor(async () => fs.existsSync(path.join(dataDir, 'index.json')) && !(await isDirty()), { message: `write ${i}` });
    }
    async function isDirty() {
      const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')) as { seq: number; postmortems: Record<string, { nearMisses?: number }> };
      const lines = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { s: number; e: { nearMisses?: number } }) : [];
      const latest = lines.filter((l) => l.s > onDisk.seq).at(-1)?.e ?? onDisk.postmortems[id];
      return latest?.nearMisses !== (await store.getIndexEntry(id))?.nearMisses;
    }
    expect(fs.statSync(log).size).toBeLessThan(4_000);
    const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'index.json'), 'utf8')) as { seq: number };
    expect(onDisk.seq).toBeGreaterThan(0);
    // A stale line left behind (as after a crash between the rename and the truncation) is not replayed.
    fs.appendFileSync(log, `${JSON.stringify({ s: 1, e: { ...(await store.getIndexEntry(id)), nearMisses: -1 } })}\n`);
    const reopened = await EmbeddedStore.open({ dataDir, logger: silent });
    expect((await reopened.getIndexEntry(id))?.nearMisses).toBe(39);
    await reopened.close();
    await store.close();
  });
});

describe('demo data', () => {
  it('generates at least 40 postmortems over 12 months whose metrics are all non-empty', async () => {
    const dataDir = tempDir('second-story-demo-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const now = new Date();
    const summary = await generateDemo({ dataDir, seed: 7, now });
    expect(summary.postmortems).toBeGreaterThanOrEqual(40);

    const demo = await startTestServer({ dataDir });
    cleanups.push(() => demo.stop());
    const token = demo.org.token;
    const list = await dash<PostmortemListResponse>('/api/postmortems?limit=1000', token, demo.url);
    expect(list.total).toBe(summary.postmortems);
    expect(new Set(list.items.map((i) => i.status))).toEqual(new Set(['draft', 'in-review', 'published']));
    expect(list.items.filter((i) => i.repeatOf !== null).length).toBe(summary.repeats);
    expect(list.items.filter((i) => i.publishedAt !== null).length).toBe(summary.published);

    const actions = await dash<ActionListResponse>('/api/actions?limit=5000', token, demo.url);
    expect(actions.total).toBe(summary.actions);
    const statuses = new Set(actions.items.map((a) => a.status));
    expect(statuses).toEqual(new Set(['open', 'in-progress', 'done', 'wont-do']));
    expect(actions.items.some((a) => a.overdue)).toBe(true);

    const metrics = await dash<MetricsResponse>('/api/metrics', token, demo.url);
    expect(metrics.overall.postmortems).toBe(summary.postmortems);
    for (const id of METRIC_IDS) expect(metrics.overall.metrics[id].value, id).not.toBeNull();
    expect(metrics.months.filter((m) => m.postmortems > 0).length).toBeGreaterThanOrEqual(11);

    // The same seed and month give the same organisation.
    const otherDir = tempDir('second-story-demo-');
    cleanups.push(() => fs.rmSync(otherDir, { recursive: true, force: true }));
    expect(await generateDemo({ dataDir: otherDir, seed: 7, now })).toEqual(summary);
  });

  it('npm run demo refuses a data folder that is not empty', async () => {
    const dataDir = tempDir('second-story-demo-');
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dataDir, 'index.json'), '{}');
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--force') });
    expect(fs.readdirSync(dataDir)).toEqual(['index.json']);
  });
});
