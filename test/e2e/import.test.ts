import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ChecksUi, HomeScreen, PostmortemScreen } from './pages.ts';

let server: TestServer;
let browser: Browser;
let person: WatchedPage;
beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await person?.context.close();
  await browser?.close();
  await server?.stop();
});

describe('importing a Markdown postmortem from the home page', () => {
  it('shows what could not be mapped and opens the new postmortem with its content', async () => {
    person = await openPage(browser);
    await new HomeScreen(person.page).open(server.url);
    await person.page.getByTestId('import-file').setInputFiles(path.resolve(import.meta.dirname, '../fixtures/markdown/lossy.md'));
    await person.page.getByTestId('import-submit').click();
    const result = person.page.getByTestId('import-result');
    await result.waitFor();
    const shown = await result.innerText();
    expect(shown).toContain('Imported Login failures after a certificate rotation.');
    // Every heading and header-table row without a place, and every sentence about what was dropped.
    expect(shown).toContain('Not imported (no place in the template): What went well, Incident commander, Duration.');
    for (const warning of [
      'Action items column "Priority" was not read.',
      'Action items column "Ticket" was not read.',
      'Action items: a code block ("rotate-certs --verify-all --pools=login") was not read.',
    ]) {
      expect(shown).toContain(warning);
    }
    expect(await seriousAxeViolations(person.page)).toEqual([]);

    await person.page.getByTestId('import-open').click();
    const screen = new PostmortemScreen(person.page);
    await screen.join('Imogen Importer');
    await expect.poll(() => screen.editor('summary').innerText()).toContain('a third of logins failed');
    expect(await screen.timelineEntries().count()).toBe(3);
    expect(person.errors).toEqual([]);
  });

  it('keeps a Shift+Enter line break in the export, with the checks marking the right words after it', async () => {
    const screen = new PostmortemScreen(person.page);
    const checks = new ChecksUi(person.page);
    await screen.typeInto(checks.editor('rich-impact'), 'A third of logins failed');
    await person.page.keyboard.press('Shift+Enter');
    await person.page.keyboard.type('Massive impact on many users', { delay: 5 });
    // The marks sit on the words: the break counts as one character in the editor and in the checks' text alike.
    await expect.poll(() => checks.markTexts('impact-without-numbers', 'rich-impact'), { timeout: 10_000 }).toEqual(['Massive', 'many']);

    const url = new URL(person.page.url());
    const id = url.pathname.split('/').at(-1)!;
    const token = new URLSearchParams(url.hash.slice(1)).get('t')!;
    const exported = async () => {
      const res = await fetch(`${server.url}/api/postmortems/${id}/export.md`, { headers: { authorization: `Bearer ${token}` } });
      return res.text();
    };
    await expect.poll(exported, { timeout: 10_000 }).toContain('## Impact\nA third of logins failed\\\nMassive impact on many users\n');
    expect(person.errors).toEqual([]);
  });
});
