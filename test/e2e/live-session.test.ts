import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ChecksUi, HomeScreen, PostmortemScreen } from './pages.ts';

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

/** One person's view of the shared parts: the Summary text and the action items' texts. */
async function seen(p: WatchedPage): Promise<{ summary: string; actions: string[] }> {
  const summary = await new ChecksUi(p.page).text('rich-summary');
  const actions = await p.page.getByTestId('action-text').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  return { summary, actions };
}

describe('undo and redo in a live session', () => {
  let fran: WatchedPage;
  let pat: WatchedPage;
  const FRAN_TEXT = 'Fran: the deploy tool pushed the config to every region.';
  const PAT_TEXT = ' Pat: checkout errors reached 38% within two minutes.';
  const FRAN_ACTION = 'Fran: canary analysis for config changes';
  const PAT_ACTION = 'Pat: alert on checkout error rate per region';

  it('takes back only your own edits, in the text and in the lists, and redo brings them back', async () => {
    fran = await person();
    const home = new HomeScreen(fran.page);
    await home.open(server.url);
    await home.create('Config push outage', 'SEV2');
    const franScreen = new PostmortemScreen(fran.page);
    await franScreen.join('Fran Facilitator');
    pat = await person();
    const patScreen = new PostmortemScreen(pat.page);
    await patScreen.open(await franScreen.shareLink('participant'), 'Pat Participant');
    // A new postmortem: nothing of Fran's own to undo yet.
    expect(await fran.page.getByTestId('undo').isDisabled()).toBe(true);

    // Both write in Summary, one after the other.
    await franScreen.typeInto(franScreen.editor('summary'), FRAN_TEXT);
    await expect.poll(() => seen(pat).then((v) => v.summary), { timeout: 10_000 }).toBe(FRAN_TEXT);
    await patScreen.typeInto(patScreen.editor('summary'), PAT_TEXT);
    await expect.poll(() => seen(fran).then((v) => v.summary), { timeout: 10_000 }).toBe(FRAN_TEXT + PAT_TEXT);

    // Both add an action item; Pat's comes after Fran's.
    await fran.page.getByTestId('add-action').click();
    await fran.page.getByTestId('action-text').nth(0).fill(FRAN_ACTION);
    await expect.poll(() => seen(pat).then((v) => v.actions), { timeout: 10_000 }).toEqual([FRAN_ACTION]);
    await pat.page.getByTestId('add-action').click();
    await pat.page.getByTestId('action-text').nth(1).fill(PAT_ACTION);
    const everything = { summary: FRAN_TEXT + PAT_TEXT, actions: [FRAN_ACTION, PAT_ACTION] };
    for (const p of [fran, pat]) await expect.poll(() => seen(p), { timeout: 10_000 }).toEqual(everything);

    // Fran undoes all she can: Ctrl+Z in the Summary editor, and the top bar's Undo for the lists.
    await franScreen.editor('summary').click();
    for (let i = 0; i < 10; i += 1) await fran.page.keyboard.press('Control+z');
    const undo = fran.page.getByTestId('undo');
    for (let i = 0; i < 10 && !(await undo.isDisabled()); i += 1) await undo.click();
    expect(await undo.isDisabled()).toBe(true);
    // Pat's words and row are still there, for both; Fran's are gone.
    const patsOnly = { summary: PAT_TEXT, actions: [PAT_ACTION] };
    for (const p of [fran, pat]) await expect.poll(() => seen(p), { timeout: 10_000 }).toEqual(patsOnly);
    // Pat's own undo still has Pat's edits (Fran's undo did not use them up).
    expect(await pat.page.getByTestId('undo').isDisabled()).toBe(false);

    // Redo brings Fran's work back where it was.
    await franScreen.editor('summary').click();
    // "Z", as a keyboard sends it with Shift: a lowercase "z" with Shift would fall back to undo
    // in ProseMirror's keymap once nothing is left to redo.
    for (let i = 0; i < 10; i += 1) await fran.page.keyboard.press('Control+Shift+Z');
    const redo = fran.page.getByTestId('redo');
    for (let i = 0; i < 10 && !(await redo.isDisabled()); i += 1) await redo.click();
    for (const p of [fran, pat]) await expect.poll(() => seen(p), { timeout: 10_000 }).toEqual(everything);
  });

  it('had no console errors in either browser', () => {
    expect([fran, pat].flatMap((p) => p.errors)).toEqual([]);
  });
});
