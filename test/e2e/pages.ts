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
