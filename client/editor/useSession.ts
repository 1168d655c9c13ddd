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

// After this many refusals in one visit something keeps writing what the server refuses;
// reloading again would only loop.
const MAX_RELOADS = 3;

export interface SessionHandle {
  session: Session | null;
  /** How many times the server refused a change during this visit. */
  refusals: number;
  /** The server refused changes too often: no session is opened any more. */
  gaveUp: boolean;
}

/** The open session for `target` (none while `target` is null). */
export function useSession(target: { id: string; token: string } | null): SessionHandle {
  const [refusals, setRefusals] = useState(0);
  // A refusal bumps the key, which opens a fresh session.
  const gaveUp = refusals >= MAX_RELOADS;
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
        void opened.discardLocalCopy().then(() => setRefusals((n) => n + 1));
      }
    });
    return () => {
      unsubscribe();
      close();
      opened.destroy();
    };
  }, [key, id, token]);

  const session = useSyncExternalStore(subscribe, () => (key ? (open.get(key) ?? null) : null));
  return { session, refusals, gaveUp };
}
