/**
 * Scenario 2: opening a document that is not in memory. A postmortem's summary is typed in
 * 20,000 small updates and stored as our server stores them: each update logged, the log
 * compacted into the snapshot every COMPACT_AFTER_UPDATES (through a Room, the server's own write
 * path), then the process "dies" (no compaction on the way out). Three folders come of it: after
 * the 20,000th update (the log just compacted), one update short of a compaction (the longest log
 * a running server leaves: the target's case), and, as a worst case no running server reaches,
 * every update in the log and none compacted. Against a fresh copy of a folder each time, our
 * server starts in its own process and a y-websocket client opens the document: time from
 * creating the provider to `synced` with the full content. The reference relay, also started
 * afresh each run, loads the same 20,000 updates from a file of its own (every update applied in
 * one transaction); runs alternate.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { loadConfig } from '../../server/config.ts';
import { Room } from '../../server/collab/room.ts';
import type { Peer } from '../../server/collab/peer.ts';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { EmbeddedStore } from '../../server/storage/embedded/embedded-store.ts';
import { readWal } from '../../server/storage/embedded/wal-file.ts';
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
  /** The server's default COMPACT_AFTER_UPDATES, which the "as stored" folder was written with. */
  compactAfterUpdates: number;
  stored: { walBytes: number; walRecords: number; snapshotBytes: number };
  worstWalBytes: number;
  textLength: number;
  /** Ours, the document as our server stores it. */
  asStored: OpenTimes;
  /** Ours, one update short of the next compaction: the longest log a running server leaves. */
  beforeCompaction: OpenTimes;
  beforeCompactionRecords: number;
  /** Ours, every update in the log (no compaction ever ran). */
  fromLog: OpenTimes;
  /** The reference relay opening the same updates. */
  reference: OpenTimes;
  /** asStored / reference, medians. */
  asStoredRatio: number;
  /** beforeCompaction / reference, medians: the target (the longest log a running server leaves). */
  ratioToReference: number;
  /** fromLog / reference, medians. */
  worstRatioToReference: number;
}

interface Prepared {
  dataDir: string;
  id: string;
  token: string;
  expectedText: string;
  /** The same document for the reference: the initial state and every update, [u32 length][update] each. */
  referenceFile: string;
}

/** A peer that receives nothing: the typist's own connection, as the room sees it. */
const TYPIST: Peer = { id: 'typist', role: 'participant', awarenessClientId: undefined, closed: false, rejected: false, send: () => undefined, close: () => undefined };

/**
 * Two data folders holding the same postmortem, its summary typed in `updates` updates: one
 * written through a Room (as the server writes), one with every update appended to the log.
 */
async function prepare(updates: number, compactAfterUpdates: number): Promise<{ asStored: Prepared; beforeCompaction: Prepared; allInLog: Prepared }> {
  const logger = createLogger('silent');
  const dataDir = benchTempDir('cold');
  const store = await EmbeddedStore.open({ dataDir, logger });
  const { id, tokens } = await createPostmortem(store, { title: 'Cold open', severity: 'SEV2' });
  const stored = await store.loadDocument(id);
  await store.release(id);
  // The same folder before any typing: the worst case is typed into a copy of it.
  const worstDir = benchTempDir('cold-log');
  fs.cpSync(dataDir, worstDir, { recursive: true });

  const room = await Room.load(id, { store, logger, compactAfterUpdates });
  const worstStore = await EmbeddedStore.open({ dataDir: worstDir, logger });
  await worstStore.loadDocument(id);
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
  // The most a running server leaves in its log: one update short of a compaction (then it dies).
  const beforeCompactionAt = Math.floor(updates / compactAfterUpdates) * compactAfterUpdates - 1;
  const nearDir = benchTempDir('cold-near');
  let nearText = '';
  for (let appended = 0; appended < updates; appended += 1) {
    if (appended > 0) type();
    for (const update of pending.splice(0)) {
      await room.enqueue(() => room.applyClientUpdate(update, TYPIST));
      await worstStore.appendUpdate(id, update);
      record(update);
    }
    if (appended + 1 === beforeCompactionAt) {
      await room.enqueue(() => undefined);
      fs.cpSync(dataDir, nearDir, { recursive: true });
      nearText = summaryText(doc)!.toString();
    }
  }
  const expectedText = summaryText(doc)!.toString();
  doc.destroy();
  // Then the process dies: the log keeps what came after the last compaction, nothing is compacted on the way out.
  await room.enqueue(() => undefined);
  room.destroy(1001, 'bench');
  await store.close();
  await worstStore.close();
  const referenceFile = path.join(benchTempDir('cold-reference'), 'updates.bin');
  fs.writeFileSync(referenceFile, Buffer.concat(records));
  const base = { id, token: tokens.participant, expectedText, referenceFile };
  return { asStored: { ...base, dataDir }, beforeCompaction: { ...base, dataDir: nearDir, expectedText: nearText }, allInLog: { ...base, dataDir: worstDir } };
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
async function openOurs(source: Prepared): Promise<number> {
  const dataDir = benchTempDir('cold-run');
  fs.cpSync(source.dataDir, dataDir, { recursive: true });
  const server = await startOurs({ UNLOAD_DELAY_MS: '0' }, 1, { dataDir, documents: [{ room: source.id, token: source.token }] });
  try {
    return await open(server, source.expectedText);
  } finally {
    await server.stop();
    removeDir(dataDir);
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
  const compactAfterUpdates = loadConfig({}).compactAfterUpdates;
  const setupStart = performance.now();
  const { asStored, beforeCompaction, allInLog } = await prepare(options.updates, compactAfterUpdates);
  const setupMs = performance.now() - setupStart;
  const file = (dir: string, name: string) => path.join(dir, 'docs', asStored.id, name);
  const walBytes = fs.statSync(file(asStored.dataDir, 'wal.log')).size;

  const storedRuns: number[] = [];
  const nearRuns: number[] = [];
  const logRuns: number[] = [];
  const referenceRuns: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    storedRuns.push(await openOurs(asStored));
    nearRuns.push(await openOurs(beforeCompaction));
    logRuns.push(await openOurs(allInLog));
    referenceRuns.push(await openReference(asStored));
  }
  const result: ColdLoadResult = {
    options,
    setupMs,
    compactAfterUpdates,
    stored: {
      walBytes,
      walRecords: readWal(file(asStored.dataDir, 'wal.log')).records.length,
      snapshotBytes: fs.statSync(file(asStored.dataDir, 'snapshot.bin')).size,
    },
    worstWalBytes: fs.statSync(file(allInLog.dataDir, 'wal.log')).size,
    textLength: asStored.expectedText.length,
    asStored: times(storedRuns),
    beforeCompaction: times(nearRuns),
    beforeCompactionRecords: readWal(file(beforeCompaction.dataDir, 'wal.log')).records.length,
    fromLog: times(logRuns),
    reference: times(referenceRuns),
    asStoredRatio: median(storedRuns) / median(referenceRuns),
    ratioToReference: median(nearRuns) / median(referenceRuns),
    worstRatioToReference: median(logRuns) / median(referenceRuns),
  };
  removeDir(asStored.dataDir);
  removeDir(allInLog.dataDir);
  removeDir(beforeCompaction.dataDir);
  removeDir(path.dirname(asStored.referenceFile));
  return result;
}

const runs = (t: OpenTimes) => t.runsMs.map((ms) => fmt(ms, 0)).join(' / ');

export function printColdLoad(result: ColdLoadResult): void {
  const { asStored, beforeCompaction, fromLog, reference, options, stored } = result;
  const n = options.updates.toLocaleString('en-US');
  console.log(
    table(
      `2. Cold open of a document typed in ${n} updates (each server started afresh for each run, ${options.runs} runs, alternating): ` +
        `provider created -> synced with the full content (target: ours/reference <= 1.0x, on the longest log our server leaves)`,
      ['stored as', 'median (ms)', 'min (ms)', 'runs (ms)', 'bytes on disk'],
      [
        [
          `ours, as the server stores it: snapshot + ${stored.walRecords.toLocaleString('en-US')} logged (compacted every ${result.compactAfterUpdates.toLocaleString('en-US')})`,
          fmt(asStored.medianMs),
          fmt(asStored.minMs),
          runs(asStored),
          `${fmt(stored.snapshotBytes, 0)} snapshot + ${fmt(stored.walBytes, 0)} log`,
        ],
        [`reference: the same ${n} updates from a file`, fmt(reference.medianMs), fmt(reference.minMs), runs(reference), ''],
        ['ratio ours/reference', ratio(asStored.medianMs, reference.medianMs), ratio(asStored.minMs, reference.minMs), '', ''],
        [
          `ours, one short of a compaction (the longest log a server leaves): snapshot + ${result.beforeCompactionRecords.toLocaleString('en-US')} logged`,
          fmt(beforeCompaction.medianMs),
          fmt(beforeCompaction.minMs),
          runs(beforeCompaction),
          '',
        ],
        ['ratio one short of a compaction/reference (the target)', ratio(beforeCompaction.medianMs, reference.medianMs), ratio(beforeCompaction.minMs, reference.minMs), '', ''],
        [`ours, worst case: all ${n} updates in the log, never compacted`, fmt(fromLog.medianMs), fmt(fromLog.minMs), runs(fromLog), `${fmt(result.worstWalBytes, 0)} log`],
        ['ratio worst case/reference', ratio(fromLog.medianMs, reference.medianMs), ratio(fromLog.minMs, reference.minMs), '', ''],
      ],
    ),
  );
  console.log(`  setup: ${n} updates typed, stored both ways, in ${fmt(result.setupMs / 1000, 1)} s; summary is ${result.textLength.toLocaleString('en-US')} characters`);
}
