/** The facilitator's queue of anonymous near-miss notes waiting for a decision. */
import { useId, useState } from 'react';
import type { PendingNoteResponse } from '../../shared/api/types.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { aroundHour } from './hour.ts';
import { usePendingNotes } from './usePendingNotes.ts';

interface NoteProps {
  note: PendingNoteResponse;
  decide: (noteId: string, decision: 'approve' | 'dismiss') => Promise<void>;
}

function PendingNote({ note, decide }: NoteProps) {
  const { zone } = useDoc();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const textId = useId();
  const act = async (decision: 'approve' | 'dismiss') => {
    setBusy(true);
    setError('');
    try {
      await decide(note.id, decision);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'That did not work; try again.');
      setBusy(false);
    }
  };
  return (
    <li className="pending-note" data-testid="pending-note">
      <p id={textId} className="pending-note__text">
        {note.text}
      </p>
      <p className="pending-note__hour">Sent around {aroundHour(note.hour, zone)}</p>
      {error && (
        <p className="form-error pending-note__error" role="alert">
          {error}
        </p>
      )}
      <div className="pending-note__actions">
        <button
          type="button"
          className="button button--small button--primary"
          data-testid="approve-note"
          aria-describedby={textId}
          disabled={busy}
          onClick={() => void act('approve')}
        >
          Approve
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="dismiss-note"
          aria-describedby={textId}
          disabled={busy}
          onClick={() => void act('dismiss')}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}

/** Pending notes in random order, with Approve (adds it to the document for everyone) and Dismiss. */
export function PendingNotes() {
  const { session, token } = useDoc();
  const queue = usePendingNotes(session.id, token);
  return (
    <section className="panel panel--private" aria-labelledby="pending-heading" data-testid="pending-notes">
      <h2 id="pending-heading" className="panel__title">
        Pending near-misses <span className="panel__count">{queue.notes.length}</span>
      </h2>
      <p className="panel__note panel__note--first">
        Only facilitators see these, in random order and with the hour only. Approving adds a note to the postmortem for
        everyone.
      </p>
      {queue.error && (
        <p className="form-error" role="alert">
          {queue.error}
        </p>
      )}
      {queue.notes.length > 0 ? (
        <ul className="pending-notes">
          {queue.notes.map((note) => (
            <PendingNote key={note.id} note={note} decide={queue.decide} />
          ))}
        </ul>
      ) : (
        queue.loaded && <p className="pending-notes__empty">No notes waiting.</p>
      )}
      <button type="button" className="button button--small button--quiet-neutral pending-notes__check" onClick={queue.refresh}>
        Check for new notes
      </button>
    </section>
  );
}
