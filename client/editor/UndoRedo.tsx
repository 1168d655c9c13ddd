/** Undo and redo for this person's own structured edits (header, rows, selects). */
import { useMemo, useSyncExternalStore } from 'react';
import type { Session } from './session.ts';

/** Whether the structured undo manager can undo / redo, kept current. */
function useUndoState(session: Session): { canUndo: boolean; canRedo: boolean } {
  const { undo } = session;
  const source = useMemo(
    () => ({
      subscribe(listener: () => void) {
        undo.on('stack-item-added', listener);
        undo.on('stack-item-popped', listener);
        undo.on('stack-cleared', listener);
        return () => {
          undo.off('stack-item-added', listener);
          undo.off('stack-item-popped', listener);
          undo.off('stack-cleared', listener);
        };
      },
      getSnapshot: () => `${undo.canUndo()}:${undo.canRedo()}`,
    }),
    [undo],
  );
  const snapshot = useSyncExternalStore(source.subscribe, source.getSnapshot);
  const [canUndo, canRedo] = snapshot.split(':').map((v) => v === 'true');
  return { canUndo: canUndo ?? false, canRedo: canRedo ?? false };
}

/** The Undo / Redo buttons of the top bar. */
export function UndoRedo({ session }: { session: Session }) {
  const { canUndo, canRedo } = useUndoState(session);
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
