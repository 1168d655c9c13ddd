/**
 * One open postmortem: ONE Y.Doc, ONE IndexedDB copy and ONE WebSocket provider (whose
 * awareness every editor shares), plus the undo manager for structured edits. Created when
 * the page opens, destroyed when it closes.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, closeReason, COLLAB_PATH, FINAL_CLOSE_CODES } from '../../shared/protocol/index.ts';
import { roots } from '../../shared/schema/index.ts';
import { LOCAL_ORIGIN } from './origin.ts';
import { createStore, type Store } from './store.ts';

export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

export interface SessionState {
  socket: SocketStatus;
  /** A connection was made or attempted before (so not connected means "reconnecting"). */
  retrying: boolean;
  online: boolean;
  /** Safe to mount editors: synced with the server once, or a seeded copy came from IndexedDB. */
  ready: boolean;
  /** Set when the server closed with a code after which reconnecting cannot help. */
  closed: { code: number; reason: string } | null;
  /** Why the last connection closed, when the server said (transient codes). */
  lastCloseReason: string;
  /**
   * The server refused a change (close code 4403). The refused update lives on in this copy
   * and would be sent again on every reconnect, so the copy must be discarded and reloaded.
   */
  refused: boolean;
  /** The server's words for the refusal (e.g. which section is locked); '' when it gave none. */
  refusalReason: string;
}

export interface Session {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly undo: Y.UndoManager;
  readonly state: Store<SessionState>;
  /** Runs a structured edit as this person's own, undoable change. */
  transact(fn: () => void): void;
  /** Like transact, but always its own undo step (adding a row, choosing an option). */
  step<T>(fn: () => T): T;
  /** Closes everything; safe to call twice. */
  destroy(): void;
  /** Closes everything and deletes this browser's stored copy of the document. */
  discardLocalCopy(): Promise<void>;
}

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${COLLAB_PATH}`;
}

/** Opens a postmortem: local copy first, then the live connection. */
export function createSession(id: string, token: string): Session {
  const doc = new Y.Doc();
  const r = roots(doc);
  const state = createStore<SessionState>({
    socket: 'connecting',
    retrying: false,
    online: navigator.onLine,
    ready: false,
    closed: null,
    lastCloseReason: '',
    refused: false,
    refusalReason: '',
  });

  const idb = new IndexeddbPersistence(`second-story:${id}`, doc);
  idb.on('synced', () => {
    // Only a copy the server seeded is safe to render offline; an empty one would make each
    // editor write its own empty paragraph.
    if (r.meta.has('title')) state.set({ ready: true });
  });

  const provider = new WebsocketProvider(socketUrl(), id, doc, {
    params: { token },
    disableBc: true,
    shouldReconnect: (event) => !FINAL_CLOSE_CODES.has(event.code),
  });
  provider.on('status', ({ status }) => {
    state.set({ socket: status, retrying: state.get().retrying || status === 'connected' });
    if (status === 'connected') state.set({ lastCloseReason: '' });
  });
  provider.on('sync', (synced) => {
    if (synced) state.set({ ready: true });
  });
  provider.on('connection-close', (event) => {
    state.set({ retrying: true });
    if (!event) return;
    if (event.code === CloseCode.writeRefused) {
      provider.disconnect();
      state.set({ refused: true, refusalReason: event.reason });
    } else if (FINAL_CLOSE_CODES.has(event.code)) {
      provider.disconnect();
      state.set({ closed: { code: event.code, reason: closeReason(event.code) || 'The server closed the connection.' } });
    } else {
      state.set({ lastCloseReason: closeReason(event.code) });
    }
  });

  const onOnline = () => state.set({ online: true });
  const onOffline = () => state.set({ online: false });
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  // Moderation too: a facilitator's lock, status or owner change is undone like any other edit.
  const undo = new Y.UndoManager([r.meta, r.moderation, r.timeline, r.factors, r.defenses, r.actions], {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
  });

  let destroyed: Promise<void> | null = null;
  const destroy = (): Promise<void> => {
    if (destroyed) return destroyed;
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    undo.destroy();
    // Tell the others we left now rather than after the awareness timeout.
    provider.awareness.setLocalState(null);
    provider.destroy();
    provider.awareness.destroy();
    destroyed = idb.destroy();
    doc.destroy();
    return destroyed;
  };

  return {
    id,
    doc,
    provider,
    undo,
    state,
    transact: (fn) => doc.transact(fn, LOCAL_ORIGIN),
    step(fn) {
      undo.stopCapturing();
      let result: ReturnType<typeof fn> | undefined;
      doc.transact(() => {
        result = fn();
      }, LOCAL_ORIGIN);
      undo.stopCapturing();
      return result as ReturnType<typeof fn>;
    },
    destroy: () => void destroy(),
    async discardLocalCopy() {
      await destroy();
      await deleteDatabase(`second-story:${id}`);
    },
  };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // Resolve either way: a copy that cannot be deleted is merged again, which is still correct.
    request.addEventListener('success', () => resolve());
    request.addEventListener('error', () => resolve());
    request.addEventListener('blocked', () => resolve());
  });
}
