/**
 * Watches a room's document from the outside: which root types each transaction changed. This
 * is computed by Yjs itself while applying, independently of the server's permission code, so
 * it can judge that code.
 */
import * as Y from 'yjs';

export function rootNameOf(type: Y.AbstractType<unknown>): string {
  let t: Y.AbstractType<unknown> = type;
  while (t._item) t = t._item.parent as Y.AbstractType<unknown>;
  try {
    return Y.findRootTypeKey(t);
  } catch {
    return '?';
  }
}

export class DocWatch {
  /** Roots changed since the last `take()`. */
  private changed = new Set<string>();
  updates = 0;

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
    doc.on('update', this.onUpdate);
  }

  private onTransaction = (tr: Y.Transaction): void => {
    for (const type of tr.changed.keys()) this.changed.add(rootNameOf(type as Y.AbstractType<unknown>));
    // A deleted nested type shows up as a change of its parent, which the loop above has.
  };

  private onUpdate = (): void => {
    this.updates += 1;
  };

  /** The roots changed since the last call, and resets. */
  take(): Set<string> {
    const out = this.changed;
    this.changed = new Set();
    return out;
  }

  stop(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.doc.off('update', this.onUpdate);
  }
}
