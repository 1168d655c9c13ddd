/** prevention-empty: "How do we prevent recurrence?" is the most important section and is never empty. */
import { emptySnapshot } from '../examples.ts';
import type { ActionItem, PostmortemSnapshot } from '../../schema/snapshot.ts';
import type { RuleDefinition, SnapshotExamples } from '../types.ts';
import { isBlank, sharedWords } from '../words.ts';

/** True when the text names an action item: "A2", "action 2", "action item #2", or shares its words. */
function pointsAt(text: string, actions: readonly ActionItem[]): boolean {
  if (/\b(?:A\d+|action(?:\s+item)?\s*#?\d+)\b/i.test(text)) return true;
  return actions.some((a) => !isBlank(a.action) && sharedWords(text, a.action) >= 2);
}

export const rule: RuleDefinition = {
  id: 'prevention-empty',
  severity: 'error',
  reason: 'Prevention is the point of the review: it must say what makes this failure impossible or smaller, and which action delivers it.',
  check({ input: { snapshot } }) {
    const text = snapshot.text.prevention;
    if (isBlank(text)) {
      return [
        {
          section: 'prevention',
          field: null,
          start: 0,
          end: 0,
          message: '"How do we prevent recurrence?" is empty.',
          suggestion: 'Say what makes this exact failure impossible or much smaller next time, and name the action item that delivers it (e.g. "A1").',
        },
      ];
    }
    const actions = snapshot.actions.filter((a) => !isBlank(a.action));
    if (actions.length > 0 && !pointsAt(text, actions)) {
      return [
        {
          section: 'prevention',
          field: { kind: 'root', root: 'prevention' },
          start: 0,
          end: 0,
          severity: 'warning',
          message: 'Prevention does not point at any action item.',
          suggestion: 'Name the action item that delivers this prevention, e.g. "Canary analysis for config changes (A1) stops a bad value reaching every region."',
        },
      ];
    }
    return [];
  },
};

function withPrevention(prevention: string, action = 'Route config changes through canary analysis'): PostmortemSnapshot {
  const s = emptySnapshot();
  s.text.prevention = prevention;
  s.actions.push({ id: 'a1', action, kind: 'automation', owner: 'Deploy', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '', closedAt: '' });
  return s;
}

export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'empty', snapshot: withPrevention('') },
    { name: 'whitespace only', snapshot: withPrevention('  \n ') },
    { name: 'not pointing at an action', snapshot: withPrevention('We will be more vigilant in the future.') },
  ],
  shouldNotFlag: [
    { name: 'names the action by number', snapshot: withPrevention('A1 makes a bad pool limit reach one canary host, not every region.') },
    { name: 'describes the action', snapshot: withPrevention('Canary analysis on config changes stops a bad value before it spreads.') },
    { name: 'no actions yet to point at', snapshot: { ...withPrevention('Progressive rollout for config.'), actions: [] } },
  ],
};
