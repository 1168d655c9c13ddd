/**
 * Scenario 2: opening a document that is not in memory. A postmortem gets 20,000 small typing
 * updates in its write-ahead log (written through the EmbeddedStore, as the server writes
 * them, and never compacted); then, against a fresh copy of that data folder each time, our
 * server starts in its own process and a y-websocket client opens the document: time from
 * creating the provider to `synced` with the full content. The reference relay, also started
 * afresh each run, loads the same updates from a file of its own (as y-leveldb does: every update
 * applied in one transaction); runs alternate between the two. Then our compacted
 * (snapshot-only) document.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { connectClient } from '../../test/helpers/clients.ts';
import { benchTempDir, removeDir } from './cleanup.ts';
import { startOurs, startReference, type Target } from './servers.ts';
import { fmt, median, ratio, table } from './stats.ts';
import { ensureSummaryText, prng, summaryText, typist } from './typing.ts';

export interface ColdLoadOptions {
  updates: number;
  runs: number;
}

export interface OpenTimes {
  /** Each run, ms, first run first. */
  runsMs: number[];
  medianMs: number;
  minMs: number;
}

export interface ColdLoadResult {
  options: ColdLoadOptions;
  setupMs: number;
  walBytes: number;
  snapshotBytes: number;
  textLength: number;
  fromLog: OpenTimes;
  /** The reference relay opening the same updates. */
  reference: OpenTimes;
  fromSnapshot: OpenTimes;
  /** fromLog / reference, medians. */
  ratioToReference: number;
}

interface Prepared {
  dataDir: string;
  id: string;
  token: string;
  expectedText: string;
  /** The same document for the reference: the initial state and every update, [u32 length][update] each. */
  referenceFile: string;
}

/** A data folder holding one postmortem whose summary was typed in `updates` logged updates. */
async function prepare(updates: number): Promise<Prepared> {
  const dataDir = benchTempDir('cold');
  const store = await EmbeddedStore.open({ dataDir, logger: createLogger('silent') });
  const { id, tokens } = await createPostmortem(store, { title: 'Cold open', severity: 'SEV2' });
  const stored = await store.loadDocument(id);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot!);
  const pending: Uint8Array[] = [];
  const records: Buffer[] = [];
  const record = (update: Uint8Array) => {
    const length = Buffer.alloc(4);
    length.writeUInt32LE(update.length);
    records.push(length, Buffer.from(update));
  };
  record(stored.snapshot!);
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const type = typist(ensureSummaryText(doc, 'T'), prng(42));
  for (let appended = 0; appended < updates; appended += 1) {
    if (appended > 0) type();
    for (const update of pending.splice(0)) {
      await store.appendUpdate(id, update);
      record(update);
    }
  }
  const expectedText = summaryText(doc)!.toString();
  doc.destroy();
  await store.close(); // no compaction: every update stays in the log
  const referenceFile = path.join(benchTempDir('cold-reference'), 'updates.bin');
  fs.writeFileSync(referenceFile, Buffer.concat(records));
  return { dataDir, id, token: tokens.participant, expectedText, referenceFile };
}

/** Opens the document on a just-started server: ms from creating the provider to synced. */
async function open(target: Target, expectedText: string): Promise<number> {
  const { room, token } = target.documents[0]!;
  const start = performance.now();
  const client = await connectClient(target.wsUrl, room, token, { waitSynced: false });
  await new Promise<void>((resolve) => {
    if (client.provider.synced) return resolve();
    client.provider.once('sync', () => resolve());
  });
  const elapsed = performance.now() - start;
  const got = summaryText(client.doc)?.toString();
  client.destroy();
  if (got !== expectedText) {
    throw new Error(`${target.name}: opened document differs: ${got?.length ?? 'no'} characters, expected ${expectedText.length}`);
  }
  return elapsed;
}

/** Starts our server on a fresh copy of `source`, opens the document once, and stops the server. */
async function openOurs(source: Prepared, keepAs?: string): Promise<number> {
  const dataDir = keepAs ?? benchTempDir('cold-run');
  fs.cpSync(source.dataDir, dataDir, { recursive: true });
  const server = await startOurs({ UNLOAD_DELAY_MS: '0' }, 1, { dataDir, documents: [{ room: source.id, token: source.token }] });
  try {
    return await open(server, source.expectedText);
  } finally {
    await server.stop(); // unloads the document: compacts the log into the snapshot
    if (!keepAs) removeDir(dataDir);
  }
}

async function openReference(source: Prepared): Promise<number> {
  const relay = await startReference(1, { REFERENCE_UPDATES_FILE: source.referenceFile });
  try {
    return await open(relay, source.expectedText);
  } finally {
    await relay.stop();
  }
}

function times(runsMs: number[]): OpenTimes {
  return { runsMs, medianMs: median(runsMs), minMs: Math.min(...runsMs) };
}

export async function runColdLoad(options: ColdLoadOptions): Promise<ColdLoadResult> {
  const setupStart = performance.now();
  const fromLog = await prepare(options.updates);
  const setupMs = performance.now() - setupStart;
  const walFile = (dir: string) => path.join(dir, 'docs', fromLog.id, 'wal.log');
  const snapshotFile = (dir: string) => path.join(dir, 'docs', fromLog.id, 'snapshot.bin');
  const walBytes = fs.statSync(walFile(fromLog.dataDir)).size;

  // The first run's folder is kept: once the server has stopped, it holds the compacted document.
  const compactedDir = benchTempDir('cold-compacted');
  const logRuns: number[] = [];
  const referenceRuns: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    logRuns.push(await openOurs(fromLog, i === 0 ? compactedDir : undefined));
    referenceRuns.push(await openReference(fromLog));
  }
  if (fs.statSync(walFile(compactedDir)).size !== 0) throw new Error('the log was not compacted when the server stopped');

  const fromSnapshot: Prepared = { ...fromLog, dataDir: compactedDir };
  const snapshotRuns: number[] = [];
  for (let i = 0; i < options.runs; i += 1) snapshotRuns.push(await openOurs(fromSnapshot));
  const snapshotBytes = fs.statSync(snapshotFile(compactedDir)).size;
  removeDir(compactedDir);
  removeDir(fromLog.dataDir);
  removeDir(path.dirname(fromLog.referenceFile));

  return {
    options,
    setupMs,
    walBytes,
    snapshotBytes,
    textLength: fromLog.expectedText.length,
    fromLog: times(logRuns),
    reference: times(referenceRuns),
    fromSnapshot: times(snapshotRuns),
    ratioToReference: median(logRuns) / median(referenceRuns),
  };
}

const runs = (t: OpenTimes) => t.runsMs.map((ms) => fmt(ms, 0)).join(' / ');

export function printColdLoad(result: ColdLoadResult): void {
  const { fromLog, fromSnapshot, reference, options } = result;
  console.log(
    table(
      `2. Cold open (each server started afresh for each run, ${options.runs} runs, alternating): ` +
        `provider created -> synced with the full content (target: ours/reference <= 1.0x)`,
      ['stored as', 'median (ms)', 'min (ms)', 'runs (ms)', 'bytes on disk'],
      [
        [`ours: snapshot + ${options.updates.toLocaleString('en-US')} logged updates`, fmt(fromLog.medianMs), fmt(fromLog.minMs), runs(fromLog), `${fmt(result.walBytes, 0)} log`],
        [`reference: the same ${options.updates.toLocaleString('en-US')} updates from a file`, fmt(reference.medianMs), fmt(reference.minMs), runs(reference), ''],
        ['ratio ours/reference', ratio(fromLog.medianMs, reference.medianMs), ratio(fromLog.minMs, reference.minMs), '', ''],
        ['ours: snapshot only (compacted)', fmt(fromSnapshot.medianMs), fmt(fromSnapshot.minMs), runs(fromSnapshot), `${fmt(result.snapshotBytes, 0)} snapshot`],
        ['ratio log/snapshot', ratio(fromLog.medianMs, fromSnapshot.medianMs), ratio(fromLog.minMs, fromSnapshot.minMs), '', ''],
      ],
    ),
  );
  console.log(`  setup: ${options.updates.toLocaleString('en-US')} updates typed and appended in ${fmt(result.setupMs / 1000, 1)} s; summary is ${result.textLength.toLocaleString('en-US')} characters`);
}
