/**
 * shallow-analysis: the descent stopped at the trigger. Either the trigger is written but the
 * control failure or the system gap is not, or every action item only addresses the trigger.
 */
import { emptySnapshot } from '../examples.ts';
import type { PostmortemSnapshot } from '../../schema/snapshot.ts';
import type { RuleDefinition, RuleHit, SnapshotExamples } from '../types.ts';
import { isBlank, sharedWords } from '../words.ts';

export const rule: RuleDefinition = {
  id: 'shallow-analysis',
  severity: 'warning',
  reason: 'Human error and triggers are symptoms: fixes live at layers 4 and 5, the control failure and the system gap.',
  check({ input: { snapshot } }) {
    const hits: RuleHit[] = [];
    const trigger = snapshot.text.trigger;
    if (isBlank(trigger)) return hits;
    const controlMissing = isBlank(snapshot.text.control) && !snapshot.defenses.some((d) => d.state !== 'held');
    const gapMissing = isBlank(snapshot.text.systemGap);
    if (controlMissing || gapMissing) {
      const missing = [controlMissing ? 'the control failure' : null, gapMissing ? 'the system gap' : null].filter(Boolean).join(' and ');
      hits.push({
        section: 'factors',
        field: { kind: 'root', root: 'trigger' },
        start: 0,
        end: 0,
        message: `The trigger is written but ${missing} ${controlMissing && gapMissing ? 'are' : 'is'} not.`,
        suggestion: 'Keep descending: which guardrail failed or was absent, and which condition of the system let the trigger become an incident?',
      });
    }
    const deeper = [snapshot.text.control, snapshot.text.systemGap, ...snapshot.factors.map((f) => f.body), ...snapshot.defenses.map((d) => d.name)].join('\n');
    const actions = snapshot.actions.filter((a) => !isBlank(a.action));
    const aimedAtTrigger = (text: string, factorIds: readonly string[]) =>
      factorIds.length === 0 && sharedWords(text, trigger) >= 1 && sharedWords(text, trigger) > sharedWords(text, deeper);
    if (actions.length > 0 && actions.every((a) => aimedAtTrigger(a.action, a.factorIds))) {
      hits.push({
        section: 'actions',
        field: null,
        start: 0,
        end: 0,
        message: 'Every action item addresses the trigger only.',
        suggestion: 'Add at least one action that closes the control failure or the system gap, and link it to the factors it addresses.',
      });
    }
    return hits;
  },
};

function analysis(parts: { trigger?: string; control?: string; systemGap?: string; actions?: string[] }): PostmortemSnapshot {
  const s = emptySnapshot();
  s.text.trigger = parts.trigger ?? '';
  s.text.control = parts.control ?? '';
  s.text.systemGap = parts.systemGap ?? '';
  (parts.actions ?? []).forEach((action, i) =>
    s.actions.push({ id: `a${i + 1}`, action, kind: 'control', owner: 'SRE', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '', closedAt: '' }),
  );
  return s;
}

const trigger = 'A config change set the pool limit to 20.';
export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'trigger only', snapshot: analysis({ trigger }) },
    { name: 'no system gap', snapshot: analysis({ trigger, control: 'Config changes skip canary.' }) },
    {
      name: 'every action fixes the trigger',
      snapshot: analysis({ trigger, control: 'Config skips canary.', systemGap: 'Config and code take different paths.', actions: ['Revert the pool limit config change'] }),
    },
  ],
  shouldNotFlag: [
    { name: 'no trigger yet', snapshot: analysis({}) },
    {
      name: 'full descent with a system action',
      snapshot: analysis({ trigger, control: 'Config changes skip canary analysis.', systemGap: 'Config and code take different paths to production.', actions: ['Run canary analysis for config changes'] }),
    },
  ],
};
