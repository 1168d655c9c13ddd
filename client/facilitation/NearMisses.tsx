/**
 * The near-miss panel, for everyone: notes the facilitator approved (written into the document
 * by the server) and, for those who may send one, the way to share a near-miss anonymously.
 */
import { useRef, useState } from 'react';
import { useDoc } from '../editor/DocContext.tsx';
import { useYRowsVersion } from '../editor/hooks.ts';
import { rowId } from '../editor/rows.ts';
import { aroundHour } from './hour.ts';
import { NearMissDialog } from './NearMissDialog.tsx';

function useApprovedNotes(): { id: string; text: string; hour: string }[] {
  const { roots, zone } = useDoc();
  useYRowsVersion(roots.nearMisses);
  return roots.nearMisses.toArray().map((row, index) => {
    const text = row.get('text');
    const hour = row.get('hour');
    return {
      id: rowId(row, index),
      text: typeof text === 'string' ? text : '',
      hour: typeof hour === 'string' ? aroundHour(hour, zone) : '',
    };
  });
}

/** Approved notes, and the "Share a near-miss anonymously" button for participants and facilitators. */
export function NearMisses() {
  const { readOnly } = useDoc();
  const notes = useApprovedNotes();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <section className="panel" aria-labelledby="near-miss-heading" data-testid="near-miss-panel">
      <h2 id="near-miss-heading" className="panel__title">
        Near-misses <span className="panel__count">{notes.length}</span>
      </h2>
      {notes.length === 0 ? (
        <p className="panel__note panel__note--first">None added yet. Approved anonymous notes appear here for everyone.</p>
      ) : (
        <>
          <p className="panel__note panel__note--first">Shared anonymously, added by the facilitator.</p>
          <ul className="near-misses" data-testid="near-miss-list">
            {notes.map((note) => (
              <li key={note.id} className="near-miss" data-testid="near-miss-item">
                <p className="near-miss__text">{note.text}</p>
                {note.hour && <p className="near-miss__hour">Sent around {note.hour}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {!readOnly && (
        <>
          <button
            ref={opener}
            type="button"
            className="button button--add near-miss__share"
            data-testid="near-miss-open"
            aria-haspopup="dialog"
            onClick={() => setOpen(true)}
          >
            Share a near-miss anonymously
          </button>
          <NearMissDialog
            open={open}
            onClose={() => {
              setOpen(false);
              opener.current?.focus();
            }}
          />
        </>
      )}
    </section>
  );
}
