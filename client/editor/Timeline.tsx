/** What happened: entries in time order, each with what was known at that moment. */
import { useState } from 'react';
import { addTimelineEntry, sortedTimeline, zoneLabel } from '../../shared/schema/index.ts';
import { useDoc, useEditable } from './DocContext.tsx';
import { useYRowsVersion } from './hooks.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { rowId } from './rows.ts';
import { TimelineEntry } from './TimelineEntry.tsx';

/** The timeline list and its "Add entry" button. */
export function Timeline() {
  const { roots, session, zone } = useDoc();
  const editable = useEditable();
  useYRowsVersion(roots.timeline);
  const rows = sortedTimeline(roots.timeline);
  const [addedId, setAddedId] = useState<string | null>(null);

  return (
    <div className="timeline">
      <p id="timeline-zone" className="muted timeline__zone">
        Times in {zoneLabel(zone)}. Entries stay in time order.
      </p>
      {rows.length === 0 ? (
        <p className="empty">No entries yet. Start with the first signal anyone could have seen.</p>
      ) : (
        <ol className="timeline__list">
          {rows.map((row, index) => (
            <TimelineEntry key={rowId(row, index)} row={row} index={index} autoFocus={rowId(row, index) === addedId} />
          ))}
        </ol>
      )}
      {editable && (
        <button
          type="button"
          className="button button--add"
          data-testid="add-timeline-entry"
          onClick={() => setAddedId(session.step(() => addTimelineEntry(session.doc, {}, LOCAL_ORIGIN)))}
        >
          + Add entry
        </button>
      )}
    </div>
  );
}
