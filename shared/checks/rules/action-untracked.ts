/** action-untracked: every action item has an owner and a due date; open items past due are flagged. */
import { snapshotWithAction } from '../examples.ts';
import type { ActionItem } from '../../schema/snapshot.ts';
import type { RuleDefinition, RuleHit, SnapshotExamples } from '../types.ts';
import { isBlank } from '../words.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const rule: RuleDefinition = {
  id: 'action-untracked',
  severity: 'error',
  reason: 'An action item without an owner and a due date is a wish; untracked fixes are how the same incident happens twice.',
  check({ input: { snapshot, now } }) {
    const today = (now ?? new Date().toISOString()).slice(0, 10);
    const hits: RuleHit[] = [];
    for (const action of snapshot.actions) {
      if (isBlank(action.action)) continue;
      const field = { kind: 'action', id: action.id, field: 'action' } as const;
      const missing = [isBlank(action.owner) ? 'owner' : null, isBlank(action.due) ? 'due date' : null].filter(Boolean);
      if (missing.length > 0) {
        hits.push({
          section: 'actions',
          field,
          start: 0,
          end: 0,
          message: `This action item has no ${missing.join(' and no ')}.`,
          suggestion: 'Give it an owner (a team or a person) and a due date.',
        });
        continue;
      }
      if (!DATE.test(action.due.trim())) {
        hits.push({ section: 'actions', field, start: 0, end: 0, message: `"${action.due}" is not a date.`, suggestion: 'Use a date like 2026-12-01.' });
        continue;
      }
      if (isOpen(action) && action.due < today) {
        hits.push({
          section: 'actions',
          field,
          start: 0,
          end: 0,
          severity: 'warning',
          message: `This action item was due on ${action.due} and is still ${action.status === 'in-progress' ? 'in progress' : 'open'}.`,
          suggestion: 'Finish it, set a new due date with its owner, or close it as won’t do with the reason.',
        });
      }
    }
    return hits;
  },
};

function isOpen(action: ActionItem): boolean {
  return action.status === 'open' || action.status === 'in-progress';
}


export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'no owner', snapshot: snapshotWithAction({ owner: '' }) },
    { name: 'no due date', snapshot: snapshotWithAction({ due: ' ' }) },
    { name: 'overdue and open', snapshot: snapshotWithAction({ due: '2020-01-01' }) },
    { name: 'overdue and in progress', snapshot: snapshotWithAction({ due: '2020-01-01', status: 'in-progress' }) },
    { name: 'due is not a date', snapshot: snapshotWithAction({ due: 'next sprint' }) },
  ],
  shouldNotFlag: [
    { name: 'owner and future due date', snapshot: snapshotWithAction({}) },
    { name: 'past due but done', snapshot: snapshotWithAction({ due: '2020-01-01', status: 'done' }) },
    { name: "past due but won't do", snapshot: snapshotWithAction({ due: '2020-01-01', status: 'wont-do' }) },
    { name: 'an empty placeholder row', snapshot: snapshotWithAction({ action: '', owner: '', due: '' }) },
  ],
};
