/**
 * Opens a session for the page's lifetime and closes it when the page goes away. When the
 * server refuses a change, the local copy is discarded and a fresh session loads the server's
 * document (the refused update would otherwise be re-sent on every reconnect).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createSession, type Session } from './session.ts';

// Open sessions by "id:token:generation", held outside React so effects only talk to an external store.
const open = new Map<string, Session>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// After this many refusals in a short while something keeps writing what the server refuses;
// reloading again would only loop. Refusals spread over a session (a lock arriving while the
// person types, now and then) are normal and each reloads once.
const MAX_RELOADS = 3;
const RELOAD_WINDOW_MS = 60_000;

export interface SessionHandle {
  session: Session | null;
  /** How many times the server refused a change during this visit. */
  refusals: number;
  /** The server's words for the last refusal ('' when it gave none). */
  refusalReason: string;
  /** The server refused changes too often: no session is opened any more. */
  gaveUp: boolean;
}

/** The open session for `target` (none while `target` is null). */
export function useSession(target: { id: string; token: string } | null): SessionHandle {
  const [refusedAt, setRefusedAt] = useState<readonly number[]>([]);
  const [refusalReason, setRefusalReason] = useState('');
  const refusals = refusedAt.length;
  // A refusal bumps the key, which opens a fresh session.
  const burst = refusedAt.slice(-MAX_RELOADS);
  const gaveUp = burst.length === MAX_RELOADS && burst[MAX_RELOADS - 1]! - burst[0]! < RELOAD_WINDOW_MS;
  const key = target && !gaveUp ? `${target.id}:${target.token}:${refusals}` : null;
  const id = target?.id;
  const token = target?.token;

  useEffect(() => {
    if (!key || !id || !token) return;
    const opened = createSession(id, token);
    open.set(key, opened);
    notify();
    const close = () => {
      if (open.get(key) !== opened) return false;
      open.delete(key);
      notify();
      return true;
    };
    const unsubscribe = opened.state.subscribe(() => {
      if (opened.state.get().refused && close()) {
        const reason = opened.state.get().refusalReason;
        void opened.discardLocalCopy().then(() => {
          setRefusalReason(reason);
          setRefusedAt((times) => [...times, Date.now()]);
        });
      }
    });
    return () => {
      unsubscribe();
      close();
      opened.destroy();
    };
  }, [key, id, token]);

  const session = useSyncExternalStore(subscribe, () => (key ? (open.get(key) ?? null) : null));
  return { session, refusals, refusalReason, gaveUp };
}
