/**
 * Keeps the dashboard's part of the index true: after every checks run (from the snapshot the
 * checks read), after a dismissal, a publication or a repeat mark. Opening the dashboard then
 * never loads a document.
 */
import type { Finding } from '../../shared/checks/types.ts';
import { countOpenFindings } from '../../shared/metrics/summary.ts';
import type { SnapshotSummary } from '../../shared/metrics/types.ts';
import type { IndexEntry, PostmortemStore, PrivateState } from '../storage/store.ts';

export type IndexPatch = Partial<Omit<IndexEntry, 'id'>>;

/** What the index takes from the private state: open findings (dismissed ones left out), publication and repeat mark. */
export function privatePatch(findings: readonly Finding[], priv: PrivateState): IndexPatch {
  return {
    openFindings: countOpenFindings(findings, (id) => Boolean(priv.dismissals[id])),
    publishedAt: priv.publish?.at ?? null,
    repeatOf: priv.repeatOf?.postmortemId ?? null,
  };
}

/** The whole patch after a checks run: the snapshot's summary plus the private parts. */
export function checkedPatch(summary: SnapshotSummary, findings: readonly Finding[], priv: PrivateState, checkedAt: string): IndexPatch {
  return { ...summary, ...privatePatch(findings, priv), updatedAt: checkedAt };
}

/** Re-reads the stored report and private state into the index (after a change outside the document). */
export async function refreshPrivateFields(store: PostmortemStore, id: string): Promise<void> {
  const [report, priv] = await Promise.all([store.getCheckReport(id), store.getPrivateState(id)]);
  await store.updateIndexEntry(id, privatePatch(report?.findings ?? [], priv));
}
