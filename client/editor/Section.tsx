/** One template section: its exact title, its hint, moderation badges, and its fields. */
import type { ReactNode } from 'react';
import * as Y from 'yjs';
import { LABELS, SECTIONS, type SectionId } from '../../shared/schema/index.ts';
import { SectionChecks } from '../checks/SectionChecks.tsx';
import { EditableContext, useDoc } from './DocContext.tsx';
import { useYMapValue, useYVersion } from './hooks.ts';

function useModerationEntry(key: 'locks' | 'sectionStatus' | 'sectionOwner', id: SectionId): unknown {
  const { roots } = useDoc();
  const value = useYMapValue(roots.moderation, key);
  const map = value instanceof Y.Map ? value : null;
  useYVersion(map);
  return map?.get(id);
}

/** A document section; fields inside are editable unless read-only or locked. */
export function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const { readOnly } = useDoc();
  const section = SECTIONS.find((s) => s.id === id);
  const locked = useModerationEntry('locks', id) === true;
  const status = useModerationEntry('sectionStatus', id);
  const owner = useModerationEntry('sectionOwner', id);
  const headingId = `section-${id}-title`;
  return (
    <section id={`section-${id}`} className="doc-section" aria-labelledby={headingId}>
      <div className="doc-section__head">
        <h2 id={headingId} tabIndex={-1}>
          {section?.title}
        </h2>
        <div className="doc-section__badges">
          {typeof status === 'string' && LABELS[status] && status !== 'drafting' && (
            <span className="badge badge--status">{LABELS[status]}</span>
          )}
          {typeof owner === 'string' && owner && <span className="badge badge--muted">Owner: {owner}</span>}
          {locked && <span className="badge badge--locked">Locked by the facilitator</span>}
          {section && <SectionChecks section={id} title={section.title} />}
        </div>
      </div>
      <p className="doc-section__hint">{section?.hint}</p>
      <EditableContext.Provider value={!readOnly && !locked}>{children}</EditableContext.Provider>
    </section>
  );
}
