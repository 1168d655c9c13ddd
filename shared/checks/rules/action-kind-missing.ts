/** action-kind-missing: every action item says which kind of system change it is. */
import { snapshotWithAction } from '../examples.ts';
import type { ActionItem } from '../../schema/snapshot.ts';
import { ACTION_KINDS } from '../../schema/sections.ts';
import type { RuleDefinition, SnapshotExamples } from '../types.ts';
import { isBlank } from '../words.ts';

export const rule: RuleDefinition = {
  id: 'action-kind-missing',
  severity: 'warning',
  reason: 'Every action item changes a control, a default, an automation or an interface; naming which keeps fixes at the system.',
  check({ input: { snapshot } }) {
    return snapshot.actions
      .filter((a) => !isBlank(a.action) && !(ACTION_KINDS as readonly string[]).includes(a.kind))
      .map((a) => ({
        section: 'actions' as const,
        field: { kind: 'action', id: a.id, field: 'action' } as const,
        start: 0,
        end: 0,
        message: 'This action item has no kind.',
        suggestion: `Say which system change it is: ${ACTION_KINDS.join(', ')}. If none fits, it may not be a system change.`,
      }));
  },
};


export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'kind empty', snapshot: snapshotWithAction({ kind: '' }) },
    { name: 'kind not one of the four', snapshot: snapshotWithAction({ kind: 'training' as ActionItem['kind'] }) },
  ],
  shouldNotFlag: ACTION_KINDS.map((kind) => ({ name: kind, snapshot: snapshotWithAction({ kind }) })),
};
