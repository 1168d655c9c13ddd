/** The template's sections, with the exact names and order of PRODUCT.md. */
export const SECTIONS = [
  { id: 'summary', title: 'Summary', hint: 'What broke, who was affected, how long.' },
  {
    id: 'timeline',
    title: 'What happened (timeline)',
    hint: 'What happened, and what the responders could see and know at that moment. Actors by role.',
  },
  { id: 'impact', title: 'Impact', hint: 'Users affected, duration, scope, measurable effect: units and numbers.' },
  {
    id: 'detection',
    title: 'Detection gap',
    hint: 'How long until we knew, why not sooner, which signal was missing, late or unwatched.',
  },
  { id: 'control', title: 'Control gap', hint: 'Which guardrail failed or was absent.' },
  {
    id: 'factors',
    title: 'Contributing factors',
    hint: 'Several conditions, not one root cause. Descend from the trigger to the system gap.',
  },
  {
    id: 'actions',
    title: 'Action items',
    hint: 'Each item changes a control, default, automation or interface, with an owner and a due date.',
  },
  {
    id: 'prevention',
    title: 'How do we prevent recurrence?',
    hint: 'What makes this exact failure impossible or much smaller next time, and which action item delivers it.',
  },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const SECTION_STATUSES = ['drafting', 'ready-for-review', 'reviewed'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const FACTOR_CATEGORIES = ['process', 'tooling', 'communication', 'ownership', 'other'] as const;
export type FactorCategory = (typeof FACTOR_CATEGORIES)[number];

export const DEFENSE_STATES = ['held', 'failed', 'absent'] as const;
export type DefenseState = (typeof DEFENSE_STATES)[number];

export const DEFENSE_FAILURES = ['active', 'latent'] as const;
export type DefenseFailure = (typeof DEFENSE_FAILURES)[number];

export const ACTION_KINDS = ['control', 'default', 'automation', 'interface'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Layers of the five-layer descent an action item can be said to fix. */
export const ACTION_LAYERS = ['trigger', 'factors', 'control', 'systemGap'] as const;
export type ActionLayer = (typeof ACTION_LAYERS)[number];

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Human labels for enum values shown in the UI and in exports. */
export const LABELS: Record<string, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
  drafting: 'Drafting',
  'ready-for-review': 'Ready for review',
  reviewed: 'Reviewed',
  held: 'Held',
  failed: 'Failed',
  absent: 'Absent',
  active: 'Active failure',
  latent: 'Latent condition',
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': "Won't do",
};
