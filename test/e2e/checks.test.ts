/**
 * The blameless checks in real Chromium against the real server: live marks while typing, the
 * popover and its quick fix, the findings panel, a facilitator's dismissal seen by a participant,
 * the publish gate with an override, accessibility, and the cost of a run on a ~50 KB postmortem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { ALL_RULES } from '../../shared/checks/rules/index.ts';
import { addAction, addFactor, addTimelineEntry, roots } from '../../shared/schema/index.ts';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { connectClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { ChecksUi, HomeScreen, PostmortemScreen } from './pages.ts';

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await server?.stop();
});

async function person(): Promise<WatchedPage> {
  const p = await openPage(browser);
  pages.push(p);
  return p;
}

/** A rule's definition; a rule missing from ALL_RULES fails the test that needs it. */
function rule(id: string): (typeof ALL_RULES)[number] {
  const found = ALL_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`rule ${id} is not in ALL_RULES`);
  return found;
}

describe('blameless checks in a live session', () => {
  let fran: WatchedPage;
  let pat: WatchedPage;
  let franChecks: ChecksUi;
  let patChecks: ChecksUi;
  let postmortemId = '';
  let viewerToken = '';

  it('a facilitator opens a new postmortem and a participant joins it', async () => {
    fran = await person();
    const home = new HomeScreen(fran.page);
    await home.open(server.url);
    const url = await home.create('Checkout outage', 'SEV2');
    postmortemId = /\/p\/([^#/]+)/.exec(url)![1]!;
    const franScreen = new PostmortemScreen(fran.page);
    await franScreen.join('Fran Facilitator');
    const participantUrl = await franScreen.shareLink('participant');
    viewerToken = new URL((await franScreen.shareLink('viewer')).replace('#', '?')).searchParams.get('t')!;

    pat = await person();
    await new PostmortemScreen(pat.page).open(participantUrl, 'Pat Participant');
    franChecks = new ChecksUi(fran.page);
    patChecks = new ChecksUi(pat.page);
    // A new postmortem already has findings (empty sections), so the panel is filled.
    await expect.poll(() => patChecks.findingItems().count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => patChecks.count('error')).toBeGreaterThan(0);
  });

  it('marks vague impact words inline while the participant types, and lists them in the panel', async () => {
    const screen = new PostmortemScreen(pat.page);
    await screen.typeInto(patChecks.editor('rich-impact'), 'Massive impact on many users');
    await expect.poll(() => patChecks.markTexts('impact-without-numbers', 'rich-impact'), { timeout: 10_000 }).toEqual(['Massive', 'many']);
    expect(await patChecks.marks('impact-without-numbers').first().getAttribute('class')).toContain('check-mark--warning');
    await expect.poll(() => patChecks.findingItems('impact-without-numbers').count()).toBe(2);
    expect(await patChecks.findingItems('impact-without-numbers').first().innerText()).toContain('“Massive”');
    // Facilitators see the same marks live.
    await expect.poll(() => franChecks.markTexts('impact-without-numbers', 'rich-impact'), { timeout: 10_000 }).toEqual(['Massive', 'many']);
  });

  it('keeps the marks out of the shared document', async () => {
    const reader = await connectClient(server.wsUrl, postmortemId, viewerToken, { name: 'Reader' });
    try {
      const impact = reader.doc.getXmlFragment('impact').toString();
      expect(impact).toContain('Massive impact on many users');
      expect(impact).not.toMatch(/check|finding/i);
    } finally {
      reader.destroy();
    }
  });

  it('opens the popover on a click and with Alt+Enter, closes it with Escape', async () => {
    await patChecks.marks('impact-without-numbers', 'rich-impact').nth(1).click();
    const popover = patChecks.popover();
    await popover.waitFor();
    expect(await popover.getAttribute('role')).toBe('dialog');
    expect(await popover.getAttribute('aria-label')).toContain('Impact');
    expect(await popover.innerText()).toContain('"many" is not a measurement.');
    expect(await popover.innerText()).toMatch(/Try:.*numbers and units/s);
    // Participants cannot dismiss.
    expect(await popover.getByTestId('dismiss-finding').count()).toBe(0);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);

    // The caret is still inside "many": Alt+Enter opens the same details, with focus inside.
    await pat.page.keyboard.press('Alt+Enter');
    await popover.waitFor();
    await expect.poll(() => patChecks.focusInPopover()).toBe(true);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    // Focus is back in the editor, and Alt+Enter inserted nothing.
    expect(await pat.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Impact');
    expect(await patChecks.text('rich-impact')).toBe('Massive impact on many users');
  });

  it('clicking a finding in the panel selects the flagged words in the editor; Enter there opens the details', async () => {
    await patChecks.findingItems('impact-without-numbers').nth(1).click();
    await expect.poll(() => patChecks.selectedText()).toBe('many');
    expect(await pat.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Impact');
    // From there, Enter opens the details instead of replacing the words with a line break.
    await pat.page.keyboard.press('Enter');
    await patChecks.popover().waitFor();
    await expect.poll(() => patChecks.focusInPopover()).toBe(true);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => patChecks.popover().count()).toBe(0);
    expect(await patChecks.text('rich-impact')).toBe('Massive impact on many users');
  });

  it('has no serious accessibility violations with the popover open and the panel filled', async () => {
    await patChecks.marks('impact-without-numbers', 'rich-impact').first().click();
    await patChecks.popover().waitFor();
    expect(await seriousAxeViolations(pat.page)).toEqual([]);
    await pat.page.keyboard.press('Escape');
  });

  it('a facilitator dismisses a false positive: participants stop seeing it, restoring brings it back', async () => {
    await franChecks.marks('impact-without-numbers', 'rich-impact').first().click();
    await franChecks.popover().waitFor();
    await franChecks.dismissInPopover('Marketing wording quoted from the status page');
    // The facilitator still sees it, marked as dismissed, with the reason.
    await expect
      .poll(() => franChecks.marks('impact-without-numbers', 'rich-impact').first().getAttribute('class'), { timeout: 10_000 })
      .toContain('check-mark--dismissed');
    expect(await franChecks.popover().innerText()).toContain('Marketing wording quoted from the status page');
    expect(await fran.page.getByTestId('dismissed-item').count()).toBe(1);
    expect(await seriousAxeViolations(fran.page)).toEqual([]);
    await fran.page.keyboard.press('Escape');

    // The participant's marks and panel drop it; the reason never reaches them.
    await expect.poll(() => patChecks.markTexts('impact-without-numbers', 'rich-impact'), { timeout: 15_000 }).toEqual(['many']);
    expect(await patChecks.findingItems('impact-without-numbers').count()).toBe(1);
    expect(await pat.page.content()).not.toContain('Marketing wording');

    await fran.page.getByTestId('dismissed-findings').locator('summary').click();
    await fran.page.getByTestId('dismissed-item').getByTestId('restore-finding').click();
    await expect.poll(() => franChecks.marks('impact-without-numbers', 'rich-impact').first().getAttribute('class')).not.toContain('dismissed');
    await expect.poll(() => patChecks.markTexts('impact-without-numbers', 'rich-impact'), { timeout: 15_000 }).toEqual(['Massive', 'many']);
  });

  it('marks a named person and a counterfactual in a timeline entry', async () => {
    await pat.page.getByTestId('add-timeline-entry').click();
    const body = patChecks.editor('timeline-body-0');
    await new PostmortemScreen(pat.page).typeInto(body, 'John should have noticed the alert');
    const marks = pat.page.getByTestId('timeline-body-0').locator('.check-mark[data-rule="named-individual"], .check-mark[data-rule="counterfactual"]');
    await expect.poll(() => marks.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await patChecks.findingItems('named-individual').count()) + (await patChecks.findingItems('counterfactual').count()))
      .toBeGreaterThan(0);
    await marks.first().click();
    await patChecks.popover().waitFor();
    expect(await seriousAxeViolations(pat.page)).toEqual([]);
    await pat.page.keyboard.press('Escape');
  });

  it('replaces the name with a chosen role in one click, as an undoable edit', async () => {
    const name = patChecks.marks('named-individual', 'timeline-body-0').filter({ hasText: 'John' });
    await expect.poll(() => name.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await name.first().click();
    // The rule may capitalise the role at the start of a sentence ("The on-call engineer").
    const option = patChecks.popover().getByTestId('quick-fix-option').filter({ hasText: /^the on-call engineer$/i });
    const role = await option.first().innerText();
    await option.first().click();
    const fixed = `${role} should have noticed the alert`;
    expect(fixed.toLowerCase()).toBe('the on-call engineer should have noticed the alert');
    await expect.poll(() => patChecks.text('timeline-body-0')).toBe(fixed);
    await expect.poll(() => patChecks.marks('named-individual', 'timeline-body-0').count(), { timeout: 10_000 }).toBe(0);
    // The fix is the participant's own edit: Ctrl+Z takes it back, Ctrl+Shift+Z again.
    await pat.page.keyboard.press('Control+z');
    await expect.poll(() => patChecks.text('timeline-body-0')).toBe('John should have noticed the alert');
    await pat.page.keyboard.press('Control+Shift+z');
    await expect.poll(() => patChecks.text('timeline-body-0')).toBe(fixed);
    // Everyone sees the rewrite.
    await expect.poll(() => franChecks.text('timeline-body-0'), { timeout: 10_000 }).toBe(fixed);
  });

  it('applies a one-click rewrite where the finding offers one', async () => {
    await new PostmortemScreen(pat.page).typeInto(patChecks.editor('rich-summary'), 'The root cause was a config push that skipped the canary.');
    const mark = patChecks.marks('single-root-cause', 'rich-summary');
    await expect.poll(() => mark.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const excerpt = await mark.first().innerText();
    await mark.first().click();
    const preview = await patChecks.popover().locator('.check-card__preview').first().innerText();
    const replacement = /“(.+)”/.exec(preview)![1]!;
    await patChecks.popover().getByTestId('quick-fix-apply').first().click();
    const expected = 'The root cause was a config push that skipped the canary.'.replace(excerpt, replacement);
    await expect.poll(() => patChecks.text('rich-summary')).toBe(expected);
    await expect.poll(() => patChecks.marks('single-root-cause', 'rich-summary').count(), { timeout: 10_000 }).toBe(0);
  });

  it('flags an action item that asks people to try harder: outline, count badge, details by mouse and keyboard, and a panel entry under its section', async () => {
    const action = rule('action-not-system-change');
    const text = 'Remind engineers to be more careful';
    await pat.page.getByTestId('add-action').click();
    const row = pat.page.getByTestId('action-row').first();
    const input = row.getByRole('textbox', { name: 'Action item 1' });
    await input.click();
    await pat.page.keyboard.type(text, { delay: 5 });

    // The input is outlined in the most severe finding's colour, with a count badge beside it.
    const field = row.locator('.check-input').filter({ has: pat.page.getByTestId('action-text') });
    await expect.poll(() => field.getAttribute('class'), { timeout: 10_000 }).toContain('check-input--error');
    const badge = field.getByRole('button', { name: /blameless check findings? on Action item 1$/ });
    await expect.poll(() => badge.count(), { timeout: 10_000 }).toBe(1);
    const shown = Number(await badge.innerText());
    // action-not-system-change, plus no owner, due date or kind yet.
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(await badge.getAttribute('aria-label')).toBe(`${shown} blameless check findings on Action item 1`);
    expect(await badge.getAttribute('class')).toContain('check-badge--error');
    const outline = await input.evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(outline).toBe(await badge.evaluate((el) => getComputedStyle(el).backgroundColor));
    // Screen readers hear it on the input too.
    expect(await input.evaluate((el) => el.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)?.textContent))).toContainEqual(
      `${shown} blameless check findings; Alt+Enter opens the details.`,
    );

    // The badge is a button in the tab order: Tab from the input, Enter opens the details.
    await pat.page.keyboard.press('Tab');
    expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);
    await pat.page.keyboard.press('Enter');
    const popover = patChecks.popover();
    await popover.waitFor();
    await expect.poll(() => patChecks.focusInPopover()).toBe(true);
    expect(await popover.getAttribute('aria-label')).toBe(`${shown} blameless checks: Action item 1`);
    expect(await popover.locator('.check-card').count()).toBe(shown);
    const card = popover.locator('.check-card').filter({ hasText: 'Action not system change' });
    expect(await card.locator('.check-card__message').innerText()).toMatch(/^“Remind”.*ask people to try harder instead of changing the system\.$/);
    expect(await card.locator('.check-card__reason').innerText()).toBe(`Why: ${action.reason}`);
    expect(await card.locator('.check-card__suggestion').innerText()).toMatch(/^Try: \S/);
    expect(await card.locator('.sev-tag').innerText()).toMatch(/error/i);
    expect(await seriousAxeViolations(pat.page)).toEqual([]);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);

    // The panel lists it under "Action items" with the section's count; it jumps to the words.
    const group = patChecks.panel().getByTestId('findings-group').and(pat.page.locator('[data-section="actions"]'));
    const item = group.getByTestId('finding-item').and(pat.page.locator(`[data-rule="${action.id}"]`));
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain('Blocks publishing');
    const listed = await group.getByTestId('finding-item').count();
    expect(listed).toBe(shown);
    const heading = group.getByRole('heading');
    // What the eye sees (the words only screen readers get left out), and what is heard.
    const seen = await heading.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
      return copy.textContent;
    });
    expect(seen).toBe(`Action items · ${listed}`);
    expect(await group.getByRole('heading', { name: `Action items ${listed} findings`, exact: true }).count()).toBe(1);
    await item.click();
    await expect.poll(() => pat.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Action item 1');
    await expect.poll(() => input.evaluate((el: HTMLInputElement) => el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0))).toBe('Remind');
    // From the input, Alt+Enter opens the same details; Escape gives focus back, nothing typed.
    await pat.page.keyboard.press('Alt+Enter');
    await popover.waitFor();
    await expect.poll(() => patChecks.focusInPopover()).toBe(true);
    expect(await popover.locator('.check-card').count()).toBe(shown);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    expect(await pat.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Action item 1');
    expect(await input.inputValue()).toBe(text);
    // Everyone sees the finding on the shared row.
    await expect
      .poll(() => fran.page.getByTestId('action-row').first().locator('.check-input').first().getAttribute('class'), { timeout: 10_000 })
      .toContain('check-input--error');
  });

  it('publishing is blocked by errors until the facilitator records an override; then everything is read-only', async () => {
    expect(await pat.page.getByTestId('publish-button').count()).toBe(0);
    const errorsBefore = fran.errors.length;
    await fran.page.getByTestId('publish-button').click();
    await fran.page.getByTestId('publish-confirm').click();
    const blocking = fran.page.getByTestId('blocking-finding');
    await expect.poll(() => blocking.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // Chromium logs every 4xx response in the console; this 409 is the blocked publish itself.
    const logged = fran.errors.splice(errorsBefore);
    expect(logged.every((line) => line.includes('status of 409'))).toBe(true);
    expect(await blocking.allInnerTexts()).toContainEqual(expect.stringContaining('How do we prevent recurrence?'));
    expect(await fran.page.getByTestId('publish-anyway').isDisabled()).toBe(true);
    expect(await seriousAxeViolations(fran.page)).toEqual([]);
    await fran.page.getByTestId('override-reason').fill('Prevention is agreed in the follow-up review on Friday');
    await fran.page.getByTestId('publish-anyway').click();

    await expect.poll(() => fran.page.getByTestId('status-badge').innerText(), { timeout: 10_000 }).toBe('Published');
    await expect.poll(() => pat.page.getByTestId('status-badge').innerText(), { timeout: 10_000 }).toBe('Published');
    expect(await fran.page.getByTestId('publish-button').count()).toBe(0);
    await expect.poll(() => patChecks.editor('rich-impact').getAttribute('contenteditable')).toBe('false');
    await patChecks.editor('rich-impact').click();
    await pat.page.keyboard.type('late edit');
    expect(await patChecks.text('rich-impact')).not.toContain('late edit');
    // The facilitator sees the recorded override reason.
    await expect
      .poll(() => fran.page.getByTestId('publish-override-reason').innerText(), { timeout: 10_000 })
      .toBe('Prevention is agreed in the follow-up review on Friday');
    // Marks stay readable, but without fixes or dismissals.
    await patChecks.marks('impact-without-numbers', 'rich-impact').first().click();
    await patChecks.popover().waitFor();
    expect(await patChecks.popover().getByTestId('quick-fix-option').count()).toBe(0);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => patChecks.popover().count()).toBe(0);
    // A read-only editor takes no selection: the panel opens the finding's details on its mark.
    await patChecks.findingItems('impact-without-numbers').first().click();
    await patChecks.popover().waitFor();
    await expect.poll(() => patChecks.focusInPopover()).toBe(true);
    await pat.page.keyboard.press('Escape');
    await expect.poll(() => pat.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('finding-item');
  });

  it('had no console errors in any browser', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});

const SENTENCES = [
  'The on-call engineer restarted the checkout-api pods after the error rate alert fired.',
  'The deploy pipeline promoted the config change to every region at once.',
  'Latency on the payment gateway rose to 4.2 seconds at the 99th percentile.',
  'The canary stage does not run for configuration changes, only for code.',
  'The retry should have fired three times before the circuit breaker opened.',
  'Alerts for the queue depth went to a channel nobody watched at night.',
  'Root cause analysis meeting notes are linked from the incident channel.',
  'The runbook pointed at a dashboard that had been renamed in March.',
];

function prose(seed: number, sentences: number): string {
  return Array.from({ length: sentences }, (_, k) => SENTENCES[(seed * 3 + k) % SENTENCES.length]).join(' ');
}

function fillText(fragment: Y.XmlFragment, text: string): void {
  fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    text.split('\n').map((line) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    }),
  );
}

/** Writes a ~50 KB postmortem through a real socket client; returns the number of characters. */
function writeLargePostmortem(doc: Y.Doc): number {
  let chars = 0;
  doc.transact(() => {
    const r = roots(doc);
    for (const root of ['summary', 'impact', 'detection', 'control', 'prevention', 'trigger', 'systemGap'] as const) {
      const text = Array.from({ length: 6 }, (_, i) => prose(i, 4)).join('\n');
      chars += text.length;
      fillText(r.richText(root), text);
    }
    for (let i = 0; i < 60; i += 1) {
      const body = `${prose(i, 3)}\n${prose(i + 1, 2)}`;
      const known = prose(i + 2, 3);
      chars += body.length + known.length;
      addTimelineEntry(doc, { at: new Date(Date.UTC(2026, 10, 2, 14, i)).toISOString(), body, known });
    }
    for (let i = 0; i < 15; i += 1) {
      const body = prose(i + 5, 3);
      chars += body.length;
      addFactor(doc, { category: 'tooling', body });
    }
    for (let i = 0; i < 12; i += 1) {
      const action = `Add a confirmation prompt to the deploy tool for region ${i + 1}`;
      chars += action.length;
      addAction(doc, { action, kind: 'control', owner: 'Deploy tooling', due: '2099-01-15' });
    }
  });
  return chars;
}

describe('live checks on a large postmortem', () => {
  it('runs one check of a ~50 KB document off the keystroke path, cold and with a warm memo', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Payment gateway latency', severity: 'SEV2' });
    const writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Seeder' });
    const chars = writeLargePostmortem(writer.doc);
    await expect.poll(async () => (await server.store.getRevision(pm.id)) > 0, { timeout: 10_000 }).toBe(true);
    writer.destroy();
    expect(chars).toBeGreaterThan(50_000);

    const sam = await person();
    const screen = new PostmortemScreen(sam.page);
    await screen.open(`${server.url}/p/${pm.id}#t=${pm.tokens.participant}`, 'Sam Participant');
    const ui = new ChecksUi(sam.page);
    await expect.poll(async () => (await ui.runs()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    const [cold] = await ui.runs();

    // Type a sentence at a steady pace, watching for long main-thread tasks meanwhile.
    await sam.page.evaluate(() => {
      const seen: number[] = [];
      (globalThis as { checksTestLongTasks?: number[] }).checksTestLongTasks = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) seen.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    const before = (await ui.runs()).length;
    const typed = ' The alert threshold was raised to 5% in the same change.';
    await screen.typeInto(ui.editor('rich-summary'), typed);
    const runsWhileTyping = (await ui.runs()).length - before;
    await expect.poll(async () => (await ui.runs()).length, { timeout: 10_000 }).toBeGreaterThan(before);
    const warm = (await ui.runs()).at(-1)!;
    const longTasks = await sam.page.evaluate(() => (globalThis as { checksTestLongTasks?: number[] }).checksTestLongTasks ?? []);

    console.log(
      `[checks] ${cold!.chars} characters — cold run: engine ${cold!.engineMs.toFixed(1)} ms, snapshot ${cold!.snapshotMs.toFixed(1)} ms, ` +
        `total ${cold!.totalMs.toFixed(1)} ms; warm run: engine ${warm.engineMs.toFixed(1)} ms, snapshot ${warm.snapshotMs.toFixed(1)} ms, ` +
        `total ${warm.totalMs.toFixed(1)} ms; runs while typing ${typed.length} keys: ${runsWhileTyping}; ` +
        `long tasks while typing: ${longTasks.length ? longTasks.map((d) => `${Math.round(d)} ms`).join(', ') : 'none'}`,
    );
    expect(cold!.chars).toBeGreaterThan(50_000);
    expect(cold!.run).toBe(1);
    expect(warm.run).toBeGreaterThan(1);
    // The engine runs on its worker; the page only reads the snapshot, between keystrokes.
    expect(cold!.where).toBe('worker');
    expect(warm.snapshotMs).toBeLessThan(50);
    // Debounced: typing steadily does not run the checks per keystroke.
    expect(runsWhileTyping).toBeLessThanOrEqual(2);
    expect(sam.errors).toEqual([]);
  });
});
