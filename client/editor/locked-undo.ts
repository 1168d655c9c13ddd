/**
 * A participant's Undo must not reach into a section the facilitator has locked since: the
 * server would refuse the change and the page would reload. When locks change, undo and redo
 * steps that touch a locked root are dropped from the structured undo stacks.
 */
import * as Y from 'yjs';
import { LOCK_OF_ROOT, type LockKey } from './moderation.ts';
import type { Session } from './session.ts';

type StackItem = Session['undo']['undoStack'][number];

function rootNameOf(doc: Y.Doc, item: Y.Item): string | null {
  let parent = item.parent;
  while (parent instanceof Y.AbstractType && parent._item) parent = parent._item.parent;
  for (const [name, type] of doc.share) if (type === parent) return name;
  return null;
}

/** The root names an undo step inserted into or deleted from. */
function rootsOfStep(doc: Y.Doc, step: StackItem): Set<string> {
  const names = new Set<string>();
  for (const set of [step.insertions, step.deletions]) {
    for (const [client, ranges] of set.clients) {
      for (const { clock, len } of ranges) {
        let at = clock;
        while (at < clock + len) {
          let struct: Y.Item | null = null;
          try {
            struct = Y.getItem(doc.store, Y.createID(client, at));
          } catch {
            break;
          }
          if (!(struct instanceof Y.Item)) break;
          const name = rootNameOf(doc, struct);
          if (name) names.add(name);
          at = struct.id.clock + struct.length;
        }
      }
    }
  }
  return names;
}

/** Drops steps touching a root covered by `locked`; true when anything was dropped. */
export function pruneLockedSteps(session: Session, locked: ReadonlySet<LockKey>): boolean {
  if (locked.size === 0) return false;
  let dropped = false;
  for (const stack of [session.undo.undoStack, session.undo.redoStack]) {
    for (let i = stack.length - 1; i >= 0; i -= 1) {
      const step = stack[i];
      if (!step) continue;
      const touchesLocked = [...rootsOfStep(session.doc, step)].some((root) => {
        const key = LOCK_OF_ROOT[root];
        return key !== undefined && locked.has(key);
      });
      if (touchesLocked) {
        stack.splice(i, 1);
        dropped = true;
      }
    }
  }
  return dropped;
}

/**
 * Prunes now and after every change of the locks; calls `changed` when steps were dropped.
 * Returns the function that stops watching.
 */
export function watchLockedUndo(session: Session, moderation: Y.Map<unknown>, changed: () => void): () => void {
  const run = () => {
    const locks = moderation.get('locks');
    if (!(locks instanceof Y.Map)) return;
    const keys = new Set<LockKey>();
    for (const [key, value] of (locks as Y.Map<unknown>).entries()) if (value === true) keys.add(key as LockKey);
    if (pruneLockedSteps(session, keys)) changed();
  };
  run();
  moderation.observeDeep(run);
  return () => moderation.unobserveDeep(run);
}
