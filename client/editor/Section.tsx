/** One template section: its exact title, its hint, moderation badges and controls, and its fields. */
import type { ReactNode } from 'react';
import { SECTIONS, type SectionId } from '../../shared/schema/index.ts';
import { SectionChecks } from '../checks/SectionChecks.tsx';
import { EditableContext, useDoc } from './DocContext.tsx';
import { useLocked, useSectionOwner, useSectionStatus } from './moderation.ts';
import { LockedBadge, LockToggle, OwnerSelect, StatusBadge, StatusSelect, useModerates } from './ModerationControls.tsx';

/** A document section; fields inside are editable unless read-only or locked (facilitators may edit locked ones). */
export function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const { readOnly, role } = useDoc();
  const moderates = useModerates();
  const section = SECTIONS.find((s) => s.id === id);
  const title = section?.title ?? id;
  const locked = useLocked(id);
  const status = useSectionStatus(id);
  const owner = useSectionOwner(id);
  const headingId = `section-${id}-title`;
  const editable = !readOnly && !(locked && role !== 'facilitator');
  return (
    <section
      id={`section-${id}`}
      className={`doc-section${locked ? ' doc-section--locked' : ''}`}
      aria-labelledby={headingId}
      data-locked={locked}
    >
      <div className="doc-section__head">
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        <div className="doc-section__badges">
          {!moderates && <StatusBadge id={id} status={status} />}
          {!moderates && owner && (
            <span className="badge badge--muted" data-testid={`section-owner-${id}`}>
              Owner: {owner}
            </span>
          )}
          <LockedBadge lockKey={id} />
          <SectionChecks section={id} title={title} />
        </div>
        {moderates && (
          <div className="moderation-tools" role="group" aria-label={`Moderate ${title}`}>
            <StatusSelect id={id} title={title} status={status} />
            <OwnerSelect id={id} title={title} owner={owner} />
            <LockToggle lockKey={id} />
          </div>
        )}
      </div>
      <p className="doc-section__hint">{section?.hint}</p>
      <EditableContext.Provider value={editable}>{children}</EditableContext.Provider>
    </section>
  );
}
