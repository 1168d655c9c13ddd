/** Messages between the server and its checks worker thread. */
import type { CheckReport } from '../../shared/checks/types.ts';
import type { SnapshotSummary } from '../../shared/metrics/types.ts';

/**
 * Checks one document. The worker keeps each document it checked, so a job usually carries only
 * what changed since the last one (`fresh: false`); with `fresh: true`, `update` is the whole state.
 */
export interface CheckJob {
  type: 'check';
  jobId: number;
  docId: string;
  fresh: boolean;
  update: Uint8Array;
  roster: string[];
  now: string;
}

/** The document was unloaded: the worker drops its copy. */
export interface ForgetMessage {
  type: 'forget';
  docId: string;
}

export type WorkerMessage = CheckJob | ForgetMessage;

/** What the worker is started with (its workerData). */
export interface WorkerOptions {
  warmUpRuns: number;
}

export type CheckJobResult =
  /** `summary`: what the dashboard's index takes from the same snapshot (not the whole document). */
  | { jobId: number; ok: true; report: CheckReport; summary: SnapshotSummary; millis: number }
  /** `missing`: the worker no longer holds the document a changes-only job builds on; send the whole state. */
  | { jobId: number; ok: false; error: string; missing?: boolean };
