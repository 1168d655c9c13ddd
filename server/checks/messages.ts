/** Messages between the server and its checks worker thread. */
import type { CheckReport } from '../../shared/checks/types.ts';

export interface CheckJob {
  jobId: number;
  docId: string;
  /** The document's whole Yjs state. */
  state: Uint8Array;
  roster: string[];
  now: string;
}

export type CheckJobResult =
  | { jobId: number; ok: true; report: CheckReport; millis: number }
  | { jobId: number; ok: false; error: string };
