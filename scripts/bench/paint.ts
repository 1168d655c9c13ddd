/**
 * Scenario 5: keypress to paint in real Chromium, typing at the end of the Summary of a ~50 KB
 * postmortem, with the live checks on and off (localStorage 'second-story:checks' = 'off', read by
 * client/checks/live-checks.ts when the session starts). The real server runs in this process
 * and serves the built client (dist/client, rebuilt first when older than its sources).
 *
 * Inside the page a capturing `keydown` listener takes the event's timestamp; a requestAnimationFrame
 * callback (which runs after the DOM update, before the next paint) posts a MessageChannel message,
 * which is handled right after that paint: the difference is the keypress-to-paint latency.
 * Keys are pressed one at a time with a pause between them (fast typing), in blocks of each mode
 * in the order on, off, off, on, each block in a fresh browser context, so that drift on a shared
 * machine falls on both modes alike. Long tasks (PerformanceObserver 'longtask') and the checks'
 * runs are counted during the measured typing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { connectClient } from '../../test/helpers/clients.ts';
import { launchBrowser, openPage, type WatchedPage } from '../../test/helpers/browser.ts';
import { createPostmortemOverHttp, startTestServer, type TestServer } from '../../test/helpers/server.ts';
import { waitFor } from '../../test/helpers/wait.ts';
import { benchTempDir, removeDir, trackChild } from './cleanup.ts';
import { generatePostmortem, textChars, writePostmortem } from './postmortem-text.ts';
import { fmt, median, ratio, summarize, table, type Summary } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLIENT_DIR = path.join(ROOT, 'dist/client');
const CHECKS_SWITCH = 'second-story:checks';
/** Name of the User Timing measure the live checks record for each run (client/checks/live-checks.ts RUN_MEASURE). */
const RUN_MEASURE = 'second-story:checks-run';
const TYPED = ' the alert threshold was raised to five percent in the same change and the pool limit was restored.';

export type PaintMode = 'on' | 'off';

export interface PaintOptions {
  documentKb: number;
  /** Measured keypresses per mode, split over `blocksPerMode` page loads. */
  keypressesPerMode: number;
  blocksPerMode: number;
  /** Unmeasured keypresses at the start of each block. */
  warmupKeys: number;
  /** Pause after each keypress (fast typing). */
  pauseMs: number;
  /** Typing in one page load stops after this long even if keys are left (a loaded machine), so the scenario stays bounded. */
  maxTypingMsPerBlock: number;
}

export interface ModeFigures {
  mode: PaintMode;
  /** Keypress (event timestamp) to the first task after the next paint, ms. */
  latencyMs: Summary;
  /** Keypress (event timestamp) to the keydown handler running: time the main thread was busy. */
  inputDelayMs: Summary;
  longTasks: number;
  longTaskTotalMs: number;
  longTaskMaxMs: number;
  measuredSeconds: number;
  /** Page loads whose typing was cut short by maxTypingMsPerBlock. */
  cappedBlocks: number;
  /** Runs of the live checks during the measured typing, and their main-thread snapshot cost. */
  checkRuns: number;
  checkSnapshotMedianMs: number;
  checkSnapshotMaxMs: number;
  checkEngineMedianMs: number;
  /** Inline check marks in the page at the end of the block (0 when the checks are off). */
  marksAtEnd: number;
  /** Rich-text editors (ProseMirror views) in the page: each is bound to the one shared Y.Doc. */
  editors: number;
  /** Opening the page: navigation to the document rendered with every timeline entry. */
  openMedianMs: number;
  pageErrors: string[];
}

export interface PaintResult {
  options: PaintOptions;
  build: { rebuilt: boolean; reason: string; ms: number };
  document: { textChars: number; timeline: number; factors: number; actions: number; summaryChars: number };
  setupMs: number;
  on: ModeFigures;
  off: ModeFigures;
}

interface BlockResult {
  mode: PaintMode;
  /** Typing stopped at maxTypingMsPerBlock before every key was pressed. */
  capped: boolean;
  latencies: number[];
  inputDelays: number[];
  longTasks: number[];
  measuredMs: number;
  runs: { snapshotMs: number; engineMs: number }[];
  marks: number;
  editors: number;
  openMs: number;
  errors: string[];
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry, { recursive: true }) as string[]) {
    newest = Math.max(newest, fs.statSync(path.join(entry, name)).mtimeMs);
  }
  return newest;
}

/**
 * Whether the built client bundles React's production build. Vite keeps a NODE_ENV it inherits:
 * built under vitest (the browser tests' setup, NODE_ENV=test) it bundles React's development
 * build, several times slower. Only React's production build has "Minified React error".
 */
function productionReact(): boolean {
  const assets = path.join(CLIENT_DIR, 'assets');
  return fs.readdirSync(assets).some((f) => f.endsWith('.js') && fs.readFileSync(path.join(assets, f), 'utf8').includes('Minified React error'));
}

/** Runs `vite build` when dist/client is missing, older than the sources it is built from, or not a production build. */
async function ensureClientBuild(): Promise<PaintResult['build']> {
  const index = path.join(CLIENT_DIR, 'index.html');
  // The bundle is built from client/ and the shared/ modules it imports.
  const sources = ['client', 'shared', 'vite.config.ts'].map((p) => path.join(ROOT, p));
  const newestSource = Math.max(...sources.map(newestMtime));
  let reason: string;
  if (!fs.existsSync(index)) reason = 'dist/client missing';
  else if (fs.statSync(index).mtimeMs < newestSource) reason = 'dist/client older than its sources';
  else if (!productionReact()) reason = 'dist/client bundles React\'s development build';
  else return { rebuilt: false, reason: 'dist/client up to date', ms: 0 };
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = trackChild(
      execFile(
        process.execPath,
        [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
        { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' } },
        (error, stdout, stderr) => {
          // The bench needs a client built from the current sources (with the checks switch): no stale fallback.
          if (error) reject(new Error(`vite build failed (${reason}): ${`${stderr}${stdout}`.trim().split('\n').slice(0, 12).join('\n')}`));
          else resolve();
        },
      ),
    );
    child.stdin?.end();
  });
  if (!productionReact()) throw new Error('vite build with NODE_ENV=production did not bundle React\'s production build');
  return { rebuilt: true, reason, ms: performance.now() - start };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A private copy of the built client for the server to serve, so that a rebuild meanwhile (the
 * browser tests' setup empties dist/client) cannot remove files from under the open pages. Copied
 * again if a rebuild was half-way: every asset the HTML and scripts name must be in the copy.
 */
async function copyClient(): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const dir = benchTempDir('paint-client');
    try {
      fs.cpSync(CLIENT_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
      const files = fs.readdirSync(path.join(dir, 'assets')).map((f) => path.join(dir, 'assets', f));
      const named = new Set<string>();
      for (const file of [path.join(dir, 'index.html'), ...files.filter((f) => /\.(js|css)$/.test(f))]) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(/assets\/([\w.-]+\.(?:js|css))/g)) named.add(match[1]!);
      }
      if (named.size > 0 && [...named].every((name) => fs.existsSync(path.join(dir, 'assets', name)))) return dir;
    } catch {
      // A rebuild removed files while they were copied: try again.
    }
    removeDir(dir);
    if (attempt === 10) throw new Error(`could not copy a complete build from ${CLIENT_DIR} (a rebuild running meanwhile?)`);
    await pause(1_000);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface PageProbe {
  __latencies: number[];
  __inputDelays: number[];
  __longTasks: { start: number; duration: number }[];
  __measuring: boolean;
  __painted: number;
}

/** Installs the keypress-to-paint probe and the long-task observer in the page. */
function installProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as PageProbe;
    w.__latencies = [];
    w.__inputDelays = [];
    w.__longTasks = [];
    w.__measuring = false;
    w.__painted = 0;
    window.addEventListener(
      'keydown',
      (event) => {
        const handled = performance.now();
        // The event's own timestamp also counts the time the key waited for a busy main thread.
        const pressed = event.timeStamp > 0 && event.timeStamp <= handled ? event.timeStamp : handled;
        const measuring = w.__measuring;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.addEventListener('message', () => {
            if (measuring) {
              w.__latencies.push(performance.now() - pressed);
              w.__inputDelays.push(handled - pressed);
            }
            w.__painted += 1;
            channel.port1.close();
          });
          channel.port1.start();
          channel.port2.postMessage(null);
        });
      },
      true,
    );
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
  });
}

const keyFor = (char: string) => (char === ' ' ? 'Space' : char);

async function runBlock(browser: Browser, mode: PaintMode, url: string, origin: string, entries: number, keys: number, options: PaintOptions, typedSoFar: number): Promise<BlockResult> {
  let watched: WatchedPage | null = null;
  try {
    watched = await openPage(browser);
    const { page } = watched;
    // The switch is read when the session starts: set it on the origin before opening the postmortem.
    await page.goto(`${origin}/`);
    await page.evaluate(
      ([key, off]) => (off ? localStorage.setItem(key, 'off') : localStorage.removeItem(key)),
      [CHECKS_SWITCH, mode === 'off'] as const,
    );
    const openStart = performance.now();
    await page.goto(url);
    await page.getByTestId('name-input').waitFor({ timeout: 20_000 });
    await page.getByTestId('name-input').fill(mode === 'on' ? 'Olivia On' : 'Oscar Off');
    await page.getByTestId('name-join').click();
    const editor = page.getByTestId('rich-summary').locator('.ProseMirror');
    await editor.waitFor({ timeout: 20_000 });
    await waitFor(async () => (await page.getByTestId('timeline-entry').count()) >= entries, { timeoutMs: 30_000, intervalMs: 100, message: `${entries} timeline entries in the page` });
    const openMs = performance.now() - openStart;
    if (mode === 'on') {
      // The first (cold) run of the checks and its marks, before typing.
      await waitFor(() => page.evaluate((name) => performance.getEntriesByName(name).length > 0, RUN_MEASURE), { timeoutMs: 30_000, intervalMs: 100, message: 'the first run of the live checks' });
    }
    await pause(500);

    await installProbe(page);
    await editor.click();
    await page.keyboard.press('Control+End');
    const text = (i: number) => TYPED[(typedSoFar + i) % TYPED.length]!;
    for (let i = 0; i < options.warmupKeys; i += 1) {
      await page.keyboard.press(keyFor(text(i)));
      await pause(options.pauseMs);
    }
    await waitFor(() => page.evaluate((n) => (window as unknown as PageProbe).__painted >= n, options.warmupKeys), { timeoutMs: 10_000, message: 'warm-up keys painted' });

    const windowStart = await page.evaluate(() => {
      (window as unknown as PageProbe).__measuring = true;
      return performance.now();
    });
    const measuredStart = performance.now();
    let typed = '';
    let pressed = 0;
    while (pressed < keys && performance.now() - measuredStart < options.maxTypingMsPerBlock) {
      const char = text(options.warmupKeys + pressed);
      typed += char;
      await page.keyboard.press(keyFor(char));
      pressed += 1;
      await pause(options.pauseMs);
    }
    const total = options.warmupKeys + pressed;
    await waitFor(() => page.evaluate((n) => (window as unknown as PageProbe).__painted >= n, total), { timeoutMs: 15_000, message: 'every keypress painted' });
    const measuredMs = performance.now() - measuredStart;
    const probe = await page.evaluate(
      ([from, name]) => {
        const w = window as unknown as PageProbe;
        w.__measuring = false;
        const to = performance.now();
        return {
          latencies: w.__latencies,
          inputDelays: w.__inputDelays,
          longTasks: w.__longTasks.filter((t) => t.start >= from && t.start <= to).map((t) => t.duration),
          runs: performance
            .getEntriesByName(name)
            .filter((e) => e.startTime >= from && e.startTime <= to)
            .map((e) => (e as PerformanceMeasure).detail as { snapshotMs: number; engineMs: number }),
          marks: document.querySelectorAll('.check-mark').length,
          editors: document.querySelectorAll('.ProseMirror').length,
        };
      },
      [windowStart, RUN_MEASURE] as const,
    );

    // The keys must have reached the Summary, and the switch must have done what it says.
    const summary = await editor.innerText();
    const tail = typed.trim().slice(-20);
    if (!summary.replace(/\s+/g, ' ').includes(tail)) throw new Error(`typed text not found at the end of the Summary (${mode}): …${summary.slice(-60)}`);
    if (probe.latencies.length !== pressed) throw new Error(`${probe.latencies.length} latencies for ${pressed} keypresses (${mode})`);
    if (mode === 'off' && (probe.runs.length > 0 || probe.marks > 0)) throw new Error(`checks ran with the switch off: ${probe.runs.length} runs, ${probe.marks} marks`);
    if (mode === 'on' && probe.marks === 0) throw new Error('no check marks in the page with the checks on');
    return { mode, ...probe, capped: pressed < keys, measuredMs, openMs, errors: [...watched.errors] };
  } finally {
    await watched?.context.close().catch(() => undefined);
  }
}

function figures(mode: PaintMode, blocks: BlockResult[]): ModeFigures {
  const mine = blocks.filter((b) => b.mode === mode);
  const longTasks = mine.flatMap((b) => b.longTasks);
  const runs = mine.flatMap((b) => b.runs);
  return {
    mode,
    latencyMs: summarize(mine.flatMap((b) => b.latencies)),
    inputDelayMs: summarize(mine.flatMap((b) => b.inputDelays)),
    longTasks: longTasks.length,
    longTaskTotalMs: longTasks.reduce((a, b) => a + b, 0),
    longTaskMaxMs: longTasks.length ? Math.max(...longTasks) : 0,
    measuredSeconds: mine.reduce((s, b) => s + b.measuredMs, 0) / 1000,
    cappedBlocks: mine.filter((b) => b.capped).length,
    checkRuns: runs.length,
    checkSnapshotMedianMs: median(runs.map((r) => r.snapshotMs)),
    checkSnapshotMaxMs: runs.length ? Math.max(...runs.map((r) => r.snapshotMs)) : Number.NaN,
    checkEngineMedianMs: median(runs.map((r) => r.engineMs)),
    marksAtEnd: Math.min(...mine.map((b) => b.marks)),
    editors: Math.max(...mine.map((b) => b.editors)),
    openMedianMs: median(mine.map((b) => b.openMs)),
    pageErrors: mine.flatMap((b) => b.errors),
  };
}

export async function runPaint(options: PaintOptions): Promise<PaintResult> {
  const build = await ensureClientBuild();
  const setupStart = performance.now();
  const dataDir = benchTempDir('paint');
  let clientDir: string | null = null;
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    clientDir = await copyClient();
    // Production timings: the server checks 1 s after typing stops (not 30 ms as in tests), and
    // keeps the document loaded between the blocks' page loads.
    server = await startTestServer({ dataDir, clientDir, checksSettleMs: 1_000, unloadDelayMs: 5_000 });
    const pm = await createPostmortemOverHttp(server.url, { title: 'Checkout outage in the EU', severity: 'SEV2' });
    const snapshot = generatePostmortem(options.documentKb * 1024);
    const writer = await connectClient(server.wsUrl, pm.id, pm.tokens.participant, { name: 'Seeder' });
    try {
      writePostmortem(writer.doc, snapshot);
      const store = server.store;
      await waitFor(async () => (await store.getRevision(pm.id)) > 0, { timeoutMs: 20_000, intervalMs: 50, message: 'the server to store the document' });
    } finally {
      writer.destroy();
    }
    const document = {
      textChars: textChars(snapshot),
      timeline: snapshot.timeline.length,
      factors: snapshot.factors.length,
      actions: snapshot.actions.length,
      summaryChars: snapshot.text.summary.length,
    };
    const url = `${server.url}/p/${pm.id}#t=${pm.tokens.participant}`;
    browser = await withTimeout(launchBrowser(), 30_000, 'Chromium launch');
    const setupMs = performance.now() - setupStart;

    const order: PaintMode[] = [];
    for (let b = 0; b < options.blocksPerMode; b += 1) order.push(...(b % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)));
    const keysPerBlock = Math.ceil(options.keypressesPerMode / options.blocksPerMode);
    const blocks: BlockResult[] = [];
    let typedSoFar = 0;
    for (const mode of order) {
      blocks.push(await withTimeout(runBlock(browser, mode, url, server.url, document.timeline, keysPerBlock, options, typedSoFar), 120_000, `the ${mode} typing block`));
      typedSoFar += options.warmupKeys + keysPerBlock;
    }
    return { options, build, document, setupMs, on: figures('on', blocks), off: figures('off', blocks) };
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    removeDir(dataDir);
    if (clientDir) removeDir(clientDir);
  }
}

export function printPaint(result: PaintResult): void {
  const { on, off, options, document: doc } = result;
  const rows: [string, (f: ModeFigures) => number, number][] = [
    ['keypress to paint p50 (ms)', (f) => f.latencyMs.median, 1],
    ['keypress to paint p95 (ms)', (f) => f.latencyMs.p95, 1],
    ['keypress to paint max (ms)', (f) => f.latencyMs.max, 1],
    ['keypress to paint mean (ms)', (f) => f.latencyMs.mean, 1],
    ['keypresses measured', (f) => f.latencyMs.n, 0],
    ['input delay p95 (event -> keydown handler, ms)', (f) => f.inputDelayMs.p95, 1],
    ['input delay max (ms)', (f) => f.inputDelayMs.max, 1],
    ['long tasks while typing', (f) => f.longTasks, 0],
    ['long tasks total (ms)', (f) => f.longTaskTotalMs, 0],
    ['longest task (ms)', (f) => f.longTaskMaxMs, 0],
    ['typing time measured (s)', (f) => f.measuredSeconds, 1],
    ['checks runs while typing', (f) => f.checkRuns, 0],
    ['checks run: snapshot on the page median (ms)', (f) => f.checkSnapshotMedianMs, 1],
    ['checks run: snapshot on the page max (ms)', (f) => f.checkSnapshotMaxMs, 1],
    ['checks run: engine in the worker median (ms)', (f) => f.checkEngineMedianMs, 1],
    ['check marks in the page at the end', (f) => f.marksAtEnd, 0],
    ['rich-text editors in the page', (f) => f.editors, 0],
    ['open: navigation to every entry rendered, median (ms)', (f) => f.openMedianMs, 0],
    ['page errors', (f) => f.pageErrors.length, 0],
  ];
  console.log(
    table(
      `5. Keypress to paint in Chromium: typing at the end of the Summary of a ~${options.documentKb} KB postmortem ` +
        `(${fmt(doc.textChars / 1024, 1)} KB of text: ${doc.timeline} timeline entries, ${doc.factors} factors, ${doc.actions} actions, ` +
        `summary ${fmt(doc.summaryChars, 0)} characters), live checks on vs off; ${options.keypressesPerMode} keypresses per mode ` +
        `in ${options.blocksPerMode} page loads each (order on, off, off, on), ${options.pauseMs} ms between keys, ${options.warmupKeys} warm-up keys per load`,
      ['', 'checks on', 'checks off', 'on/off'],
      rows.map(([label, get, digits]) => [label, fmt(get(on), digits), fmt(get(off), digits), ratio(get(on), get(off))]),
    ),
  );
  const b = result.build;
  console.log(
    `  client build: ${b.rebuilt ? `rebuilt (${b.reason}) in ${fmt(b.ms / 1000, 1)} s` : b.reason}; ` +
      `setup (server, document over a socket, Chromium) ${fmt(result.setupMs / 1000, 1)} s`,
  );
  for (const f of [on, off]) {
    if (f.cappedBlocks > 0) {
      console.log(`  checks ${f.mode}: typing cut short after ${fmt(options.maxTypingMsPerBlock / 1000, 0)} s in ${f.cappedBlocks} page load(s): ${f.latencyMs.n} of ${options.keypressesPerMode} keypresses measured (the page could not keep up)`);
    }
    if (f.pageErrors.length > 0) console.log(`  checks ${f.mode}: ${f.pageErrors.length} page error(s), first: ${f.pageErrors[0]!.slice(0, 300)}`);
  }
}
