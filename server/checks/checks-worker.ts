/**
 * The checks worker: builds the snapshot from a document's Yjs state, runs the engine and
 * summarises the snapshot for the dashboard's index, off the socket loop. One memo per document
 * keeps unchanged sentences from being parsed again.
 */
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { runChecks } from '../../shared/checks/engine.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import type { Memo } from '../../shared/checks/types.ts';
import { summarizeSnapshot } from '../../shared/metrics/summary.ts';
import { readSnapshot } from '../../shared/schema/snapshot.ts';
import type { CheckJob, CheckJobResult } from './messages.ts';

const memos = new Map<string, Memo>();
const MAX_MEMOS = 200;

function memoFor(docId: string): Memo {
  let memo = memos.get(docId);
  if (memo) {
    memos.delete(docId);
  } else {
    memo = createMemo(5_000);
    if (memos.size >= MAX_MEMOS) memos.delete(memos.keys().next().value as string);
  }
  memos.set(docId, memo);
  return memo;
}

parentPort!.on('message', (job: CheckJob) => {
  const started = performance.now();
  let result: CheckJobResult;
  try {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, job.state);
    const snapshot = readSnapshot(doc);
    doc.destroy();
    const report = runChecks({ snapshot, roster: job.roster, now: job.now }, { memo: memoFor(job.docId) });
    result = { jobId: job.jobId, ok: true, report, summary: summarizeSnapshot(snapshot), millis: performance.now() - started };
  } catch (err) {
    result = { jobId: job.jobId, ok: false, error: (err as Error).message };
  }
  parentPort!.postMessage(result);
});
