/**
 * `npm run screenshots`: a live session as the README shows it. Starts the real server on a
 * temporary data folder, writes a sample postmortem, opens a facilitator and a participant in
 * Chromium, and saves docs/screenshot.png (the facilitator's view with the participant's caret);
 * then fills another data folder with the demo organisation and saves docs/dashboard.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSnapshot } from '../shared/schema/index.ts';
import { launchBrowser, openPage } from '../test/helpers/browser.ts';
import { connectClient } from '../test/helpers/clients.ts';
import { createPostmortemOverHttp, startTestServer, tempDir } from '../test/helpers/server.ts';
import { waitFor } from '../test/helpers/wait.ts';
import { generateDemo } from './demo/generate.ts';
import { writeSamplePostmortem } from './sample-postmortem.ts';

const out = path.resolve(import.meta.dirname, '../docs/screenshot.png');
const dashboardOut = path.resolve(import.meta.dirname, '../docs/dashboard.png');

const server = await startTestServer({ unloadDelayMs: 60_000 });
const browser = await launchBrowser();
try {
  const pm = await createPostmortemOverHttp(server.url, { title: 'EU checkout errors after a config change', severity: 'SEV2' });
  const writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant);
  writeSamplePostmortem(writer.doc);
  await waitFor(async () => (await server.store.getRevision(pm.id)) > 0 && readSnapshot(writer.doc).actions.length === 2);
  writer.destroy();

  const facilitator = await openPage(browser, { timezoneId: 'Europe/Berlin', viewport: { width: 1440, height: 1080 } });
  // The creator's browser remembers the share links; this one learns them as the home page would.
  await facilitator.page.goto(`${server.url}/`);
  await facilitator.page.evaluate(
    ([id, links]) =>
      localStorage.setItem(
        `second-story:links:${id}`,
        JSON.stringify({ id, title: 'EU checkout errors after a config change', severity: 'SEV2', createdAt: new Date().toISOString(), links }),
      ),
    [pm.id, pm.links] as const,
  );
  const participant = await openPage(browser, { timezoneId: 'America/New_York' });
  for (const [who, url, name] of [
    [facilitator, pm.links.facilitator, 'Ada Lovelace'],
    [participant, pm.links.participant, 'Grace Hopper'],
  ] as const) {
    await who.page.goto(url);
    await who.page.getByTestId('name-input').fill(name);
    await who.page.getByTestId('name-join').click();
    await who.page.getByTestId('rich-summary').locator('.ProseMirror').waitFor();
  }
  // Grace types in Summary, so Ada sees her named caret there.
  const impact = participant.page.getByTestId('rich-summary').locator('.ProseMirror');
  await impact.click();
  await participant.page.keyboard.press('Control+End');
  await participant.page.keyboard.type(' Payments were not charged twice.', { delay: 10 });
  const caret = facilitator.page.getByTestId('rich-summary').locator('.collaboration-carets__label');
  await caret.waitFor({ timeout: 10_000 });
  await facilitator.page.getByTestId('presence-item').nth(1).waitFor();
  await facilitator.page.evaluate(() => window.scrollTo(0, 0));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await facilitator.page.screenshot({ path: out });
  console.log(`saved ${path.relative(process.cwd(), out)}`);
  const errors = [...facilitator.errors, ...participant.errors];
  if (errors.length > 0) console.warn(`browser errors:\n${errors.join('\n')}`);

  // The dashboard over a year of the demo organisation.
  const demoDir = tempDir();
  await generateDemo({ dataDir: demoDir });
  const demoServer = await startTestServer({ dataDir: demoDir });
  try {
    const lead = await openPage(browser, { viewport: { width: 1440, height: 1000 } });
    await lead.page.goto(`${demoServer.url}/dashboard#org=${demoServer.org.token}`);
    await lead.page.getByTestId('chart-publish').locator('.metric-chart__plot svg').first().waitFor({ timeout: 20_000 });
    await lead.page.screenshot({ path: dashboardOut });
    console.log(`saved ${path.relative(process.cwd(), dashboardOut)}`);
    if (lead.errors.length > 0) console.warn(`browser errors:\n${lead.errors.join('\n')}`);
  } finally {
    await demoServer.stop();
    fs.rmSync(demoDir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  await server.stop();
}
