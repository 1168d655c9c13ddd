/**
 * Scenario 3: the cost of saving one document when the store holds 1 or 10,000 postmortems.
 * Saving (appendUpdate, compact) should touch only that document's files, so the ratio should
 * be ~1. Appends and compactions alternate between the two stores, so machine noise hits both.
 */
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { fillFragment } from '../../shared/schema/document.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import { benchTempDir, removeDir } from './cleanup.ts';
import { fillerEntries, writePostmortems } from './filled-store.ts';
import { fmt, median, ratio, summarize, table, type Summary } from './stats.ts';
import { ensureSummaryText, prng, typist } from './typing.ts';

export interface SaveCostOptions {
  postmortems: number;
  appends: number;
  compactions: number;
  documentBytes: number;
}

export interface StoreFigures {
  postmortems: number;
  setupMs: number;
  openMs: number;
  appendMs: Summary;
  compactMs: Summary;
  snapshotBytes: number;
  /** createPostmortem (store.create) on this store, median of 20, ms. */
  createMedianMs: number;
}

export interface SaveCostResult {
  options: SaveCostOptions;
  small: StoreFigures;
  large: StoreFigures;
}

const silent = createLogger('silent');

interface Bench {
  postmortems: number;
  dataDir: string;
  store: EmbeddedStore;
  id: string;
  doc: Y.Doc;
  type: () => void;
  pending: Uint8Array[];
  revision: number;
  setupMs: number;
  openMs: number;
  append: number[];
  compact: number[];
}

async function openBench(postmortems: number): Promise<Bench> {
  const dataDir = benchTempDir(`save-${postmortems}`);
  const setupStart = performance.now();
  if (postmortems > 1) writePostmortems(dataDir, fillerEntries(postmortems - 1));
  const openStart = performance.now();
  const store = await EmbeddedStore.open({ dataDir, logger: silent });
  const openMs = performance.now() - openStart;
  const { id } = await createPostmortem(store, { title: 'Saved document', severity: 'SEV2' });
  const setupMs = performance.now() - setupStart;
  const listed = (await store.listIndex()).length;
  if (listed !== postmortems) throw new Error(`store lists ${listed} postmortems, expected ${postmortems}`);

  const stored = await store.loadDocument(id);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot!);
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const type = typist(ensureSummaryText(doc, 'S'), prng(7));
  const bench = { postmortems, dataDir, store, id, doc, type, pending, revision: stored.revision, setupMs, openMs, append: [], compact: [] };
  await flushUnmeasured(bench);
  return bench;
}

/** Appends what the document emitted, without timing it. */
async function flushUnmeasured(b: Bench): Promise<void> {
  for (const update of b.pending.splice(0)) b.revision = await b.store.appendUpdate(b.id, update);
}

async function timedAppend(b: Bench): Promise<void> {
  b.type();
  for (const update of b.pending.splice(0)) {
    const start = performance.now();
    b.revision = await b.store.appendUpdate(b.id, update);
    b.append.push(performance.now() - start);
  }
}

/** Pastes paragraphs until the document's state reaches `bytes`. */
async function growTo(b: Bench, bytes: number): Promise<void> {
  const random = prng(99);
  const words = ['database', 'failover', 'latency', 'checkout', 'queue', 'retry', 'deploy', 'alert', 'cache', 'timeout'];
  while (Y.encodeStateAsUpdate(b.doc).length < bytes) {
    const sentence = Array.from({ length: 80 }, () => words[Math.floor(random() * words.length)]).join(' ');
    fillFragment(b.doc.getXmlFragment(ROOTS.summary), sentence);
    await flushUnmeasured(b);
  }
}

async function timedCompact(b: Bench, keystrokes: number): Promise<number> {
  for (let i = 0; i < keystrokes; i += 1) b.type();
  await flushUnmeasured(b);
  const state = Y.encodeStateAsUpdate(b.doc);
  const start = performance.now();
  await b.store.compact(b.id, state, b.revision);
  b.compact.push(performance.now() - start);
  return state.length;
}

async function timedCreates(b: Bench, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await createPostmortem(b.store, { title: `Extra ${i}`, severity: 'SEV4' });
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function runSaveCost(options: SaveCostOptions): Promise<SaveCostResult> {
  const small = await openBench(1);
  const large = await openBench(options.postmortems);
  const pair = [small, large];
  try {
    for (let i = 0; i < options.appends; i += 1) for (const b of pair) await timedAppend(b);
    for (const b of pair) await growTo(b, options.documentBytes);
    const snapshotBytes = new Map<Bench, number>();
    for (let i = 0; i < options.compactions; i += 1) for (const b of pair) snapshotBytes.set(b, await timedCompact(b, 50));
    const creates = new Map<Bench, number>();
    for (const b of pair) creates.set(b, await timedCreates(b, 20));
    const figures = (b: Bench): StoreFigures => ({
      postmortems: b.postmortems,
      setupMs: b.setupMs,
      openMs: b.openMs,
      appendMs: summarize(b.append),
      compactMs: summarize(b.compact),
      snapshotBytes: snapshotBytes.get(b)!,
      createMedianMs: creates.get(b)!,
    });
    return { options, small: figures(small), large: figures(large) };
  } finally {
    for (const b of pair) {
      b.doc.destroy();
      await b.store.close();
      removeDir(b.dataDir);
    }
  }
}

const n = (v: number) => v.toLocaleString('en-US');

export function printSaveCost(result: SaveCostResult): void {
  const { small, large, options } = result;
  const rows: [string, (f: StoreFigures) => number, number][] = [
    [`appendUpdate median (µs, ${n(options.appends)} appends)`, (f) => f.appendMs.median * 1000, 1],
    ['appendUpdate p99 (µs)', (f) => f.appendMs.p99 * 1000, 1],
    ['appendUpdate max (µs)', (f) => f.appendMs.max * 1000, 0],
    [`compact median (ms, ${options.compactions} x ~${Math.round(options.documentBytes / 1024)} KB)`, (f) => f.compactMs.median, 2],
    ['compact max (ms)', (f) => f.compactMs.max, 2],
    ['snapshot size (bytes)', (f) => f.snapshotBytes, 0],
    ['create one more postmortem, median of 20 (ms)', (f) => f.createMedianMs, 2],
    ['EmbeddedStore.open (ms)', (f) => f.openMs, 1],
    ['setup (ms)', (f) => f.setupMs, 0],
  ];
  console.log(
    table(
      `3. Saving one document in a store of 1 vs ${n(large.postmortems)} postmortems`,
      ['', `${n(small.postmortems)} postmortem`, `${n(large.postmortems)} postmortems`, `${n(large.postmortems)}/1`],
      rows.map(([label, get, digits]) => [label, fmt(get(small), digits), fmt(get(large), digits), ratio(get(large), get(small))]),
    ),
  );
  console.log(
    `  setup of the ${n(large.postmortems)}-postmortem store: ${fmt(large.setupMs / 1000, 1)} s ` +
      `(${n(large.postmortems - 1)} written directly in the store's file layout, 1 through createPostmortem; ` +
      `creating them one by one through EmbeddedStore.create rewrites the whole index.json each time)`,
  );
}
