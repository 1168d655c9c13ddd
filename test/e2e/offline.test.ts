import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readSnapshot } from '../../shared/schema/index.ts';
import { launchBrowser, openPage, type WatchedPage } from '../helpers/browser.ts';
import { connectClient } from '../helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import { PostmortemScreen } from './pages.ts';

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

describe('offline editing', () => {
  it('keeps edits made while the server is down in the browser, and syncs them when it is back', async () => {
    const pm = await createPostmortemOverHttp(server.url, { title: 'Offline drill' });
    person = await openPage(browser);
    const screen = new PostmortemScreen(person.page);
    await screen.open(pm.links.participant, 'Olu Offline');
    await expect.poll(() => person.page.getByTestId('connection-status').innerText()).toContain('Connected');

    // The server goes away (same data folder and port come back later).
    const { port, dataDir } = server;
    await server.close();
    await expect.poll(() => person.page.getByTestId('connection-status').innerText(), { timeout: 15_000 }).not.toContain('Connected');
    await screen.typeInto(screen.editor('summary'), 'Written while the server was down.');

    // The tab is closed before the server ever saw the edit: only this browser's IndexedDB has it.
    await person.page.waitForFunction(async () => {
      const dbs = await indexedDB.databases();
      return dbs.some((d) => d.name?.startsWith('second-story:'));
    });
    await person.page.close();

    server = await startTestServer({ port, dataDir });
    const page = await person.context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') person.errors.push(`console: ${msg.text()}`);
    });
    const again = new PostmortemScreen(page);
    await page.goto(pm.links.participant);
    await again.editor('summary').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('connection-status').innerText(), { timeout: 20_000 }).toContain('Connected');
    await expect.poll(() => again.editor('summary').innerText()).toContain('Written while the server was down.');
    const probe = await connectClient(server.wsUrl, pm.id, pm.tokens.viewer);
    try {
      await waitFor(() => readSnapshot(probe.doc).text.summary.includes('Written while the server was down.'), {
        timeoutMs: 15_000,
        message: 'offline edit reached the server',
      });
    } finally {
      probe.destroy();
    }
    // Connection failures while the server was down are the browser's own network errors.
    expect(person.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
  });
});
