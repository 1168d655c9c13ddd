/**
 * The facilitator's queue of pending near-miss notes, fetched every 10 seconds and whenever the
 * window comes back into focus. The server answers in random order; notes already on screen
 * keep their place (so buttons do not jump under the pointer) and new ones are put at random
 * places, so the list never shows in which order notes arrived.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PendingNoteResponse } from '../../shared/api/types.ts';
import { ApiError } from '../api/client.ts';
import { decideNote, listPendingNotes } from '../api/facilitation.ts';

/** How often the queue is fetched while the page is visible. */
export const PENDING_POLL_MS = 10_000;

/** Keeps the shown order of known notes, drops handled ones, inserts new ones at random places. */
export function mergeNotes(shown: readonly PendingNoteResponse[], fetched: readonly PendingNoteResponse[]): PendingNoteResponse[] {
  const fetchedIds = new Set(fetched.map((n) => n.id));
  const kept = shown.filter((n) => fetchedIds.has(n.id));
  const keptIds = new Set(kept.map((n) => n.id));
  for (const note of fetched) {
    if (keptIds.has(note.id)) continue;
    kept.splice(Math.floor(Math.random() * (kept.length + 1)), 0, note);
  }
  return kept;
}

export interface PendingQueue {
  notes: PendingNoteResponse[];
  /** Set after the first answer. */
  loaded: boolean;
  /** Why the last fetch failed ('' when it did not). */
  error: string;
  refresh(): void;
  /** Approves or dismisses a note; rejects with a sentence for the person. */
  decide(noteId: string, decision: 'approve' | 'dismiss'): Promise<void>;
}

/** The pending queue of postmortem `id` (facilitator token). */
export function usePendingNotes(id: string, token: string): PendingQueue {
  const [notes, setNotes] = useState<PendingNoteResponse[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const call = ++latest.current;
    listPendingNotes(id, token)
      .then((fetched) => {
        if (call !== latest.current) return;
        setNotes((shown) => mergeNotes(shown, fetched));
        setLoaded(true);
        setError('');
      })
      .catch((caught: unknown) => {
        if (call !== latest.current) return;
        setError(caught instanceof ApiError ? caught.message : 'The pending notes could not be loaded.');
      });
  }, [id, token]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, PENDING_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      // A fetch still under way is ignored when it lands.
      latest.current += 1;
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const decide = useCallback(
    async (noteId: string, decision: 'approve' | 'dismiss') => {
      try {
        await decideNote(id, token, noteId, decision);
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 404) {
          // Handled meanwhile (another facilitator, another tab): just drop it.
          setNotes((shown) => shown.filter((n) => n.id !== noteId));
          return;
        }
        if (caught instanceof ApiError && caught.status === 409) {
          throw new Error('The postmortem is published, so no more notes can be added.', { cause: caught });
        }
        throw new Error(caught instanceof ApiError ? caught.message : 'That did not work; try again.', { cause: caught });
      }
      setNotes((shown) => shown.filter((n) => n.id !== noteId));
      refresh();
    },
    [id, token, refresh],
  );

  return { notes, loaded, error, refresh, decide };
}
