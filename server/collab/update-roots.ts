/**
 * Which root types an update touches: the root of every item it inserts (by its explicit
 * parent, or through its origin / right origin, found in the update itself or in the server's
 * document) and of every item it deletes. Anything that cannot be resolved is reported as
 * unresolved, so the permission check can fail closed.
 */
import * as Y from 'yjs';
import type { ScannedStruct, ScannedUpdate } from './update-scan.ts';

export type TouchedRoots = { ok: true; roots: Set<string> } | { ok: false; detail: string };

/** The update's items of one client, sorted by clock, for lookups by id. */
function indexByClient(structs: readonly ScannedStruct[]): Map<number, ScannedStruct[]> {
  const byClient = new Map<number, ScannedStruct[]>();
  for (const s of structs) {
    if (s.kind !== 'item') continue;
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  for (const list of byClient.values()) if (list.length > 1) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

function findInUpdate(byClient: Map<number, ScannedStruct[]>, id: Y.ID): ScannedStruct | null {
  const list = byClient.get(id.client);
  if (!list) return null;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = list[mid]!;
    if (id.clock < item.id.clock) hi = mid - 1;
    else if (id.clock >= item.id.clock + item.length) lo = mid + 1;
    else return item;
  }
  return null;
}

/** The root name of an item already in the document, or null when the id is unknown. */
function rootOfDocItem(doc: Y.Doc, id: Y.ID): string | null {
  let struct: Y.Item | Y.GC;
  try {
    if (!doc.store.clients.has(id.client) || id.clock >= Y.getState(doc.store, id.client)) return null;
    struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
  } catch {
    return null;
  }
  if (!(struct instanceof Y.Item)) return null;
  let type = struct.parent as Y.AbstractType<unknown> | null;
  while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
  if (!type) return null;
  try {
    return Y.findRootTypeKey(type);
  } catch {
    return null;
  }
}

/** Finds the root of each item of one update, through the update itself or the server's document. */
class RootResolver {
  private readonly byClient: Map<number, ScannedStruct[]>;
  private readonly memo = new Map<ScannedStruct, string | null>();

  constructor(
    scanned: ScannedUpdate,
    private readonly doc: Y.Doc,
  ) {
    this.byClient = indexByClient(scanned.structs);
  }

  inUpdate(id: Y.ID): ScannedStruct | null {
    return findInUpdate(this.byClient, id);
  }

  rootOfId(id: Y.ID, depth: number): string | null {
    const inUpdate = findInUpdate(this.byClient, id);
    if (inUpdate) return this.rootOfItem(inUpdate, depth + 1);
    return rootOfDocItem(this.doc, id);
  }

  rootOfItem(item: ScannedStruct, depth: number): string | null {
    if (this.memo.has(item)) return this.memo.get(item)!;
    // A chain this deep is not a document edit; refuse rather than recurse.
    if (depth > 10_000) return null;
    this.memo.set(item, null); // guards against origin cycles in a crafted update
    let root: string | null = null;
    const parent = item.parent;
    if (typeof parent === 'string') root = parent;
    else if (parent) root = this.rootOfId(parent, depth);
    else if (item.origin) root = this.rootOfId(item.origin, depth);
    else if (item.rightOrigin) root = this.rootOfId(item.rightOrigin, depth);
    this.memo.set(item, root);
    return root;
  }
}

/** Resolves the roots a scanned update touches against the server's current document. */
export function rootsTouched(scanned: ScannedUpdate, doc: Y.Doc): TouchedRoots {
  const resolver = new RootResolver(scanned, doc);
  const roots = new Set<string>();
  for (const struct of scanned.structs) {
    // GC and Skip structs carry no content: they cannot write anything visible.
    if (struct.kind !== 'item') continue;
    // Items the server already has are skipped by Yjs when applied: they change nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const root = resolver.rootOfItem(struct, 0);
    if (root === null) return { ok: false, detail: `cannot resolve the parent of item ${struct.id.client}:${struct.id.clock}` };
    roots.add(root);
  }
  for (const [client, ranges] of scanned.deletes) {
    for (const { clock, len } of ranges) {
      // Every deleted id must be known, or a client could pre-delete another client's future items.
      for (let c = clock; c < clock + len; ) {
        const id = Y.createID(client, c);
        const inUpdate = resolver.inUpdate(id);
        if (inUpdate) {
          const root = resolver.rootOfItem(inUpdate, 0);
          if (root === null) return { ok: false, detail: `cannot resolve deleted item ${client}:${c}` };
          roots.add(root);
          c = inUpdate.id.clock + inUpdate.length;
          continue;
        }
        let struct: Y.Item | Y.GC;
        try {
          struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
        } catch {
          return { ok: false, detail: `deletes unknown item ${client}:${c}` };
        }
        if (struct instanceof Y.Item && !struct.deleted) {
          const root = rootOfDocItem(doc, id);
          if (root === null) return { ok: false, detail: `cannot resolve deleted item ${client}:${c}` };
          roots.add(root);
        }
        c = struct.id.clock + struct.length;
      }
    }
  }
  return { ok: true, roots };
}
