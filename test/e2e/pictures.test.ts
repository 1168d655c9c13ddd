/**
 * The analysis pictures in real Chromium against the real server: a document filled by another
 * y-websocket client is drawn as the five-layer descent, the Swiss cheese diagram and the incident
 * time bar; they follow that client's edits live, download as SVG and PNG, screenshot as real
 * pictures, pass axe, and print as part of a clean report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { fillFragment, roots } from '../../shared/schema/index.ts';
import { writeSamplePostmortem } from '../../scripts/sample-postmortem.ts';
import { distinctColours, seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { PostmortemScreen } from './pages.ts';

const TITLE = 'EU checkout errors after a config change';
const SHOTS = path.resolve(import.meta.dirname, '../../.tmp');
const SYSTEM_GAP = 'Config and code take different paths to production; only the code path has progressive rollout and automated rollback.';

let server: TestServer;
let browser: Browser;
let writer: TestClient;
let fran: WatchedPage;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const pm = await createPostmortemOverHttp(server.url, { title: TITLE, severity: 'SEV2' });
  writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Sample writer' });
  writeSamplePostmortem(writer.doc);
  await waitFor(async () => (await server.store.getRevision(pm.id)) > 0, { message: 'the sample to be saved' });
  fran = await openPage(browser, { timezoneId: 'Europe/Berlin' });
  await new PostmortemScreen(fran.page).open(pm.links.facilitator, 'Fran Facilitator');
});
afterAll(async () => {
  writer?.destroy();
  await fran?.context.close();
  await browser?.close();
  await server?.stop();
});

async function downloaded(page: Page, trigger: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  const file = await download.path();
  return { download, bytes: fs.readFileSync(file) };
}

function setDefenseState(index: number, state: 'held' | 'failed' | 'absent'): void {
  writer.doc.transact(() => roots(writer.doc).defenses.get(index).set('state', state));
}

describe('the analysis pictures', () => {
  it('draws the five-layer descent with each action item beside the layer it fixes', async () => {
    const view = fran.page.getByTestId('five-layers');
    await expect.poll(() => view.locator('[data-layer]').count(), { timeout: 10_000 }).toBe(5);
    expect(await view.locator('[data-layer][data-empty="true"]').count()).toBe(0);
    expect(await view.locator('[data-layer="event"]').innerText()).toContain('For 54 minutes, 18% of checkout attempts');
    expect(await view.locator('[data-layer="factors"] [data-testid="layer-action"]').innerText()).toContain('Route config changes through canary analysis');
    expect(await view.locator('[data-layer="control"] [data-testid="layer-action"]').innerText()).toContain('Page on pool saturation');
    expect(await view.locator('[data-layer="control"]').innerText()).toMatch(/Canary analysis[\s\S]*Absent · latent condition/);
  });

  it('draws the Swiss cheese: four slices, three aligned holes, stopped by the defense that held', async () => {
    const figure = fran.page.getByTestId('swiss-cheese');
    await expect.poll(() => figure.locator('[data-slice]').count(), { timeout: 10_000 }).toBe(4);
    expect(await figure.locator('[data-hole]').count()).toBe(3);
    expect(await figure.locator('[data-hole="active"]').count()).toBe(1);
    expect(await figure.locator('[data-hole][data-aligned="true"]').count()).toBe(3);
    expect(await figure.getAttribute('data-outcome')).toBe('stopped');
    expect(await figure.getByTestId('swiss-cheese-outcome').textContent()).toBe('Stopped by Automated rollback');
    const img = fran.page.getByRole('img', { name: /Swiss cheese diagram of the defenses/ });
    expect(await img.locator('desc').textContent()).toContain('is stopped by Automated rollback, which held');
  });

  it('draws the time bar in the viewer zone: four milestones, three entry ticks, time to detect and to recover', async () => {
    const bar = fran.page.getByTestId('time-bar');
    await expect.poll(() => bar.locator('[data-tick]').count(), { timeout: 10_000 }).toBe(3);
    expect(await bar.locator('[data-milestone]').count()).toBe(4);
    expect(await bar.getByTestId('time-bar-zone').innerText()).toContain('Europe/Berlin (UTC+01:00)');
    expect(await bar.locator('[data-milestone="started"]').textContent()).toContain('14:58');
    expect(await bar.locator('[data-span="detect"]').textContent()).toBe('Time to detect · 11m');
    expect(await bar.locator('[data-span="recover"]').textContent()).toBe('Time to recover · 54m');
    expect(await bar.locator('[data-phase="Detection gap"]').count()).toBe(1);
    expect(await bar.getByTestId('time-bar-notes').count()).toBe(0);
  });

  it('screenshots each picture as a real, many-coloured image that fits a laptop screen', async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const id of ['five-layers', 'swiss-cheese', 'time-bar']) {
      const picture = fran.page.getByTestId(id);
      await picture.scrollIntoViewIfNeeded();
      // The sticky top bar would cover the top of a tall picture.
      const png = await picture.screenshot({ path: path.join(SHOTS, `pictures-${id}.png`), style: '.topbar { position: static !important; }' });
      expect(png.length, id).toBeGreaterThan(5_000);
      expect(await distinctColours(fran.page, png), id).toBeGreaterThan(8);
      const overflows = await picture.evaluate((el) => [...el.querySelectorAll('.picture__frame')].some((f) => f.scrollWidth > f.clientWidth + 1));
      expect(overflows, id).toBe(false);
    }
  });

  it('downloads the Swiss cheese diagram as SVG and as PNG', async () => {
    const svg = await downloaded(fran.page, fran.page.getByTestId('swiss-cheese-download-svg'));
    expect(svg.download.suggestedFilename()).toBe('eu-checkout-errors-after-a-config-change-swiss-cheese.svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text.match(/data-slice=/g)).toHaveLength(4);

    const png = await downloaded(fran.page, fran.page.getByTestId('swiss-cheese-download-png'));
    expect(png.download.suggestedFilename()).toBe('eu-checkout-errors-after-a-config-change-swiss-cheese.png');
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const viewBoxWidth = Number(/viewBox="0 0 (\d+)/.exec(text)?.[1]);
    expect(png.bytes.readUInt32BE(16)).toBe(viewBoxWidth * 2);
    expect(await distinctColours(fran.page, png.bytes)).toBeGreaterThan(8);
  });

  it('follows another client live: a defense that fails opens a hole and the hazard goes through', async () => {
    const figure = fran.page.getByTestId('swiss-cheese');
    setDefenseState(3, 'failed');
    await expect.poll(() => figure.locator('[data-hole]').count(), { timeout: 10_000 }).toBe(4);
    expect(await figure.getAttribute('data-outcome')).toBe('through');
    expect(await figure.getByTestId('swiss-cheese-outcome').textContent()).toBe('Incident');
    await expect.poll(() => fran.page.locator('[data-layer="control"]').innerText()).toContain('Automated rollback');

    setDefenseState(0, 'held');
    await expect.poll(() => figure.getByTestId('swiss-cheese-outcome').textContent(), { timeout: 10_000 }).toBe('Stopped by Change review');
    expect(await figure.locator('[data-hole][data-aligned="true"]').count()).toBe(0);
    setDefenseState(0, 'failed');
    setDefenseState(3, 'held');
    await expect.poll(() => figure.getAttribute('data-outcome'), { timeout: 10_000 }).toBe('stopped');
    expect(await figure.locator('[data-hole]').count()).toBe(3);
  });

  it('follows another client live: a removed time is named as missing, an emptied system gap shows the shallow analysis', async () => {
    const bar = fran.page.getByTestId('time-bar');
    const meta = roots(writer.doc).meta;
    writer.doc.transact(() => meta.set('detectedAt', ''));
    await expect.poll(() => bar.locator('[data-milestone]').count(), { timeout: 10_000 }).toBe(3);
    expect(await bar.getByTestId('time-bar-notes').innerText()).toContain('Not set yet: detected — so the time to detect is unknown.');
    expect(await bar.locator('[data-span="detect"]').count()).toBe(0);
    writer.doc.transact(() => meta.set('detectedAt', '2026-11-02T14:09:00.000Z'));
    await expect.poll(() => bar.locator('[data-milestone]').count(), { timeout: 10_000 }).toBe(4);

    const gap = writer.doc.getXmlFragment('systemGap');
    writer.doc.transact(() => {
      gap.delete(0, gap.length);
      fillFragment(gap, '');
    });
    const view = fran.page.getByTestId('five-layers');
    await expect.poll(() => view.locator('[data-layer="systemGap"]').getAttribute('data-empty'), { timeout: 10_000 }).toBe('true');
    expect(await view.locator('[data-layer="systemGap"]').innerText()).toContain('Not written yet');
    await expect.poll(() => view.getByTestId('five-layers-shallow').innerText(), { timeout: 15_000 }).toContain('system gap');
    writer.doc.transact(() => {
      gap.delete(0, gap.length);
      fillFragment(gap, SYSTEM_GAP);
    });
    await expect.poll(() => view.getByTestId('five-layers-shallow').count(), { timeout: 15_000 }).toBe(0);
  });

  it('exports Markdown and JSON with the token in a header, never in the URL', async () => {
    const urls: string[] = [];
    fran.page.on('request', (r) => {
      if (r.url().includes('/export.')) urls.push(r.url());
    });
    const md = await downloaded(fran.page, fran.page.getByTestId('export-md'));
    expect(md.bytes.toString('utf8')).toMatch(/^# Postmortem: EU checkout errors after a config change$/m);
    const json = await downloaded(fran.page, fran.page.getByTestId('export-json'));
    expect(JSON.parse(json.bytes.toString('utf8'))).toMatchObject({ postmortem: { meta: { title: TITLE } } });
    expect(urls).toHaveLength(2);
    expect(urls.every((u) => !u.includes('t=') && !u.includes('token'))).toBe(true);
  });

  it('prints a clean report: no navigation, side panel or buttons; the sections and pictures in order', async () => {
    await fran.page.emulateMedia({ media: 'print' });
    try {
      expect(await fran.page.locator('.section-nav').isVisible()).toBe(false);
      expect(await fran.page.locator('.workspace__side').isVisible()).toBe(false);
      expect(await fran.page.locator('button:visible, [role="toolbar"]:visible').count()).toBe(0);
      for (const id of ['five-layers', 'swiss-cheese', 'time-bar']) expect(await fran.page.getByTestId(id).isVisible(), id).toBe(true);
      const titles = await fran.page.locator('.doc-section h2').allInnerTexts();
      expect(titles).toEqual([
        'Summary',
        'What happened (timeline)',
        'Impact',
        'Detection gap',
        'Control gap',
        'Contributing factors',
        'Action items',
        'How do we prevent recurrence?',
      ]);
      await fran.page.screenshot({ path: path.join(SHOTS, 'pictures-print.png'), fullPage: true });
    } finally {
      await fran.page.emulateMedia({ media: 'screen' });
    }
  });

  it('passes axe without serious or critical violations, with no console errors', async () => {
    const serious = await seriousAxeViolations(fran.page);
    expect(serious).toEqual([]);
    expect(fran.errors).toEqual([]);
  });
});
