/**
 * Facilitation in real Chromium against the real server: locks seen at once by a participant
 * (every field of the section read-only, and a refused late change explained in words), section
 * status and owner, anonymous near-miss notes from form to queue to everyone's panel, and the
 * private Just Culture triage that only the facilitator ever sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TRIAGE_OUTCOME_TEXT, TRIAGE_REMINDER } from '../../shared/api/triage.ts';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { FacilitationUi, HomeScreen, PostmortemScreen } from './pages.ts';

let server: TestServer;
let browser: Browser;
const pages: WatchedPage[] = [];

beforeAll(async () => {
  // Three notes per ten minutes, so the rate limit can be met in the form.
  server = await startTestServer({ notesPerWindow: 3 });
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


/** Passes this page's collaboration socket through a gate that can hold what the page sends. */
async function gateSockets(page: Page) {
  let holding = false;
  const held: (() => void)[] = [];
  let updatesSent = 0;
  await page.routeWebSocket(/\/collab\//, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      // y-websocket frames: [0 = sync, 2 = update, …] is a document change.
      if (typeof message !== 'string' && message[0] === 0 && message[1] === 2) updatesSent += 1;
      if (holding) held.push(() => upstream.send(message));
      else upstream.send(message);
    });
    upstream.onMessage((message) => ws.send(message));
  });
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const send of held.splice(0)) send();
    },
    updatesSent: () => updatesSent,
  };
}

describe('facilitation in a live session', () => {
  let id = '';
  let facilitatorToken = '';
  let fran: WatchedPage;
  let pat: WatchedPage;
  let vic: WatchedPage;
  let franUi: FacilitationUi;
  let patUi: FacilitationUi;
  let vicUi: FacilitationUi;
  let patGate: Awaited<ReturnType<typeof gateSockets>>;

  it('a facilitator opens a postmortem; a participant and a viewer join', async () => {
    fran = await person();
    const home = new HomeScreen(fran.page);
    await home.open(server.url);
    const url = await home.create('Checkout outage', 'SEV2');
    id = /\/p\/([^#/]+)/.exec(url)![1]!;
    facilitatorToken = new URLSearchParams(new URL(url).hash.slice(1)).get('t')!;
    const franScreen = new PostmortemScreen(fran.page);
    await franScreen.join('Fran Facilitator');
    const participantUrl = await franScreen.shareLink('participant');
    const viewerUrl = await franScreen.shareLink('viewer');

    pat = await person();
    patGate = await gateSockets(pat.page);
    await new PostmortemScreen(pat.page).open(participantUrl, 'Pat Participant');
    vic = await person();
    await new PostmortemScreen(vic.page).open(viewerUrl, 'Vic Viewer');
    franUi = new FacilitationUi(fran.page);
    patUi = new FacilitationUi(pat.page);
    vicUi = new FacilitationUi(vic.page);
    await expect.poll(() => fran.page.getByTestId('presence-item').count(), { timeout: 10_000 }).toBe(3);

    // Rows in every structured section, so the locks have something to freeze.
    for (const add of ['add-timeline-entry', 'add-factor', 'add-defense', 'add-action']) await fran.page.getByTestId(add).click();
    await expect.poll(() => pat.page.getByTestId('action-row').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => pat.page.getByTestId('defense-row').count()).toBe(1);
    expect(await patUi.editableControls(patUi.section('actions'))).not.toEqual([]);
    expect(await pat.page.locator('[data-testid^="lock-toggle-"]').count()).toBe(0);
    expect(await vic.page.locator('[data-testid^="lock-toggle-"]').count()).toBe(0);
    expect(await fran.page.locator('[data-testid^="lock-toggle-"]').count()).toBe(9);
  });

  it('locking Impact makes it read-only for the participant at once; unlocking gives it back', async () => {
    const patScreen = new PostmortemScreen(pat.page);
    await patScreen.typeInto(patScreen.editor('impact'), '12% of checkout requests failed');
    await expect.poll(() => new PostmortemScreen(fran.page).editor('impact').innerText(), { timeout: 10_000 }).toContain('12%');

    await franUi.setLocked('impact', true);
    await expect.poll(() => patScreen.editor('impact').getAttribute('contenteditable'), { timeout: 5_000 }).toBe('false');
    expect(await patUi.lockedBadge('impact').innerText()).toBe('Locked by the facilitator');
    expect(await franUi.lockedBadge('impact').innerText()).toBe('Locked for participants');
    expect(await pat.page.getByTestId('nav-impact').getAttribute('data-locked')).toBe('true');
    expect(await patUi.editableControls(patUi.section('impact'))).toEqual([]);
    expect(await patScreen.editor('summary').getAttribute('contenteditable')).toBe('true');

    await patScreen.editor('impact').click();
    await pat.page.keyboard.type(' typed while locked');
    expect(await patScreen.editor('impact').innerText()).not.toContain('typed while locked');

    await franUi.setLocked('impact', false);
    await expect.poll(() => patScreen.editor('impact').getAttribute('contenteditable'), { timeout: 5_000 }).toBe('true');
    expect(await patUi.lockedBadge('impact').count()).toBe(0);
    await patScreen.typeInto(patScreen.editor('impact'), ' for 47 minutes');
    await expect.poll(() => new PostmortemScreen(fran.page).editor('impact').innerText(), { timeout: 10_000 }).toContain('for 47 minutes');
  });

  it('a lock freezes every field of the section: rows, selects, dates, factor links, trigger and system gap, the header', async () => {
    const keys = ['timeline', 'control', 'factors', 'actions', 'header'];
    // A step the participant could undo into a section about to be locked: Undo must not write there.
    await pat.page.getByTestId('add-factor').click();
    await expect.poll(() => pat.page.getByTestId('undo').isDisabled()).toBe(false);
    for (const key of keys) await franUi.setLocked(key, true);
    await expect.poll(() => pat.page.getByTestId('undo').isDisabled(), { timeout: 5_000 }).toBe(true);
    for (const key of keys) await patUi.lockedBadge(key).waitFor({ timeout: 5_000 });
    for (const section of ['timeline', 'control', 'factors', 'actions']) {
      expect(await patUi.editableControls(patUi.section(section)), section).toEqual([]);
    }
    expect(await patUi.editableControls(pat.page.locator('.doc-header'))).toEqual([]);
    for (const add of ['add-timeline-entry', 'add-factor', 'add-defense', 'add-action']) {
      expect(await pat.page.getByTestId(add).count(), add).toBe(0);
    }
    // The facilitator can still edit what is locked for participants.
    expect(await franUi.editableControls(franUi.section('actions'))).not.toEqual([]);

    for (const key of keys) await franUi.setLocked(key, false);
    await expect.poll(() => pat.page.getByTestId('add-action').count(), { timeout: 5_000 }).toBe(1);
    expect(await pat.page.getByTestId('meta-title').isDisabled()).toBe(false);
  });

  it('a change that reaches the server after the lock is refused, and the participant is told why', async () => {
    const patScreen = new PostmortemScreen(pat.page);
    patGate.hold();
    await patScreen.typeInto(patScreen.editor('impact'), ' LATE WORDS');
    await franUi.setLocked('impact', true);
    await expect.poll(() => patScreen.editor('impact').getAttribute('contenteditable'), { timeout: 5_000 }).toBe('false');
    patGate.release();

    const notice = pat.page.getByTestId('refused-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.innerText()).toContain('The facilitator locked “Impact”; your last change was not saved.');
    await patScreen.editor('impact').waitFor({ timeout: 15_000 });
    await expect.poll(() => patScreen.editor('impact').innerText(), { timeout: 10_000 }).toContain('for 47 minutes');
    expect(await patScreen.editor('impact').innerText()).not.toContain('LATE WORDS');
    expect(await new PostmortemScreen(fran.page).editor('impact').innerText()).not.toContain('LATE WORDS');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await franUi.setLocked('impact', false);
  });

  it('the facilitator sets status and owner; the participant sees them by the heading and in the navigation', async () => {
    await franUi.sectionStatus('impact').selectOption('ready-for-review');
    await franUi.sectionOwner('impact').selectOption('Pat Participant');
    await expect.poll(() => patUi.sectionStatus('impact').innerText(), { timeout: 5_000 }).toBe('Ready for review');
    await expect.poll(() => patUi.sectionOwner('impact').innerText()).toBe('Owner: Pat Participant');
    expect(await pat.page.getByTestId('nav-impact').getAttribute('data-status')).toBe('ready-for-review');
    expect(await vicUi.sectionStatus('impact').innerText()).toBe('Ready for review');
    expect(await patUi.sectionStatus('summary').innerText()).toBe('Drafting');

    // The facilitator's moderation is an ordinary undoable edit.
    await fran.page.getByTestId('undo').click();
    await expect.poll(() => patUi.sectionOwner('impact').count(), { timeout: 5_000 }).toBe(0);
    await fran.page.getByTestId('redo').click();
    await expect.poll(() => patUi.sectionOwner('impact').count(), { timeout: 5_000 }).toBe(1);
    expect(await seriousAxeViolations(fran.page)).toEqual([]);
  });

  it('an anonymous note goes out as one HTTP call with its text only, nothing through the document', async () => {
    expect(await vic.page.getByTestId('near-miss-open').count()).toBe(0);
    const dialog = await patUi.openNoteForm();
    expect(await dialog.innerText()).toContain('Not recorded: your name, your link, your browser, your address, the exact time.');
    expect(await seriousAxeViolations(pat.page)).toEqual([]);

    await pat.page.getByTestId('near-miss-text').fill('ab');
    await pat.page.getByTestId('near-miss-submit').click();
    expect(await pat.page.getByTestId('near-miss-error').innerText()).toBe('Write a few words.');

    const text = 'The same cache flag almost took checkout down in March.';
    const before = patGate.updatesSent();
    const [request] = await Promise.all([
      pat.page.waitForRequest((r) => r.url().endsWith(`/api/postmortems/${id}/near-misses`) && r.method() === 'POST'),
      patUi.sendNote(text),
    ]);
    expect(request.postDataJSON()).toEqual({ text });
    expect(await pat.page.getByTestId('near-miss-text').inputValue()).toBe('');
    expect(patGate.updatesSent()).toBe(before);
    await patUi.closeNoteForm();
    expect(await pat.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('near-miss-open');
  });

  it('the note reaches the facilitator queue, is approved, and shows for everyone; a dismissed one never does', async () => {
    expect(await pat.page.getByTestId('pending-notes').count()).toBe(0);
    expect(await vic.page.getByTestId('pending-notes').count()).toBe(0);
    const text = 'The same cache flag almost took checkout down in March.';
    await franUi.pendingNote(text).waitFor({ timeout: 15_000 }); // the queue is polled every 10 s
    expect(await franUi.pendingNote(text).innerText()).toMatch(/Sent around \d\d:00/);
    await franUi.pendingNote(text).getByTestId('approve-note').click();
    await expect.poll(() => franUi.pendingNote(text).count(), { timeout: 5_000 }).toBe(0);
    for (const ui of [franUi, patUi, vicUi]) {
      await expect.poll(() => ui.approvedNotes().allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining(text)]);
    }

    await patUi.openNoteForm();
    await patUi.sendNote('A note that will be dismissed.');
    await patUi.closeNoteForm();
    await franUi.pendingNote('A note that will be dismissed.').waitFor({ timeout: 15_000 });
    await franUi.pendingNote('A note that will be dismissed.').getByTestId('dismiss-note').click();
    await expect.poll(() => franUi.pendingNotes().count(), { timeout: 5_000 }).toBe(0);
    expect(await patUi.approvedNotes().count()).toBe(1);
  });

  it('a rate-limited note is explained in the form and its text kept', async () => {
    await patUi.openNoteForm();
    await patUi.sendNote('Third note: the pager rotation had a gap.');
    await patUi.sendNote('Fourth note: this one meets the limit.', false);
    const error = pat.page.getByTestId('near-miss-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Many notes reached this postmortem just now');
    expect(await pat.page.getByTestId('near-miss-text').inputValue()).toBe('Fourth note: this one meets the limit.');
    await patUi.closeNoteForm();
  });

  it('the triage is absent for participants and viewers', async () => {
    for (const page of [pat.page, vic.page]) {
      expect(await page.getByTestId('triage-open').count()).toBe(0);
      expect(await page.getByTestId('triage-dialog').count()).toBe(0);
    }
  });

  it('the facilitator triages a decision: questions in order, blameless after no / no / yes, saved privately', async () => {
    await franUi.openTriage();
    const dialog = franUi.triageDialog();
    expect(await dialog.innerText()).toContain('Private to facilitators · never exported');
    expect(await dialog.innerText()).toContain('Before you start: hindsight makes the right choice look obvious');
    expect(await dialog.innerText()).toContain(TRIAGE_REMINDER);

    const decision = 'The on-call engineer restarted the primary database during peak traffic.';
    await fran.page.getByTestId('triage-decision').fill(decision);
    expect(await franUi.triageQuestion('knowingViolation').count()).toBe(0);
    await franUi.answer('malice', 'no');
    await franUi.triageQuestion('knowingViolation').waitFor();
    expect(await franUi.triageQuestion('substitution').count()).toBe(0);
    await franUi.answer('knowingViolation', 'no');
    await franUi.answer('substitution', 'yes');
    expect(await franUi.triageOutcome().getAttribute('data-outcome')).toBe('blameless');
    expect(await franUi.triageOutcome().innerText()).toContain(TRIAGE_OUTCOME_TEXT.blameless);
    expect(await seriousAxeViolations(fran.page)).toEqual([]);

    await fran.page.getByTestId('triage-save').click();
    await expect.poll(() => dialog.getByTestId('triage-record').count(), { timeout: 5_000 }).toBe(1);
    const stored = await fetch(`${server.url}/api/postmortems/${id}/triage`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
    expect(((await stored.json()) as { records: { decision: string; outcome: string }[] }).records).toEqual([
      expect.objectContaining({ decision, outcome: 'blameless' }),
    ]);
    // Never in the shared document, nor on anyone else's screen.
    const exported = await fetch(`${server.url}/api/postmortems/${id}/export.json`, { headers: { authorization: `Bearer ${facilitatorToken}` } });
    expect(await exported.text()).not.toContain('restarted the primary database');
    expect(await pat.page.locator('body').innerText()).not.toContain('restarted the primary database');

    await franUi.answer('malice', 'yes'); // ends the questions on the accountability path
    expect(await franUi.triageQuestion('knowingViolation').count()).toBe(0);
    expect(await franUi.triageOutcome().getAttribute('data-outcome')).toBe('accountability');
    await fran.page.getByTestId('triage-delete').click();
    await fran.page.getByTestId('triage-delete-confirm').click();
    await expect.poll(() => dialog.getByTestId('triage-record').count(), { timeout: 5_000 }).toBe(0);
    await fran.page.keyboard.press('Escape');
    await expect.poll(() => franUi.triageDialog().count()).toBe(0);
    expect(await fran.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('triage-open');
  });

  it('had no console errors in any browser (the rate-limited note and the refused socket aside)', () => {
    // The 429 is the rate-limit step; Chromium logs a send on the socket the server just closed
    // with 4403 in the refused-change step (y-websocket sends presence as the close arrives).
    const expected = /status of 429|WebSocket is already in CLOSING or CLOSED state/;
    expect(pages.flatMap((p) => p.errors).filter((e) => !expected.test(e))).toEqual([]);
  });
});
