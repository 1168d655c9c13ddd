/**
 * The Just Culture triage (PRODUCT.md): malice, then knowing violation or impairment, then the
 * substitution test. The outcome follows from the answers; the system fixes are owed either way.
 */
export type TriageAnswer = 'yes' | 'no' | 'unsure';
export type TriageOutcome = 'blameless' | 'accountability' | 'undecided';

export interface TriageAnswers {
  malice?: TriageAnswer | null;
  knowingViolation?: TriageAnswer | null;
  substitution?: TriageAnswer | null;
}

export const TRIAGE_QUESTIONS = {
  malice: 'Was there intent to cause harm?',
  knowingViolation:
    'Did the person knowingly violate a rule they understood, or act while impaired (for example by drugs or alcohol)?',
  substitution:
    'Substitution test: would another competent person, with the same information, training, tools and pressures, likely have made the same choice?',
} as const;

export const TRIAGE_OUTCOME_TEXT: Record<TriageOutcome, string> = {
  blameless: 'Blameless analysis: the situation is the problem. Look for what made the choice reasonable at the time.',
  accountability:
    'Accountability path, handled privately with the person and their manager. The system fixes are still owed: the conditions that allowed this remain.',
  undecided: 'Not decided yet: answer the questions in order.',
};

export const TRIAGE_REMINDER = 'Whatever the outcome, the contributing factors and the action items still go to the system.';

export const BLAME_AWARENESS_NOTE =
  'Before you start: hindsight makes the right choice look obvious, and outcome knowledge makes a decision look worse than it was. ' +
  'Judge the decision by what the person could see and know at that moment. This record is private to facilitators and never exported.';

/** The outcome the answers lead to, in the order of the questions. */
export function triageOutcome(a: TriageAnswers): TriageOutcome {
  if (a.malice === 'yes' || a.knowingViolation === 'yes') return 'accountability';
  if (a.malice !== 'no' || a.knowingViolation !== 'no') return 'undecided';
  if (a.substitution === 'yes') return 'blameless';
  if (a.substitution === 'no') return 'accountability';
  return 'undecided';
}
