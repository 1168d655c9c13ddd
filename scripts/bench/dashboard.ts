/**
 * Scenario 6: the learning dashboard with 100 vs 10,000 postmortems. Each store is filled with
 * the demo organisation's incidents (index entries as the server writes them on save), the real
 * server runs on it as a child process, and the dashboard's requests go over real HTTP with the
 * organisation token, alternating between the two servers so machine noise hits both. Also: the
 * server's start-up time, and its memory (RSS, heap used after a GC) after start and after the
 * requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IndexEntry } from '../../server/storage/store.ts';
import { incidentInstant } from '../../shared/metrics/time.ts';
import { startChildServer, type ChildServer } from '../../test/helpers/child-server.ts';
import { benchTempDir, removeDir, stopChild, trackChild } from './cleanup.ts';
import { demoIndexEntries } from './dashboard-data.ts';
import { writePostmortems } from './filled-store.ts';
import { memory } from './proc-stats.ts';
import { fmt, median, ratio, summarize, table, type Summary } from './stats.ts';

const PROBE = path.join(import.meta.dirname, 'memory-probe.mjs');
/** What memory-probe.mjs prints before its JSON. */
const MEMORY_LINE = 'bench-memory ';
const ORG_TOKEN = 'bench-organisation-token-0123456789';
/** Similar incidents are asked for the newest postmortems: they have the most earlier ones to compare. */
const SIMILAR_TARGETS = 20;

export interface DashboardOptions {
  small: number;
  large: number;
  /** Measured requests per endpoint and store. */
  requests: number;
  /** Unmeasured requests per endpoint and store first (JIT, caches). */
  warmup: number;
  /** Server starts per store; the last one answers the requests. */
  starts: number;
}

const ENDPOINTS = [
  { key: 'list', label: 'GET /api/postmortems (first 100)', path: () => '/api/postmortems' },
  { key: 'search', label: 'GET /api/postmortems?q=pool saturation', path: () => '/api/postmortems?q=pool%20saturation' },
  { key: 'filter', label: 'GET /api/postmortems?service=checkout-api&severity=SEV1,SEV2', path: () => '/api/postmortems?service=checkout-api&severity=SEV1,SEV2' },
  { key: 'actions', label: 'GET /api/actions (first 500)', path: () => '/api/actions' },
  { key: 'metrics', label: 'GET /api/metrics (JSON, 12 months)', path: () => '/api/metrics' },
  { key: 'metricsTz', label: 'GET /api/metrics?tz=Europe/Berlin (as the app asks)', path: () => '/api/metrics?tz=Europe%2FBerlin' },
  { key: 'metricsCsv', label: 'GET /api/metrics?format=csv', path: () => '/api/metrics?format=csv' },
  { key: 'similar', label: 'GET /api/postmortems/:id/similar (newest)', path: (ids: string[], i: number) => `/api/postmortems/${ids[i % ids.length]}/similar` },
] as const;
type EndpointKey = (typeof ENDPOINTS)[number]['key'];

export interface MemoryFigures {
  rssMiB: number;
  heapUsedMiB: number;
}

export interface EndpointFigures extends Summary {
  /** Size of the last answer's body. */
  bytes: number;
  /** The first request after start, before the per-entry caches are filled (ms). */
  firstMs: number;
}

export interface StoreFigures {
  postmortems: number;
  actionItems: number;
  indexJsonBytes: number;
  setupMs: number;
  /** Spawn to "listening", each start, ms. */
  startsMs: number[];
  startMedianMs: number;
  memoryAfterStart: MemoryFigures;
  memoryAfterRequests: MemoryFigures;
  peakRssMiB: number;
  endpoints: Record<EndpointKey, EndpointFigures>;
}

export interface DashboardResult {
  options: DashboardOptions;
  small: StoreFigures;
  large: StoreFigures;
}

interface Store {
  postmortems: number;
  dataDir: string;
  entries: IndexEntry[];
  similarIds: string[];
  setupMs: number;
  startsMs: number[];
  server: ChildServer | null;
  memoryAfterStart: MemoryFigures | null;
  times: Record<EndpointKey, number[]>;
  bytes: Record<EndpointKey, number>;
  firstMs: Record<EndpointKey, number>;
}

function prepare(postmortems: number, now: Date): Store {
  const dataDir = benchTempDir(`dashboard-${postmortems}`);
  const started = performance.now();
  const entries = demoIndexEntries(postmortems, now);
  writePostmortems(dataDir, entries);
  const newest = [...entries].sort((a, b) => (incidentInstant(b) ?? 0) - (incidentInstant(a) ?? 0));
  return {
    postmortems,
    dataDir,
    entries,
    similarIds: newest.slice(0, SIMILAR_TARGETS).map((e) => e.id),
    setupMs: performance.now() - started,
    startsMs: [],
    server: null,
    memoryAfterStart: null,
    times: Object.fromEntries(ENDPOINTS.map((e) => [e.key, [] as number[]])) as Record<EndpointKey, number[]>,
    bytes: Object.fromEntries(ENDPOINTS.map((e) => [e.key, 0])) as Record<EndpointKey, number>,
    firstMs: Object.fromEntries(ENDPOINTS.map((e) => [e.key, Number.NaN])) as Record<EndpointKey, number>,
  };
}

/** Asks the probe in the server for its memory (after a GC) and waits for the answer line. */
async function probeMemory(server: ChildServer): Promise<MemoryFigures> {
  const seen = server.output.length;
  server.process.kill('SIGUSR2');
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const line = server.output.slice(seen).find((l) => l.startsWith(MEMORY_LINE));
    if (line) {
      const usage = JSON.parse(line.slice(MEMORY_LINE.length)) as NodeJS.MemoryUsage;
      return { rssMiB: usage.rss / 2 ** 20, heapUsedMiB: usage.heapUsed / 2 ** 20 };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the server did not report its memory');
}

async function start(store: Store): Promise<void> {
  if (store.server) await stopChild(store.server.process);
  const started = performance.now();
  const server = await startChildServer(store.dataDir, { ORG_TOKEN }, ['--expose-gc', '--import', PROBE]);
  store.startsMs.push(performance.now() - started);
  trackChild(server.process);
  store.server = server;
  store.memoryAfterStart = await probeMemory(server);
}

async function timedRequest(store: Store, endpoint: (typeof ENDPOINTS)[number], i: number, measured: boolean): Promise<void> {
  const url = store.server!.url + endpoint.path(store.similarIds, i);
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${ORG_TOKEN}` } });
  const body = await res.text();
  const elapsed = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`);
  if (i === 0) store.firstMs[endpoint.key] = elapsed;
  if (!measured) return;
  store.times[endpoint.key].push(elapsed);
  store.bytes[endpoint.key] = Buffer.byteLength(body);
}

function figures(store: Store, memoryAfterRequests: MemoryFigures): StoreFigures {
  return {
    postmortems: store.postmortems,
    actionItems: store.entries.reduce((n, e) => n + (e.actions?.length ?? 0), 0),
    indexJsonBytes: fs.statSync(path.join(store.dataDir, 'index.json')).size,
    setupMs: store.setupMs,
    startsMs: store.startsMs,
    startMedianMs: median(store.startsMs),
    memoryAfterStart: store.memoryAfterStart!,
    memoryAfterRequests,
    peakRssMiB: memory(store.server!.process.pid!).peakMiB,
    endpoints: Object.fromEntries(ENDPOINTS.map((e) => [e.key, { ...summarize(store.times[e.key]), bytes: store.bytes[e.key], firstMs: store.firstMs[e.key] }])) as Record<EndpointKey, EndpointFigures>,
  };
}

export async function runDashboard(options: DashboardOptions): Promise<DashboardResult> {
  const now = new Date();
  const pair = [prepare(options.small, now), prepare(options.large, now)];
  try {
    for (let i = 0; i < options.starts; i += 1) for (const store of pair) await start(store);
    for (let i = 0; i < options.warmup + options.requests; i += 1) {
      for (const endpoint of ENDPOINTS) for (const store of pair) await timedRequest(store, endpoint, i, i >= options.warmup);
    }
    const after = [];
    for (const store of pair) after.push(figures(store, await probeMemory(store.server!)));
    return { options, small: after[0]!, large: after[1]! };
  } finally {
    for (const store of pair) {
      if (store.server) await stopChild(store.server.process);
      removeDir(store.dataDir);
    }
  }
}

const n = (v: number) => v.toLocaleString('en-US');
const kib = (bytes: number) => `${fmt(bytes / 1024, 1)} KiB`;

export function printDashboard(result: DashboardResult): void {
  const { small, large, options } = result;
  const rows: [string, (f: StoreFigures) => number, number][] = [];
  for (const e of ENDPOINTS) {
    rows.push([`${e.label} median (ms)`, (f) => f.endpoints[e.key].median, 2]);
    rows.push(['  p95 (ms)', (f) => f.endpoints[e.key].p95, 2]);
    rows.push(['  first request after start (ms)', (f) => f.endpoints[e.key].firstMs, 1]);
  }
  rows.push(
    [`server start-up, spawn to listening, median of ${options.starts} (ms)`, (f) => f.startMedianMs, 0],
    ['RSS after start (MiB)', (f) => f.memoryAfterStart.rssMiB, 1],
    ['heap used after start, after GC (MiB)', (f) => f.memoryAfterStart.heapUsedMiB, 1],
    ['RSS after the requests (MiB)', (f) => f.memoryAfterRequests.rssMiB, 1],
    ['heap used after the requests, after GC (MiB)', (f) => f.memoryAfterRequests.heapUsedMiB, 1],
    ['peak RSS (MiB)', (f) => f.peakRssMiB, 1],
    ['index.json on disk (MiB)', (f) => f.indexJsonBytes / 2 ** 20, 2],
    ['action items in the index', (f) => f.actionItems, 0],
  );
  console.log(
    table(
      `6. Dashboard over HTTP with ${n(small.postmortems)} vs ${n(large.postmortems)} postmortems (${options.requests} requests per endpoint after ${options.warmup} unmeasured)`,
      ['', `${n(small.postmortems)} postmortems`, `${n(large.postmortems)} postmortems`, `${n(large.postmortems)}/${n(small.postmortems)}`],
      rows.map(([label, get, digits]) => [label, fmt(get(small), digits), fmt(get(large), digits), ratio(get(large), get(small))]),
    ),
  );
  const sizes = ENDPOINTS.map((e) => `${e.key} ${kib(small.endpoints[e.key].bytes)} / ${kib(large.endpoints[e.key].bytes)}`).join(', ');
  console.log(`  answer sizes (${n(small.postmortems)} / ${n(large.postmortems)}): ${sizes}`);
  console.log(
    `  setup of the ${n(large.postmortems)}-postmortem store: ${fmt(large.setupMs / 1000, 1)} s ` +
      `(demo incidents summarised and checked as on save, written directly in the store's file layout)`,
  );
}
