import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { seriousAxeViolations, launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { HomeScreen, PostmortemScreen } from './pages.ts';

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
  it('reports what could not be mapped and opens the new postmortem with its content', async () => {
    person = await openPage(browser);
    await new HomeScreen(person.page).open(server.url);
    await person.page.getByTestId('import-file').setInputFiles(path.resolve(import.meta.dirname, '../fixtures/markdown/gitlab.md'));
    await person.page.getByTestId('import-submit').click();
    const result = person.page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/Imported/);
    expect(await seriousAxeViolations(person.page)).toEqual([]);

    await person.page.getByTestId('import-open').click();
    const screen = new PostmortemScreen(person.page);
    await screen.join('Imogen Importer');
    await expect.poll(() => screen.editor('summary').innerText()).not.toBe('');
    expect(await screen.timelineEntries().count()).toBeGreaterThan(0);
    expect(person.errors).toEqual([]);
  });
});
