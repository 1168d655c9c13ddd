/** Which lock covers which root: the server enforces it, the app shows it. */
import { ROOTS } from './roots.ts';
import type { SectionId } from './sections.ts';

/** What a lock covers: a template section, or 'header' for the title block. */
export type LockKey = SectionId | 'header';

/** The lock that covers each root participants may write. */
export const LOCK_OF_ROOT: Readonly<Record<string, LockKey>> = {
  [ROOTS.meta]: 'header',
  [ROOTS.summary]: 'summary',
  [ROOTS.timeline]: 'timeline',
  [ROOTS.impact]: 'impact',
  [ROOTS.detection]: 'detection',
  [ROOTS.control]: 'control',
  [ROOTS.defenses]: 'control',
  [ROOTS.factors]: 'factors',
  [ROOTS.trigger]: 'factors',
  [ROOTS.systemGap]: 'factors',
  [ROOTS.actions]: 'actions',
  [ROOTS.prevention]: 'prevention',
};
