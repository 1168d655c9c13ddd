/**
 * The facilitator's moderation data in the `moderation` root: locks (lock key → true), each
 * section's status and owner. Read by everyone; written only by facilitators, as their own
 * undoable edits (the server refuses anyone else's).
 */
import * as Y from 'yjs';
import { SECTION_STATUSES, SECTIONS, type SectionId, type SectionStatus } from '../../shared/schema/sections.ts';
import { useDoc } from './DocContext.tsx';
import { useYMapValue, useYVersion } from './hooks.ts';
import type { Session } from './session.ts';

export type { LockKey } from '../../shared/schema/locks.ts';
import type { LockKey } from '../../shared/schema/locks.ts';

export type ModerationKey = 'locks' | 'sectionStatus' | 'sectionOwner';

export { LOCK_OF_ROOT } from '../../shared/schema/locks.ts';

/** The section's title, or "Header" for the title block. */
export function lockTitle(key: LockKey): string {
  return key === 'header' ? 'Header' : (SECTIONS.find((s) => s.id === key)?.title ?? key);
}

/** One of the moderation maps (null until it exists), re-rendering on each of its changes. */
export function useModerationMap(key: ModerationKey): Y.Map<unknown> | null {
  const { roots } = useDoc();
  const value = useYMapValue(roots.moderation, key);
  const map = value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
  useYVersion(map);
  return map;
}

/** Whether `key` is locked. */
export function useLocked(key: LockKey): boolean {
  return useModerationMap('locks')?.get(key) === true;
}

/** A status value, or 'drafting' when unset or unknown. */
export function readStatus(value: unknown): SectionStatus {
  return SECTION_STATUSES.find((s) => s === value) ?? 'drafting';
}

/** The section's status ('drafting' when none was set). */
export function useSectionStatus(id: SectionId): SectionStatus {
  return readStatus(useModerationMap('sectionStatus')?.get(id));
}

/** The section owner's display name ('' when none). */
export function useSectionOwner(id: SectionId): string {
  const owner = useModerationMap('sectionOwner')?.get(id);
  return typeof owner === 'string' ? owner : '';
}

// The maps are created with the document; this only repairs a document that lacks one.
function writableMap(moderation: Y.Map<unknown>, key: ModerationKey): Y.Map<unknown> {
  const existing = moderation.get(key);
  if (existing instanceof Y.Map) return existing as Y.Map<unknown>;
  const created = new Y.Map<unknown>();
  moderation.set(key, created);
  return created;
}

/** Facilitator: locks or unlocks a section (or the header) for participants. */
export function setLocked(session: Session, moderation: Y.Map<unknown>, key: LockKey, locked: boolean): void {
  session.step(() => {
    const locks = writableMap(moderation, 'locks');
    if (locked) locks.set(key, true);
    else locks.delete(key);
  });
}

/** Facilitator: sets a section's status. */
export function setSectionStatus(session: Session, moderation: Y.Map<unknown>, id: SectionId, status: SectionStatus): void {
  session.step(() => writableMap(moderation, 'sectionStatus').set(id, status));
}

/** Facilitator: names a section's owner ('' removes the owner). */
export function setSectionOwner(session: Session, moderation: Y.Map<unknown>, id: SectionId, name: string): void {
  session.step(() => {
    const owners = writableMap(moderation, 'sectionOwner');
    if (name) owners.set(id, name);
    else owners.delete(id);
  });
}
