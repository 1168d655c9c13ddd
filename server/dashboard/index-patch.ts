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

/**
 * Index writes that read the private state run one at a time per document: otherwise a checks
 * run that read the private state just before a repeat mark (or a dismissal, or a publication)
 * could write its stale copy after the mark's own refresh, and the mark would vanish from the index.
 */
const chains = new WeakMap<PostmortemStore, Map<string, Promise<void>>>();

export function withIndexLock(store: PostmortemStore, id: string, write: () => Promise<void>): Promise<void> {
  let byDoc = chains.get(store);
  if (!byDoc) chains.set(store, (byDoc = new Map()));
  const previous = byDoc.get(id) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(write);
  const settled = next.catch(() => undefined);
  byDoc.set(id, settled);
  void settled.then(() => {
    if (byDoc.get(id) === settled) byDoc.delete(id);
  });
  return next;
}

/** Re-reads the stored report and private state into the index (after a change outside the document). */
export function refreshPrivateFields(store: PostmortemStore, id: string): Promise<void> {
  return withIndexLock(store, id, async () => {
    const [report, priv] = await Promise.all([store.getCheckReport(id), store.getPrivateState(id)]);
    await store.updateIndexEntry(id, privatePatch(report?.findings ?? [], priv));
  });
}
