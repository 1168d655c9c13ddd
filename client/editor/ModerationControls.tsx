/**
 * What moderation looks like by a section heading: badges for everyone (status, owner, locked)
 * and, for the facilitator, the controls that set them.
 */
import { LABELS, SECTION_STATUSES, type SectionId, type SectionStatus } from '../../shared/schema/sections.ts';
import { useDoc } from './DocContext.tsx';
import { LockIcon } from './icons.tsx';
import { lockTitle, setLocked, setSectionOwner, setSectionStatus, useLocked, type LockKey } from './moderation.ts';
import { usePresence } from './usePresence.ts';

/** True for a facilitator on a document that is not published. */
export function useModerates(): boolean {
  const { role, readOnly } = useDoc();
  return role === 'facilitator' && !readOnly;
}

/** "Locked by the facilitator" (participants, viewers) or "Locked for participants" (facilitators). */
export function LockedBadge({ lockKey }: { lockKey: LockKey }) {
  const { role } = useDoc();
  const locked = useLocked(lockKey);
  if (!locked) return null;
  return (
    <span className="badge badge--locked" data-testid={`locked-badge-${lockKey}`}>
      <LockIcon />
      {role === 'facilitator' ? 'Locked for participants' : 'Locked by the facilitator'}
    </span>
  );
}

/** The facilitator's lock / unlock button for a section or the header. */
export function LockToggle({ lockKey }: { lockKey: LockKey }) {
  const { session, roots } = useDoc();
  const locked = useLocked(lockKey);
  const title = lockTitle(lockKey);
  return (
    <button
      type="button"
      className={`button button--small lock-toggle${locked ? ' lock-toggle--locked' : ''}`}
      data-testid={`lock-toggle-${lockKey}`}
      data-locked={locked}
      aria-label={`${locked ? 'Unlock' : 'Lock'} ${title}`}
      title={locked ? 'Participants can read but not change this. Click to let them edit again.' : 'Stop participants from changing this while it is reviewed.'}
      onClick={() => setLocked(session, roots.moderation, lockKey, !locked)}
    >
      <LockIcon open={locked} />
      {locked ? 'Unlock' : 'Lock'}
    </button>
  );
}

/** The section's status as a small badge with a coloured dot. */
export function StatusBadge({ id, status }: { id: SectionId; status: SectionStatus }) {
  return (
    <span className={`badge section-status section-status--${status}`} data-testid={`section-status-${id}`}>
      <span className="status-dot" aria-hidden="true" />
      {LABELS[status] ?? status}
    </span>
  );
}

/** The facilitator's status picker. */
export function StatusSelect({ id, title, status }: { id: SectionId; title: string; status: SectionStatus }) {
  const { session, roots } = useDoc();
  return (
    <span className={`moderation-select section-status--${status}`}>
      <span className="status-dot" aria-hidden="true" />
      <select
        className="select select--compact"
        aria-label={`Status of ${title}`}
        data-testid={`section-status-${id}`}
        value={status}
        onChange={(e) => {
          const next = SECTION_STATUSES.find((s) => s === e.target.value);
          if (next) setSectionStatus(session, roots.moderation, id, next);
        }}
      >
        {SECTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {LABELS[s] ?? s}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The facilitator's owner picker: the people here who can edit, plus the current owner. */
export function OwnerSelect({ id, title, owner }: { id: SectionId; title: string; owner: string }) {
  const { session, roots } = useDoc();
  const people = usePresence(session.provider.awareness);
  const names = [...new Set(people.filter((p) => p.role !== 'viewer').map((p) => p.name))].sort((a, b) => a.localeCompare(b));
  const absent = owner !== '' && !names.includes(owner);
  return (
    <span className="moderation-select">
      <select
        className="select select--compact"
        aria-label={`Owner of ${title}`}
        data-testid={`section-owner-${id}`}
        value={owner}
        onChange={(e) => setSectionOwner(session, roots.moderation, id, e.target.value)}
      >
        <option value="">No owner</option>
        {absent && <option value={owner}>Owner: {owner} (not here)</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            Owner: {name}
          </option>
        ))}
      </select>
    </span>
  );
}
