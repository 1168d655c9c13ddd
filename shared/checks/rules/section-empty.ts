/** section-empty: a required section left empty. Prevention has its own, stricter rule. */
import { emptySnapshot } from '../examples.ts';
import type { RuleDefinition, RuleHit, SnapshotExamples } from '../types.ts';
import { isBlank } from '../words.ts';

const EMPTY_MESSAGE = {
  summary: 'The summary is empty.',
  timeline: 'The timeline has no entries.',
  impact: 'The impact section is empty.',
  detection: 'The detection gap is empty.',
  control: 'The control gap is empty.',
  factors: 'No contributing factors are listed.',
  actions: 'There are no action items.',
} as const;

const NEXT_STEP = {
  summary: 'Say what broke, who was affected and for how long.',
  timeline: 'Add what happened, with the time and what responders could see at that moment.',
  impact: 'Give users affected, duration and a measurable effect, with numbers and units.',
  detection: 'Say how long it took to know, and which signal was missing, late or unwatched.',
  control: 'Name the guardrail that failed or was absent, and list the defenses.',
  factors: 'List several conditions that made the incident possible (process, tooling, communication, ownership).',
  actions: 'Add changes to controls, defaults, automation or interfaces, each with an owner and a due date.',
} as const;

export const rule: RuleDefinition = {
  id: 'section-empty',
  severity: 'warning',
  reason: 'A postmortem teaches only what it writes down: every section of the template carries part of the second story.',
  check({ input: { snapshot } }) {
    const empty: (keyof typeof EMPTY_MESSAGE)[] = [];
    if (isBlank(snapshot.text.summary)) empty.push('summary');
    if (!snapshot.timeline.some((e) => !isBlank(e.body) || !isBlank(e.known))) empty.push('timeline');
    if (isBlank(snapshot.text.impact)) empty.push('impact');
    if (isBlank(snapshot.text.detection)) empty.push('detection');
    if (isBlank(snapshot.text.control) && snapshot.defenses.length === 0) empty.push('control');
    if (!snapshot.factors.some((f) => !isBlank(f.body))) empty.push('factors');
    if (!snapshot.actions.some((a) => !isBlank(a.action))) empty.push('actions');
    return empty.map(
      (section): RuleHit => ({ section, field: null, start: 0, end: 0, message: EMPTY_MESSAGE[section], suggestion: NEXT_STEP[section] }),
    );
  },
};

function filled() {
  const s = emptySnapshot();
  s.text.summary = 'Checkout failed for 42 minutes.';
  s.text.impact = '1,240 orders failed.';
  s.text.detection = 'Eleven minutes to the first page.';
  s.text.control = 'No canary for config changes.';
  s.timeline.push({ id: 't1', at: '2026-11-02T14:05:00.000Z', body: 'Deploy starts.', known: '' });
  s.factors.push({ id: 'f1', category: 'tooling', body: 'Config skips canary.' });
  s.actions.push({ id: 'a1', action: 'Canary config changes', kind: 'automation', owner: 'Deploy', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '', closedAt: '' });
  return s;
}

export const examples: SnapshotExamples = {
  shouldFlag: [
    { name: 'a new postmortem', snapshot: emptySnapshot() },
    { name: 'impact left blank', snapshot: { ...filled(), text: { ...filled().text, impact: '  ' } } },
    { name: 'timeline entries with no text', snapshot: { ...filled(), timeline: [{ id: 't1', at: '', body: '', known: '' }] } },
  ],
  shouldNotFlag: [
    { name: 'every section written', snapshot: filled() },
    { name: 'control gap given only as defenses', snapshot: { ...filled(), text: { ...filled().text, control: '' }, defenses: [{ id: 'd1', name: 'Canary', state: 'absent', failure: 'latent' }] } },
  ],
};
