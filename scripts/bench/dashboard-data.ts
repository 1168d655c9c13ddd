/**
 * Index entries of a realistic organisation for the dashboard benchmark: the demo generator's
 * incidents (services, severities, statuses, times, action items, factors, near-misses,
 * publications, repeats), summarised and checked as the server does on save, spread over the
 * twelve months before `now`.
 */
import { privatePatch } from '../../server/dashboard/index-patch.ts';
import { emptyPrivateState, type IndexEntry } from '../../server/storage/store.ts';
import { newPostmortemId } from '../../server/tokens.ts';
import { runChecks } from '../../shared/checks/engine.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import { summarizeSnapshot } from '../../shared/metrics/summary.ts';
import { planDemo, snapshotOf } from '../demo/generate.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function demoIndexEntries(count: number, now: Date, seed = 42): IndexEntry[] {
  const plans = planDemo(seed, now, count).slice(0, count);
  const ids = plans.map(() => newPostmortemId());
  // One memo for all: the demo's incidents share most sentences, as the server's per-document memos would not.
  const memo = createMemo(20_000);
  return plans.map((plan, i) => {
    const snapshot = snapshotOf(plan);
    const { findings } = runChecks({ snapshot, now: now.toISOString() }, { memo });
    const priv = emptyPrivateState();
    if (plan.publishedAt !== null) priv.publish = { at: iso(plan.publishedAt), overrideReason: null, blocking: [] };
    if (plan.repeatOfIndex !== null) priv.repeatOf = { postmortemId: ids[plan.repeatOfIndex]!, at: iso(plan.createdAt) };
    return {
      ...summarizeSnapshot(snapshot),
      ...privatePatch(findings, priv),
      id: ids[i]!,
      status: plan.status,
      createdAt: iso(plan.createdAt),
      updatedAt: iso(plan.publishedAt ?? plan.createdAt),
    };
  });
}
