/**
 * Long postmortems in real Chromium: timeline entries and factors have their TipTap editor only
 * on or near the screen (each mounted editor costs work on every change of the shared Y.Doc);
 * elsewhere they show their live text, and become the editor when clicked, focused, scrolled
 * near or revealed by the findings panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ALL_RULES } from '../../shared/checks/rules/index.ts';
import { addFactor, addTimelineEntry } from '../../shared/schema/index.ts';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { connectClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { ChecksUi, PostmortemScreen } from './pages.ts';

const ENTRIES = 120;
const FACTORS = 20;
/** The entry that names a person (a finding of the named-individual rule, far down the page). */
const NAMED = 100;

const SENTENCES = [
  'The deploy pipeline promoted the configuration change to every region at once.',
  'Latency on the payment gateway rose to 4.2 seconds at the 99th percentile.',
  'The canary stage does not run for configuration changes, only for code.',
  'Alerts for the queue depth went to a channel that is not paged at night.',
  'The runbook pointed at a dashboard that had been renamed in March.',
];
const prose = (i: number) => `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i + 2) % SENTENCES.length]}`;
const bodyOf = (i: number) => (i === NAMED ? `Gabriel restarted the checkout-api pods in region ${i}.` : `${prose(i)} Step ${i}.`);

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];
let tokens: Record<string, string> = {};
let id = '';

async function person(name: string, role: 'participant' | 'viewer', { noObserver = false } = {}): Promise<Page> {
  const watched = await openPage(browser);
  pages.push(watched);
  if (noObserver) {
    // Nothing is ever "near the screen": fields get their editor only when clicked, focused or revealed.
    await watched.context.addInitScript(() => {
      (globalThis as { IntersectionObserver: unknown }).IntersectionObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
        takeRecords() {
          return [];
        }
      };
    });
  }
  await new PostmortemScreen(watched.page).open(`${server.url}/p/${id}#t=${tokens[role]}`, name);
  await expect.poll(() => watched.page.getByTestId('timeline-entry').count(), { timeout: 15_000 }).toBe(ENTRIES);
  return watched.page;
}

const editors = (page: Page, testId: string) => page.getByTestId(testId).locator('.ProseMirror');
const boxHeight = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.closest('.rich-text')?.getBoundingClientRect().height ?? 0);
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

/** Clicks `offset` characters into a field's text (the first text node), as a person would. */
async function clickIntoText(page: Page, testId: string, offset: number): Promise<void> {
  const field = page.getByTestId(testId);
  await field.scrollIntoViewIfNeeded();
  const point = await field.evaluate((el, at) => {
    const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    const box = range.getBoundingClientRect();
    return { x: box.left + 1, y: box.top + box.height / 2 };
  }, offset);
  await page.mouse.click(point.x, point.y);
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const pm = await createPostmortemOverHttp(server.url, { title: 'Payment gateway latency', severity: 'SEV2' });
  id = pm.id;
  tokens = pm.tokens;
  const writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Seeder' });
  writer.doc.transact(() => {
    for (let i = 0; i < ENTRIES; i += 1) {
      addTimelineEntry(writer.doc, { at: new Date(Date.UTC(2026, 10, 2, 12, i)).toISOString(), body: bodyOf(i), known: prose(i + 1) });
    }
    for (let i = 0; i < FACTORS; i += 1) addFactor(writer.doc, { category: 'tooling', body: prose(i + 3) });
  });
  await waitFor(async () => (await server.store.getRevision(pm.id)) > 0, { message: 'the server to store the document' });
  writer.destroy();
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await server?.stop();
});

describe('rich-text editors of a long postmortem', () => {
  let pat: Page;
  let sam: Page;

  it('mounts editors only near the screen; far fields show their text at the same size', async () => {
    pat = await person('Pat Participant', 'participant');
    const mounted = await pat.locator('.ProseMirror').count();
    expect(mounted).toBeLessThan(60);
    // A far field: no editor, but its text, as an accessible (read-only until clicked) text box.
    const far = 'timeline-body-110';
    expect(await editors(pat, far).count()).toBe(0);
    expect(await pat.getByTestId(far).innerText()).toContain('Step 110.');
    expect(await pat.getByTestId(far).getByRole('textbox', { name: 'What happened, entry 111' }).count()).toBe(1);
    const height = await boxHeight(pat, far);
    const serious = await seriousAxeViolations(pat);
    expect(serious).toEqual([]);

    // Scrolled to, it gets its editor, without changing size.
    await pat.getByTestId(far).scrollIntoViewIfNeeded();
    await editors(pat, far).waitFor({ timeout: 5_000 });
    expect(await boxHeight(pat, far)).toBe(height);
    expect(await editors(pat, far).innerText()).toContain('Step 110.');

    // Far away again for a while, it is released (its text stays).
    await pat.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => editors(pat, far).count(), { timeout: 15_000 }).toBe(0);
    expect(await pat.getByTestId(far).innerText()).toContain('Step 110.');
    expect(await boxHeight(pat, far)).toBe(height);
  });

  it('a click mounts the editor with the caret where clicked; others see the edit live', async () => {
    sam = await person('Sam Participant', 'participant', { noObserver: true });
    expect(await sam.locator('.ProseMirror').count()).toBe(7);
    await clickIntoText(sam, 'timeline-body-60', 4);
    await sam.keyboard.type('XYZ');
    expect(await focusedLabel(sam)).toBe('What happened, entry 61');
    const expected = `${bodyOf(60).slice(0, 4)}XYZ${bodyOf(60).slice(4)}`;
    await expect.poll(() => new ChecksUi(sam).text('timeline-body-60')).toBe(expected);
    // Pat has no editor there (far from Pat's screen): the text still follows.
    await expect.poll(() => pat.getByTestId('timeline-body-60').innerText(), { timeout: 10_000 }).toBe(expected);
    expect(await editors(pat, 'timeline-body-60').count()).toBe(0);

    // Ctrl+Z in the editor undoes Sam's own typing.
    await sam.keyboard.press('Control+z');
    await expect.poll(() => new ChecksUi(sam).text('timeline-body-60')).toBe(bodyOf(60));
  });

  it('a click anywhere on a field, or focus from the keyboard, gives it a focused editor', async () => {
    // A click in the middle of the box (as the browser tests do with locator.click()).
    await sam.getByTestId('factor-body-15').click();
    await editors(sam, 'factor-body-15').waitFor({ timeout: 5_000 });
    expect(await focusedLabel(sam)).toBe('Contributing factor 16');
    await sam.keyboard.press('Control+End');
    await sam.keyboard.type(' Typed.');
    await expect.poll(() => new ChecksUi(sam).text('factor-body-15')).toBe(`${prose(18)} Typed.`);

    // Tab from entry 31's Delete button into its "what happened" field.
    await sam.getByRole('button', { name: 'Delete timeline entry 31' }).focus();
    await sam.keyboard.press('Tab');
    await editors(sam, 'timeline-body-30').waitFor({ timeout: 5_000 });
    expect(await focusedLabel(sam)).toBe('What happened, entry 31');
    await sam.keyboard.type('Tabbed. ');
    await expect.poll(() => new ChecksUi(sam).text('timeline-body-30')).toBe(`Tabbed. ${bodyOf(30)}`);
  });

  it.runIf(ALL_RULES.some((r) => r.id === 'named-individual'))(
    'the findings panel jumps to a field without its editor: scrolls there, mounts it, selects the words',
    async () => {
      const ui = new ChecksUi(sam);
      const item = ui.findingItems('named-individual').filter({ hasText: 'Gabriel' });
      await expect.poll(() => item.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await editors(sam, `timeline-body-${NAMED}`).count()).toBe(0);
      // The underline shows on the field's text before it has an editor.
      expect(await sam.getByTestId(`timeline-body-${NAMED}`).locator('.check-hint').innerText()).toBe('Gabriel');
      await item.first().click();
      await expect.poll(() => ui.selectedText()).toBe('Gabriel');
      expect(await focusedLabel(sam)).toBe(`What happened, entry ${NAMED + 1}`);
      expect(await editors(sam, `timeline-body-${NAMED}`).count()).toBe(1);
      // On screen once the (smooth) scroll is over.
      await expect
        .poll(() => sam.getByTestId(`timeline-body-${NAMED}`).evaluate((el) => el.getBoundingClientRect().top > 0 && el.getBoundingClientRect().bottom < innerHeight), { timeout: 5_000 })
        .toBe(true);
    },
  );

  it('a viewer gets read-only fields, with or without their editor', async () => {
    const vic = await person('Vic Viewer', 'viewer');
    const far = vic.getByTestId('factor-body-19').getByRole('textbox');
    expect(await far.getAttribute('aria-readonly')).toBe('true');
    expect(await far.getAttribute('tabindex')).toBeNull();
    await vic.getByTestId('factor-body-19').scrollIntoViewIfNeeded();
    await editors(vic, 'factor-body-19').waitFor({ timeout: 5_000 });
    expect(await editors(vic, 'factor-body-19').getAttribute('contenteditable')).toBe('false');
    expect(await vic.locator('[contenteditable="true"]').count()).toBe(0);
  });

  it('had no console errors in any browser', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
