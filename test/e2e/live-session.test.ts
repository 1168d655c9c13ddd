import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { HomeScreen, PostmortemScreen } from './pages.ts';

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  server = await startTestServer({ unloadDelayMs: 1000 });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await server?.stop();
});

async function person(timezoneId = 'Europe/Berlin'): Promise<WatchedPage> {
  const p = await openPage(browser, { timezoneId });
  pages.push(p);
  return p;
}


describe('a live postmortem session in Chromium', () => {
  let facilitatorUrl = '';
  let participantUrl = '';
  let viewerUrl = '';
  let fran: WatchedPage;
  let pat: WatchedPage;

  it('creates a postmortem from the home page and lands the creator in it as facilitator', async () => {
    fran = await person();
    const home = new HomeScreen(fran.page);
    await home.open(server.url);
    expect(await seriousAxeViolations(fran.page)).toEqual([]);
    facilitatorUrl = await home.create('Checkout outage', 'SEV2');
    const screen = new PostmortemScreen(fran.page);
    await screen.join('Fran Facilitator');
    participantUrl = await screen.shareLink('participant');
    viewerUrl = await screen.shareLink('viewer');
    expect(participantUrl).not.toBe(viewerUrl);
    expect(facilitatorUrl).toContain('#t=');
  });

  it('shows a participant everyone present, and typing in Summary reaches them with a named caret', async () => {
    pat = await person('America/New_York');
    const patScreen = new PostmortemScreen(pat.page);
    await patScreen.open(participantUrl, 'Pat Participant');
    const franScreen = new PostmortemScreen(fran.page);

    await expect.poll(() => pat.page.getByTestId('presence-item').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => pat.page.getByTestId('presence-list').innerText()).toContain('Fran Facilitator');

    await franScreen.typeInto(franScreen.editor('summary'), 'Checkout failed for 42 minutes');
    await expect.poll(() => patScreen.editor('summary').innerText(), { timeout: 10_000 }).toContain('Checkout failed for 42 minutes');
    const caret = pat.page.getByTestId('rich-summary').locator('.collaboration-carets__label');
    await expect.poll(() => caret.innerText(), { timeout: 10_000 }).toContain('Fran Facilitator');
  });

  it('syncs a timeline entry and an action item added by one person to the other', async () => {
    const patScreen = new PostmortemScreen(pat.page);
    const franScreen = new PostmortemScreen(fran.page);

    await pat.page.getByTestId('add-timeline-entry').click();
    await expect.poll(() => patScreen.timelineEntries().count()).toBe(1);
    const body = pat.page.getByTestId('timeline-body-0').locator('.ProseMirror');
    await patScreen.typeInto(body, 'Error rate alert fires for checkout-api');
    await expect.poll(() => franScreen.timelineEntries().count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => fran.page.getByTestId('timeline-body-0').innerText(), { timeout: 10_000 })
      .toContain('Error rate alert fires');

    await fran.page.getByTestId('add-action').click();
    const row = fran.page.getByTestId('action-row').first();
    await row.getByTestId('action-text').fill('Run canary analysis for config changes');
    await row.getByTestId('action-owner').fill('Deploy tooling team');
    await expect.poll(() => patScreen.actionRows().count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => pat.page.getByTestId('action-row').first().getByTestId('action-text').inputValue(), { timeout: 10_000 })
      .toBe('Run canary analysis for config changes');
  });

  it('keeps everything after a reload', async () => {
    const patScreen = new PostmortemScreen(pat.page);
    await pat.page.reload();
    // The name is remembered: no dialog this time.
    await patScreen.editor('summary').waitFor({ timeout: 15_000 });
    expect(await pat.page.getByTestId('name-input').count()).toBe(0);
    await expect.poll(() => patScreen.editor('summary').innerText(), { timeout: 10_000 }).toContain('Checkout failed for 42 minutes');
    await expect.poll(() => patScreen.timelineEntries().count()).toBe(1);
    await expect.poll(() => patScreen.actionRows().count()).toBe(1);
    expect(await seriousAxeViolations(pat.page)).toEqual([]);
  });

  it('shows a viewer the live document read-only', async () => {
    const vic = await person();
    const screen = new PostmortemScreen(vic.page);
    await screen.open(viewerUrl, 'Vic Viewer');
    await vic.page.getByTestId('readonly-badge').waitFor();
    await expect.poll(() => screen.editor('summary').innerText(), { timeout: 10_000 }).toContain('Checkout failed for 42 minutes');
    expect(await screen.editor('summary').getAttribute('contenteditable')).toBe('false');
    await screen.editor('summary').click();
    await vic.page.keyboard.type('viewer typing');
    expect(await screen.editor('summary').innerText()).not.toContain('viewer typing');
    expect(await vic.page.getByTestId('add-timeline-entry').count()).toBe(0);
    expect(await vic.page.getByTestId('action-row').first().getByTestId('action-text').isDisabled()).toBe(true);

    // Live: the facilitator's next words reach the viewer.
    const franScreen = new PostmortemScreen(fran.page);
    await franScreen.typeInto(franScreen.editor('impact'), '1,240 orders failed');
    await expect.poll(() => screen.editor('impact').innerText(), { timeout: 10_000 }).toContain('1,240 orders failed');
    expect(vic.errors).toEqual([]);
  });

  it('had no console errors in any browser', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
