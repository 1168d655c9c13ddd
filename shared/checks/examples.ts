/**
 * Plain snapshots for rule examples, the labelled corpus and tests: an empty postmortem, or one
 * with a single sentence placed where a rule reads it.
 */
import { RICH_TEXT_ROOTS, type RichTextRoot } from '../schema/roots.ts';
import type { ActionItem, PostmortemSnapshot } from '../schema/snapshot.ts';
import type { ExamplePlacement } from './types.ts';

export function emptySnapshot(): PostmortemSnapshot {
  return {
    meta: { title: '', severity: 'SEV3', services: [], startedAt: '', detectedAt: '', mitigatedAt: '', resolvedAt: '' },
    moderation: { status: 'draft', locks: {}, sectionStatus: {}, sectionOwner: {} },
    text: Object.fromEntries(RICH_TEXT_ROOTS.map((r) => [r, ''])) as Record<RichTextRoot, string>,
    timeline: [],
    factors: [],
    defenses: [],
    actions: [],
    nearMisses: [],
  };
}

/** A snapshot holding only `text`, placed as `placement` says. */
export function snapshotWithText(placement: ExamplePlacement, text: string): PostmortemSnapshot {
  const snap = emptySnapshot();
  switch (placement) {
    case 'timeline':
      snap.timeline.push({ id: 'e1', at: '2026-11-02T14:05:00.000Z', body: text, known: '' });
      break;
    case 'factor':
      snap.factors.push({ id: 'f1', category: 'process', body: text });
      break;
    case 'action':
      snap.actions.push({
        id: 'a1',
        action: text,
        kind: 'control',
        owner: 'Platform team',
        due: '2099-01-01',
        status: 'open',
        factorIds: [],
        createdAt: '2026-11-02T00:00:00.000Z',
        closedAt: '',
      });
      break;
    default:
      snap.text[placement] = text;
  }
  return snap;
}

/** A snapshot with one tracked action item, changed by `partial`. */
export function snapshotWithAction(partial: Partial<ActionItem>): PostmortemSnapshot {
  const snap = emptySnapshot();
  snap.actions.push({
    id: 'a1',
    action: 'Alert on pool saturation',
    kind: 'control',
    owner: 'SRE',
    due: '2099-01-01',
    status: 'open',
    factorIds: [],
    createdAt: '',
    closedAt: '',
    ...partial,
  });
  return snap;
}
