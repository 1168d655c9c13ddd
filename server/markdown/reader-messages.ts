/** Messages between the server and its Markdown reader thread. */
import type { ParsedPostmortem } from '../../shared/markdown/index.ts';

export interface ReadJob {
  jobId: number;
  text: string;
}

export type ReadResult =
  | { jobId: number; ok: true; parsed: ParsedPostmortem }
  /** `refused`: input the reader declines (nested too deeply); otherwise it failed. */
  | { jobId: number; ok: false; refused: boolean; message: string };

/** Worker -> server: started (its modules loaded), or one file's result. */
export type ReaderMessage = { type: 'ready' } | { type: 'result'; result: ReadResult };
