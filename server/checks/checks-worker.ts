/**
 * The checks worker: keeps a copy of each document it checks, builds the snapshot from it, runs
 * the engine and summarises the snapshot for the dashboard's index, off the socket loop. Jobs
 * after the first carry only what changed, so neither thread encodes or decodes a whole document
 * on every run. One memo per document keeps unchanged sentences from being parsed again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { runChecks } from '../../shared/checks/engine.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import type { Memo } from '../../shared/checks/types.ts';
import { summarizeSnapshot } from '../../shared/metrics/summary.ts';
import { readSnapshot } from '../../shared/schema/snapshot.ts';
import type { CheckJob, CheckJobResult, WorkerMessage, WorkerOptions } from './messages.ts';
import { warmUp } from './warm-up.ts';

interface Held {
  doc: Y.Doc;
  memo: Memo;
}

/** Documents by id, least recently checked first. The server says when one is unloaded; this bound is a backstop. */
const held = new Map<string, Held>();
const MAX_HELD = 200;

function drop(docId: string): void {
  held.get(docId)?.doc.destroy();
  held.delete(docId);
}

/** The document a job describes, up to date; null when a changes-only job has nothing to build on. */
function documentFor(job: CheckJob): Held | null {
  let entry = held.get(job.docId);
  if (job.fresh) {
    drop(job.docId);
    // The memo survives a fresh start: it is keyed by sentence text, not by document state.
    entry = { doc: new Y.Doc(), memo: entry?.memo ?? createMemo() };
  } else if (!entry) {
    return null;
  }
  held.delete(job.docId);
  held.set(job.docId, entry);
  if (held.size > MAX_HELD) drop(held.keys().next().value as string);
  Y.applyUpdate(entry.doc, job.update);
  return entry;
}

function check(job: CheckJob): CheckJobResult {
  const started = performance.now();
  const entry = documentFor(job);
  if (!entry) return { jobId: job.jobId, ok: false, error: 'document not held', missing: true };
  const snapshot = readSnapshot(entry.doc);
  const report = runChecks({ snapshot, roster: job.roster, now: job.now }, { memo: entry.memo });
  return { jobId: job.jobId, ok: true, report, summary: summarizeSnapshot(snapshot), millis: performance.now() - started };
}

// Between its slices, real jobs are answered as they come.
void warmUp((workerData as WorkerOptions | null)?.warmUpRuns ?? 0).done;

parentPort!.on('message', (message: WorkerMessage) => {
  if (message.type === 'forget') {
    drop(message.docId);
    return;
  }
  let result: CheckJobResult;
  try {
    result = check(message);
  } catch (err) {
    // A copy that failed to update may be inconsistent: the next job sends the whole state.
    drop(message.docId);
    result = { jobId: message.jobId, ok: false, error: (err as Error).message, missing: true };
  }
  parentPort!.postMessage(result);
});
