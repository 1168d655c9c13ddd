/** Page objects for the browser tests: the screens as a person sees them. */
import type { Locator, Page } from 'playwright-core';

export class HomeScreen {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/`);
  }

  /** Creates a postmortem and returns the facilitator URL the app lands on. */
  async create(title: string, severity: string): Promise<string> {
    await this.page.getByTestId('create-title').fill(title);
    await this.page.getByTestId('create-severity').selectOption(severity);
    await this.page.getByTestId('create-submit').click();
    await this.page.waitForURL(/\/p\/[^/]+#t=/);
    return this.page.url();
  }
}

export class PostmortemScreen {
  constructor(readonly page: Page) {}

  async open(url: string, name: string): Promise<void> {
    await this.page.goto(url);
    await this.join(name);
  }

  /** Answers the display-name dialog if it shows, then waits for the document. */
  async join(name: string): Promise<void> {
    const input = this.page.getByTestId('name-input');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(name);
    await this.page.getByTestId('name-join').click();
    await this.editor('summary').waitFor({ timeout: 15_000 });
  }

  /** The ProseMirror element of a root rich-text field. */
  editor(root: string): Locator {
    return this.page.getByTestId(`rich-${root}`).locator('.ProseMirror');
  }

  async typeInto(editor: Locator, text: string): Promise<void> {
    await editor.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text, { delay: 5 });
  }

  async shareLink(role: 'participant' | 'viewer'): Promise<string> {
    const el = this.page.getByTestId(`share-${role}-link`);
    await el.waitFor();
    const tag = await el.evaluate((node) => node.tagName);
    const value = tag === 'INPUT' || tag === 'TEXTAREA' ? await el.inputValue() : await el.innerText();
    if (!/\/p\/[^#]+#t=/.test(value)) throw new Error(`share link for ${role} looks wrong: ${value}`);
    return value.trim();
  }

  timelineEntries(): Locator {
    return this.page.getByTestId('timeline-entry');
  }

  actionRows(): Locator {
    return this.page.getByTestId('action-row');
  }
}

/** One run of the live checks, as recorded by the app. */
export interface CheckRunMeasure {
  startTime: number;
  totalMs: number;
  snapshotMs: number;
  engineMs: number;
  /** 1 = first run of the session (cold memo). */
  run: number;
  where: string;
  chars: number;
}

/** The blameless checks as a person meets them: marks in the text, the popover, the panel, publishing. */
export class ChecksUi {
  constructor(readonly page: Page) {}

  /** The ProseMirror element of any rich-text field by its test id (e.g. "rich-impact", "timeline-body-0"). */
  editor(testId: string): Locator {
    return this.page.getByTestId(testId).locator('.ProseMirror');
  }

  /** A rich-text field's text as written (without collaborators' caret labels). */
  text(testId: string): Promise<string> {
    return this.editor(testId).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return [...copy.querySelectorAll('p, h1, h2, h3, pre')].map((block) => block.textContent ?? '').join('\n');
    });
  }

  /** Inline marks, optionally of one rule, optionally inside one field. */
  marks(rule?: string, fieldTestId?: string): Locator {
    const selector = rule ? `.check-mark[data-rule="${rule}"]` : '.check-mark';
    return (fieldTestId ? this.page.getByTestId(fieldTestId) : this.page.locator('body')).locator(selector);
  }

  /** The text of each mark of a rule, in document order. */
  async markTexts(rule: string, fieldTestId?: string): Promise<string[]> {
    return this.marks(rule, fieldTestId).evaluateAll((els) => els.map((el) => el.textContent ?? ''));
  }

  panel(): Locator {
    return this.page.getByTestId('findings-panel');
  }

  findingItems(rule?: string): Locator {
    const items = this.page.getByTestId('finding-item');
    return rule ? items.and(this.page.locator(`[data-rule="${rule}"]`)) : items;
  }

  async count(severity: 'error' | 'warning' | 'info'): Promise<number> {
    return Number(await this.page.getByTestId(`finding-count-${severity}`).innerText());
  }

  popover(): Locator {
    return this.page.getByTestId('check-popover');
  }

  /** Text selected in the page (what the panel selected in an editor). */
  selectedText(): Promise<string> {
    return this.page.evaluate(() => document.getSelection()?.toString() ?? '');
  }

  /** Whether focus is inside the popover. */
  focusInPopover(): Promise<boolean> {
    return this.page.evaluate(() => !!document.activeElement?.closest('[data-testid="check-popover"]'));
  }

  /** Facilitator: dismisses the finding shown first in the open popover. */
  async dismissInPopover(reason: string): Promise<void> {
    await this.popover().getByTestId('dismiss-finding').first().click();
    await this.popover().getByTestId('dismiss-reason').fill(reason);
    await this.popover().getByTestId('dismiss-confirm').click();
  }

  /** The run measures the app records (User Timing), with their details. */
  runs(): Promise<CheckRunMeasure[]> {
    return this.page.evaluate(() =>
      performance
        .getEntriesByName('second-story:checks-run')
        .map((e) => ({ startTime: e.startTime, ...((e as PerformanceMeasure).detail as Omit<CheckRunMeasure, 'startTime'>) })),
    );
  }
}

/** The facilitation features: locks, section status and owner, near-miss notes, the private triage. */
export class FacilitationUi {
  constructor(readonly page: Page) {}

  section(id: string): Locator {
    return this.page.locator(`#section-${id}`);
  }

  lockToggle(key: string): Locator {
    return this.page.getByTestId(`lock-toggle-${key}`);
  }

  lockedBadge(key: string): Locator {
    return this.page.getByTestId(`locked-badge-${key}`);
  }

  /** Facilitator: locks or unlocks a section ('header' for the title block), and waits for it to show. */
  async setLocked(key: string, locked: boolean): Promise<void> {
    const toggle = this.lockToggle(key);
    if ((await toggle.getAttribute('data-locked')) !== String(locked)) await toggle.click();
    await this.page.locator(`[data-testid="lock-toggle-${key}"][data-locked="${locked}"]`).waitFor();
  }

  sectionStatus(id: string): Locator {
    return this.page.getByTestId(`section-status-${id}`);
  }

  sectionOwner(id: string): Locator {
    return this.page.getByTestId(`section-owner-${id}`);
  }

  /**
   * Controls in a section (or the header) that would still let this person change something:
   * enabled inputs, selects, textareas and buttons (not the checks' badges or picture downloads),
   * and editable rich-text fields.
   */
  editableControls(container: Locator): Promise<string[]> {
    return container.evaluate((root) => {
      const found: string[] = [];
      for (const el of root.querySelectorAll<HTMLInputElement>('input, select, textarea, button')) {
        // The checks' badges only open details; picture downloads ([data-reads-only]) only read.
        if (el.disabled || el.classList.contains('check-badge') || el.closest('[data-reads-only]')) continue;
        found.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent}]`);
      }
      for (const el of root.querySelectorAll('[contenteditable="true"]')) found.push(`editor[${el.getAttribute('aria-label')}]`);
      return found;
    });
  }

  /** Opens the anonymous near-miss form. */
  async openNoteForm(): Promise<Locator> {
    await this.page.getByTestId('near-miss-open').click();
    const dialog = this.page.getByTestId('near-miss-dialog');
    await this.page.getByTestId('near-miss-text').waitFor();
    return dialog;
  }

  /** Writes and sends a note in the open form; waits for "Sent anonymously" when `expectSent`. */
  async sendNote(text: string, expectSent = true): Promise<void> {
    await this.page.getByTestId('near-miss-text').fill(text);
    await this.page.getByTestId('near-miss-submit').click();
    if (expectSent) await this.page.getByTestId('near-miss-sent').waitFor();
  }

  async closeNoteForm(): Promise<void> {
    await this.page.getByTestId('near-miss-dialog').getByRole('button', { name: 'Close' }).click();
  }

  pendingNotes(): Locator {
    return this.page.getByTestId('pending-note');
  }

  pendingNote(text: string): Locator {
    return this.pendingNotes().filter({ hasText: text });
  }

  approvedNotes(): Locator {
    return this.page.getByTestId('near-miss-item');
  }

  triageDialog(): Locator {
    return this.page.getByTestId('triage-dialog');
  }

  async openTriage(): Promise<void> {
    await this.page.getByTestId('triage-open').click();
    await this.triageDialog().waitFor();
  }

  /** Answers one triage question (malice, knowingViolation, substitution) with yes, no or unsure. */
  async answer(question: string, answer: 'yes' | 'no' | 'unsure'): Promise<void> {
    await this.page.getByTestId(`triage-${question}-${answer}`).check();
  }

  triageQuestion(question: string): Locator {
    return this.page.getByTestId(`triage-question-${question}`);
  }

  triageOutcome(): Locator {
    return this.page.getByTestId('triage-outcome');
  }
}

/** The learning dashboard (`/dashboard`). */
export class DashboardScreen {
  constructor(readonly page: Page) {}

  chart(id: string): Locator {
    return this.page.getByTestId(`chart-${id}`);
  }

  /** Drawn marks of a chart: line paths with points, or bars. */
  async marks(id: string): Promise<{ lines: number; bars: number; ticks: number }> {
    return this.chart(id).evaluate((figure) => ({
      lines: [...figure.querySelectorAll('path.recharts-line-curve')].filter((p) => (p.getAttribute('d') ?? '').length > 10).length,
      bars: figure.querySelectorAll('.recharts-bar-rectangle path').length,
      ticks: figure.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick').length,
    }));
  }

  postmortemRows(): Locator {
    return this.page.getByTestId('postmortem-row');
  }

  trackerRows(): Locator {
    return this.page.getByTestId('tracker-row');
  }

  /** The cells of one column of a table, as text. */
  async column(table: 'postmortem-table' | 'action-table', index: number): Promise<string[]> {
    return this.page.getByTestId(table).locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts();
  }

  async count(testId: 'postmortem-count' | 'action-count'): Promise<number> {
    const text = await this.page.getByTestId(testId).innerText();
    return Number(/\d+/.exec(text)?.[0] ?? NaN);
  }
}
