/**
 * Root types of the shared Y.Doc (CONTRACT.md). Every part of the app, the server and the
 * tests names roots through these constants, never through string literals.
 */
export const ROOTS = {
  meta: 'meta',
  moderation: 'moderation',
  summary: 'summary',
  impact: 'impact',
  detection: 'detection',
  control: 'control',
  prevention: 'prevention',
  trigger: 'trigger',
  systemGap: 'systemGap',
  timeline: 'timeline',
  factors: 'factors',
  defenses: 'defenses',
  actions: 'actions',
  nearMisses: 'nearMisses',
} as const;

export type RootName = (typeof ROOTS)[keyof typeof ROOTS];

/** Rich-text roots: Y.XmlFragment bound to a TipTap editor. */
export const RICH_TEXT_ROOTS = [
  ROOTS.summary,
  ROOTS.impact,
  ROOTS.detection,
  ROOTS.control,
  ROOTS.prevention,
  ROOTS.trigger,
  ROOTS.systemGap,
] as const;
export type RichTextRoot = (typeof RICH_TEXT_ROOTS)[number];

/** Structured list roots: Y.Array of Y.Map. */
export const LIST_ROOTS = [ROOTS.timeline, ROOTS.factors, ROOTS.defenses, ROOTS.actions, ROOTS.nearMisses] as const;
export type ListRoot = (typeof LIST_ROOTS)[number];

export const MAP_ROOTS = [ROOTS.meta, ROOTS.moderation] as const;

/** Bumped when the document layout changes in a way old clients cannot read. */
export const SCHEMA_VERSION = 1;
