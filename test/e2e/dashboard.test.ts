/**
 * The learning dashboard in Chromium over the demo organisation: the token gate, every chart
 * drawn with its definition, the postmortem list's filters, the action tracker (live), and the
 * similar-incidents panel where a facilitator marks a repeat.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { ActionListResponse, PostmortemListResponse, SimilarResponse } from '../../shared/api/dashboard.ts';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { METRICS } from '../../shared/metrics/definitions.ts';
import { addAction, addFactor, roots, setActionStatus } from '../../shared/schema/index.ts';
import { CHART_GROUPS } from '../../client/dashboard/chart-groups.ts';
import { generateDemo, type DemoSummary } from '../../scripts/demo/generate.ts';
import { distinctColours, launchBrowser, openPage, seriousAxeViolations, type WatchedPage } from '../helpers/browser.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, tempDir, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { DashboardScreen, PostmortemScreen } from './pages.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');

let server: TestServer;
let dataDir: string;
let demo: DemoSummary;
let browser: Browser;
let lead: WatchedPage;
let dash: DashboardScreen;
const clients: TestClient[] = [];
const pages: WatchedPage[] = [];

async function api<T>(urlPath: string): Promise<T> {
  const res = await fetch(`${server.url}${urlPath}`, { headers: { authorization: `Bearer ${server.org.token}` } });
  if (res.status !== 200) throw new Error(`${urlPath}: ${res.status}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  dataDir = tempDir();
  demo = await generateDemo({ dataDir });
  server = await startTestServer({ dataDir });
  browser = await launchBrowser();
  lead = await openPage(browser, { viewport: { width: 1440, height: 900 } });
  dash = new DashboardScreen(lead.page);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const p of pages) await p.context.close();
  await lead?.context.close();
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the learning dashboard', () => {
  it('asks for the organisation token, refuses a wrong one, and opens from the link, taking the token out of the address', async () => {
    const { page } = lead;
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Organisation token').fill('not-the-token');
    await page.getByRole('button', { name: 'Open the dashboard' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('not the organisation token');
    // The refused attempt logs its 403 in the console; only errors after it count below.
    lead.errors.length = 0;

    await page.goto(`${server.url}/dashboard#org=${server.org.token}`);
    await dash.chart('completion').locator('.metric-chart__plot svg.recharts-surface').first().waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).hash).toBe('');
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    // Kept on this browser: the plain address opens it again.
    await page.goto(`${server.url}/dashboard`);
    await dash.chart('completion').locator('.metric-chart__plot svg.recharts-surface').first().waitFor({ timeout: 15_000 });
  });

  it('draws every metric chart from the demo organisation, each with its exact definition', async () => {
    const { page } = lead;
    for (const group of CHART_GROUPS) {
      await dash.chart(group.id).locator('.metric-chart__plot svg.recharts-surface').first().waitFor({ timeout: 10_000 });
      const marks = await dash.marks(group.id);
      expect(marks.ticks, group.id).toBeGreaterThanOrEqual(4);
      // Lines: one per metric; bars: one per month with a value (most of the 12).
      const [drawn, least] = group.shape === 'line' ? [marks.lines, group.metrics.length] : [marks.bars, 6];
      expect(drawn, group.id).toBeGreaterThanOrEqual(least);
      const caption = await dash.chart(group.id).locator('figcaption').innerText();
      for (const id of group.metrics) expect(caption, id).toContain(METRICS.find((m) => m.id === id)!.definition);
    }
    // The numbers behind a chart, for anyone who cannot read it.
    await dash.chart('completion').getByText('Numbers per month').click();
    expect(await dash.chart('completion').locator('tbody tr').count()).toBe(12);

    fs.mkdirSync(SHOTS, { recursive: true });
    const png = await page.locator('section[aria-labelledby="metrics-heading"]').screenshot({ path: path.join(SHOTS, 'dashboard-metrics.png') });
    expect(png.length).toBeGreaterThan(30_000);
    expect(await distinctColours(page, png)).toBeGreaterThan(20);
  });

  it('filters the postmortem list by severity, status, service, text and date', async () => {
    const { page } = lead;
    await expect.poll(() => dash.count('postmortem-count')).toBe(demo.postmortems);
    expect(await dash.postmortemRows().count()).toBe(25);
    const list = page.getByRole('search', { name: 'Filter postmortems' });

    await list.getByLabel('Severity').selectOption('SEV2');
    const sev2 = (await api<PostmortemListResponse>('/api/postmortems?severity=SEV2')).total;
    expect(sev2).toBeGreaterThan(0);
    await expect.poll(() => dash.count('postmortem-count')).toBe(sev2);
    expect(new Set(await dash.column('postmortem-table', 1))).toEqual(new Set(['SEV2']));

    await list.getByLabel('Status').selectOption('published');
    const both = (await api<PostmortemListResponse>('/api/postmortems?severity=SEV2&status=published')).total;
    await expect.poll(() => dash.count('postmortem-count')).toBe(both);
    expect(new Set(await dash.column('postmortem-table', 2))).toEqual(new Set(['published']));

    await list.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => dash.count('postmortem-count')).toBe(demo.postmortems);

    await list.getByLabel('Search').fill('dns resolver');
    const found = await api<PostmortemListResponse>('/api/postmortems?q=dns%20resolver');
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(demo.postmortems);
    await expect.poll(() => dash.count('postmortem-count')).toBe(found.total);
    expect(await page.getByTestId('postmortem-table').locator('tbody th a').allInnerTexts()).toEqual(found.items.map((i) => i.title));
    await list.getByLabel('Search').fill('');

    const service = found.items[0]!.services[0]!;
    await list.getByLabel('Service').fill(service);
    const byService = (await api<PostmortemListResponse>(`/api/postmortems?service=${encodeURIComponent(service)}`)).total;
    await expect.poll(() => dash.count('postmortem-count')).toBe(byService);
    for (const cell of await dash.column('postmortem-table', 3)) expect(cell).toContain(service);
    await list.getByLabel('Service').fill('');

    const all = await api<PostmortemListResponse>('/api/postmortems?limit=1000');
    const days = all.items.map((i) => (i.startedAt || i.createdAt).slice(0, 10)).sort();
    const from = days[Math.floor(days.length / 2)]!;
    await list.getByLabel('Started from').fill(from);
    const since = (await api<PostmortemListResponse>(`/api/postmortems?from=${from}`)).total;
    expect(since).toBeGreaterThan(0);
    expect(since).toBeLessThan(demo.postmortems);
    await expect.poll(() => dash.count('postmortem-count')).toBe(since);
    await list.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => dash.count('postmortem-count')).toBe(demo.postmortems);
  });

  it('tracks action items: not closed by default, overdue only, by owner, each linking back to its postmortem', async () => {
    const { page } = lead;
    const form = page.getByRole('form', { name: 'Filter action items' });
    const notClosed = await api<ActionListResponse>('/api/actions?status=open,in-progress');
    await expect.poll(() => dash.count('action-count')).toBe(notClosed.total);
    expect(new Set(await dash.column('action-table', 4))).toEqual(new Set(['open', 'in-progress']));

    await form.getByLabel('Overdue only').check();
    const overdue = await api<ActionListResponse>('/api/actions?status=open,in-progress&overdue=true');
    expect(overdue.total).toBeGreaterThan(0);
    await expect.poll(() => dash.count('action-count')).toBe(overdue.total);
    expect(await page.getByTestId('action-table').locator('tbody td.overdue').count()).toBe(Math.min(25, overdue.total));
    await form.getByLabel('Overdue only').uncheck();

    const owner = notClosed.owners.find((o) => o.owner)!.owner;
    await form.getByLabel('Owner').selectOption(owner);
    await expect.poll(async () => new Set(await dash.column('action-table', 2))).toEqual(new Set([owner]));
    await form.getByLabel('Owner').selectOption('');

    // Back to the postmortem, read-only with the organisation token.
    const first = dash.trackerRows().first();
    const title = await first.locator('td').last().innerText();
    const reader = await openPage(browser);
    pages.push(reader);
    const href = await first.locator('td a').getAttribute('href');
    expect(href).toMatch(/^\/p\/[\w-]+#t=/);
    await new PostmortemScreen(reader.page).open(`${server.url}${href}`, 'Org lead');
    await expect.poll(() => reader.page.locator('.topbar h1').innerText().catch(() => '')).toBe(title);
    await reader.page.getByTestId('readonly-badge').waitFor();
  });

  it('shows an action item added in a document at once, and drops it when it is closed', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Ledger exports stalled', severity: 'SEV3' });
    const writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
    clients.push(writer);
    const text = 'Alert when the ledger export queue stops draining';
    addAction(writer.doc, { action: text, kind: 'control', owner: 'Ledger team', due: '2026-01-15', status: 'open' });
    const row = dash.trackerRows().filter({ hasText: text });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('td').nth(1).innerText()).toBe('Ledger team');
    expect(await row.locator('td a').innerText()).toBe('Ledger exports stalled');

    setActionStatus(roots(writer.doc).actions.get(0), 'done');
    await row.waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('passes axe without serious or critical violations, with no console errors', async () => {
    expect(await seriousAxeViolations(lead.page)).toEqual([]);
    expect(lead.errors).toEqual([]);
  });
});

/** A postmortem on the ledger-export service with these contributing factors, written by a participant. */
async function incident(title: string, startedAt: string, factors: string[]): Promise<CreatePostmortemResponse> {
  const pm = await createPostmortemOverHttp(server.url, { title, severity: 'SEV2' });
  const client = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
  clients.push(client);
  const doc: Y.Doc = client.doc;
  doc.transact(() => {
    const { meta } = roots(doc);
    (meta.get('services') as Y.Array<string>).push(['ledger-export']);
    meta.set('startedAt', startedAt);
  });
  for (const body of factors) addFactor(doc, { category: 'tooling', body });
  return pm;
}

describe('similar past incidents', () => {
  it('lists earlier incidents like this one beside the document; the facilitator marks one as a repeat', async () => {
    const earlier = await incident('Ledger export backlog', '2026-02-03T09:00:00.000Z', [
      'The ledger export worker retries failed batches forever and blocks the queue.',
      'No alert watches the age of the oldest ledger export batch.',
    ]);
    const later = await incident('Ledger export backlog again', '2026-05-20T09:00:00.000Z', [
      'A failed ledger export batch was retried forever and blocked the queue.',
    ]);
    // The index knows both (it is refreshed once the checks have read each save).
    await waitFor(async () => {
      const res = await fetch(`${server.url}/api/postmortems/${later.id}/similar`, { headers: { authorization: `Bearer ${later.tokens.viewer}` } });
      return ((await res.json()) as SimilarResponse).similar.some((s) => s.id === earlier.id);
    }, { message: 'the earlier incident indexed as similar' });
    const facilitator = await openPage(browser);
    pages.push(facilitator);
    const page = facilitator.page;
    await new PostmortemScreen(page).open(`${server.url}/p/${later.id}#t=${later.tokens.facilitator}`, 'Fran Facilitator');
    const panel = page.getByTestId('similar-panel');
    const match = panel.getByTestId('similar-item').filter({ hasText: 'Ledger export backlog' });
    await match.first().waitFor({ timeout: 15_000 });
    expect(await match.first().innerText()).toMatch(/shares ledger-export; factors 0\.\d\d similar/);

    await match.first().getByRole('button', { name: 'Mark as a repeat of this' }).click();
    await match.first().getByText('repeat of this').waitFor({ timeout: 10_000 });
    // The dashboard's list has it too. Under load the list has been seen without it for up to
    // 100 ms after the panel showed it (cause not found yet); a mark that never arrives fails here.
    await waitFor(async () => {
      const listed = await api<PostmortemListResponse>('/api/postmortems?service=ledger-export');
      return listed.items.find((i) => i.id === later.id)!.repeatOf === earlier.id;
    }, { message: 'the repeat mark in the dashboard list' });

    // A participant sees it, and cannot mark.
    const participant = await openPage(browser);
    pages.push(participant);
    await new PostmortemScreen(participant.page).open(`${server.url}/p/${later.id}#t=${later.tokens.participant}`, 'Pat Participant');
    await participant.page.getByTestId('similar-panel').getByText('repeat of this').waitFor({ timeout: 15_000 });
    expect(await participant.page.getByRole('button', { name: /repeat/ }).count()).toBe(0);
    expect(facilitator.errors).toEqual([]);
    expect(participant.errors).toEqual([]);
  });
});
