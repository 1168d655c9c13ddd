/** Builds the index's summary of a document from its snapshot (run by the checks worker on every save). */
import type { PostmortemSnapshot } from '../schema/snapshot.ts';
import type { Finding } from '../checks/types.ts';
import type { FindingCounts, IndexedAction, SnapshotSummary } from './types.ts';

/** Limits that keep one index entry small however large the document grows. */
export const SUMMARY_LIMITS = { actionText: 200, owner: 100, factorText: 240, factors: 30, actions: 200, services: 30 } as const;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The summary of one snapshot: header, action items, factor texts and the approved near-miss count. */
export function summarizeSnapshot(snapshot: PostmortemSnapshot): SnapshotSummary {
  const actions: IndexedAction[] = snapshot.actions
    .filter((a) => a.action.trim() !== '' || a.owner.trim() !== '')
    .slice(0, SUMMARY_LIMITS.actions)
    .map((a) => ({
      id: a.id,
      action: clip(a.action, SUMMARY_LIMITS.actionText),
      kind: a.kind,
      owner: clip(a.owner, SUMMARY_LIMITS.owner),
      due: a.due.trim(),
      status: a.status,
      createdAt: a.createdAt,
      closedAt: a.closedAt,
      factorIds: [...a.factorIds],
    }));
  return {
    title: snapshot.meta.title,
    severity: snapshot.meta.severity,
    status: snapshot.moderation.status,
    services: [...new Set(snapshot.meta.services.map((s) => s.trim()).filter(Boolean))].slice(0, SUMMARY_LIMITS.services),
    startedAt: snapshot.meta.startedAt,
    detectedAt: snapshot.meta.detectedAt,
    mitigatedAt: snapshot.meta.mitigatedAt,
    resolvedAt: snapshot.meta.resolvedAt,
    actions,
    factors: snapshot.factors
      .map((f) => clip(f.body, SUMMARY_LIMITS.factorText))
      .filter(Boolean)
      .slice(0, SUMMARY_LIMITS.factors),
    nearMisses: snapshot.nearMisses.length,
  };
}

/** Counts the findings that are not dismissed, by severity. */
export function countOpenFindings(findings: readonly Pick<Finding, 'id' | 'severity'>[], dismissed: (id: string) => boolean = () => false): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!dismissed(f.id)) counts[f.severity] += 1;
  return counts;
}
