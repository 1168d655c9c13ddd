/** Messages between the server and its checks worker thread. */
import type { CheckReport } from '../../shared/checks/types.ts';
import type { SnapshotSummary } from '../../shared/metrics/types.ts';

export interface CheckJob {
  jobId: number;
  docId: string;
  /** The document's whole Yjs state. */
  state: Uint8Array;
  roster: string[];
  now: string;
}

export type CheckJobResult =
  /** `summary`: what the dashboard's index takes from the same snapshot (not the whole document). */
  | { jobId: number; ok: true; report: CheckReport; summary: SnapshotSummary; millis: number }
  | { jobId: number; ok: false; error: string };
