/** Messages between the page and the checks worker. */
import type { Finding } from '../../shared/checks/types.ts';
import type { PostmortemSnapshot } from '../../shared/schema/snapshot.ts';

export interface CheckRequest {
  readonly type: 'run';
  readonly runId: number;
  readonly snapshot: PostmortemSnapshot;
  readonly roster: readonly string[];
  readonly now: string;
}

export type CheckResponse =
  | { readonly type: 'result'; readonly runId: number; readonly findings: Finding[]; readonly engineMs: number; readonly run: number }
  | { readonly type: 'failed'; readonly runId: number; readonly message: string };
