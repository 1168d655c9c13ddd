/** Undo and redo for this person's own structured edits (header, rows, selects). */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useDoc } from './DocContext.tsx';
import { watchLockedUndo } from './locked-undo.ts';
import type { Session } from './session.ts';

/**
 * Whether the structured undo manager can undo / redo, kept current. With `locksOf` (participants),
 * steps into sections the facilitator locks are dropped first, so Undo never writes there.
 */
function useUndoState(session: Session, locksOf: Y.Map<unknown> | null): { canUndo: boolean; canRedo: boolean } {
  const { undo } = session;
  const source = useMemo(
    () => ({
      subscribe(listener: () => void) {
        undo.on('stack-item-added', listener);
        undo.on('stack-item-popped', listener);
        undo.on('stack-cleared', listener);
        const stopWatching = locksOf ? watchLockedUndo(session, locksOf, listener) : () => {};
        return () => {
          stopWatching();
          undo.off('stack-item-added', listener);
          undo.off('stack-item-popped', listener);
          undo.off('stack-cleared', listener);
        };
      },
      getSnapshot: () => `${undo.canUndo()}:${undo.canRedo()}`,
    }),
    [undo, session, locksOf],
  );
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const [canUndo, canRedo] = snapshot.split(':').map((v) => v === 'true');
  return { canUndo: canUndo ?? false, canRedo: canRedo ?? false };
}

/** The Undo / Redo buttons of the top bar. */
export function UndoRedo({ session }: { session: Session }) {
  const { role, roots } = useDoc();
  const { canUndo, canRedo } = useUndoState(session, role === 'participant' ? roots.moderation : null);
  return (
    <div className="undo-redo" role="group" aria-label="Undo your structured edits">
      <button
        type="button"
        className="button button--icon"
        onClick={() => session.undo.undo()}
        disabled={!canUndo}
        aria-label="Undo"
        title="Undo your last change to fields and lists (text editors: Ctrl+Z inside them)"
        data-testid="undo"
      >
        <span aria-hidden="true">↶</span>
      </button>
      <button
        type="button"
        className="button button--icon"
        onClick={() => session.undo.redo()}
        disabled={!canRedo}
        aria-label="Redo"
        title="Redo"
        data-testid="redo"
      >
        <span aria-hidden="true">↷</span>
      </button>
    </div>
  );
}
