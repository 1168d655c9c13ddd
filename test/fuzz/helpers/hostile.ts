/**
 * Valid but hostile Yjs updates, made the way a modified client would: real edits on the
 * attacker's copy of the document (so they can reference and delete others' content), under a
 * chosen client id, captured as the update Yjs emits. `expectedVerdict` says, from the contract's
 * "written by" table alone, whether the server must accept or refuse each one.
 */
import * as Y from 'yjs';
import type { Role } from '../../../shared/api/types.ts';
import { LOCK_OF_ROOT } from '../../../shared/schema/locks.ts';
import { LIST_ROOTS, RICH_TEXT_ROOTS, ROOTS } from '../../../shared/schema/roots.ts';
import { rootNameOf } from './doc-watch.ts';

export type HostileOp =
  | { kind: 'meta-set'; key: string; value: string }
  | { kind: 'moderation-set'; what: 'status' | 'lock' | 'sectionStatus'; value: string }
  | { kind: 'text-insert'; root: number; at: number; text: string }
  | { kind: 'text-delete'; root: number; at: number; len: number }
  | { kind: 'list-push'; root: number; text: string }
  | { kind: 'list-delete'; root: number; at: number }
  | { kind: 'row-edit'; root: number; at: number; key: string; value: string }
  | { kind: 'unknown-root'; name: string; value: string }
  /** A root used with another type than the schema's (a list item in a fragment, a map key in a list...). */
  | { kind: 'wrong-type'; root: number; as: 'array' | 'map' | 'text'; value: string };

/** Every root name a hostile op may aim at, the forbidden ones included. */
export const ALL_ROOTS: readonly string[] = Object.values(ROOTS);

export interface Crafted {
  update: Uint8Array;
  /** Roots the edit changed on the attacker's copy. */
  roots: Set<string>;
  /** It sets moderation.status to 'published', which only the publish gate may do. */
  publishes?: boolean;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

function applyOp(doc: Y.Doc, op: HostileOp): void {
  switch (op.kind) {
    case 'meta-set':
      doc.getMap(ROOTS.meta).set(op.key, op.value);
      return;
    case 'moderation-set': {
      const moderation = doc.getMap(ROOTS.moderation);
      if (op.what === 'status') moderation.set('status', op.value);
      else {
        const key = op.what === 'lock' ? 'locks' : 'sectionStatus';
        let map = moderation.get(key);
        if (!(map instanceof Y.Map)) {
          map = new Y.Map();
          moderation.set(key, map);
        }
        (map as Y.Map<unknown>).set(pick(RICH_TEXT_ROOTS, op.value.length), op.what === 'lock' ? true : op.value);
      }
      return;
    }
    case 'text-insert': {
      const fragment = doc.getXmlFragment(pick(RICH_TEXT_ROOTS, op.root));
      const first = fragment.get(0);
      const inner = first instanceof Y.XmlElement ? first.get(0) : null;
      if (inner instanceof Y.XmlText && op.at % 2 === 0) inner.insert(op.at % (inner.length + 1), op.text);
      else {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(op.text)]);
        fragment.insert(op.at % (fragment.length + 1), [p]);
      }
      return;
    }
    case 'text-delete': {
      const fragment = doc.getXmlFragment(pick(RICH_TEXT_ROOTS, op.root));
      if (fragment.length === 0) return;
      const at = op.at % fragment.length;
      fragment.delete(at, Math.min(fragment.length - at, 1 + (op.len % 3)));
      return;
    }
    case 'list-push': {
      const row = new Y.Map<unknown>();
      row.set('id', `fz${op.text.length}`);
      row.set('text', op.text);
      doc.getArray(pick(LIST_ROOTS, op.root)).push([row]);
      return;
    }
    case 'list-delete': {
      const list = doc.getArray(pick(LIST_ROOTS, op.root));
      if (list.length > 0) list.delete(op.at % list.length, 1);
      return;
    }
    case 'row-edit': {
      const list = doc.getArray(pick(LIST_ROOTS, op.root));
      if (list.length === 0) return;
      const row = list.get(op.at % list.length);
      if (row instanceof Y.Map) row.set(op.key, op.value);
      return;
    }
    case 'unknown-root':
      doc.getMap(`x${op.name}`).set('k', op.value);
      return;
    case 'wrong-type':
      throw new Error('wrong-type ops are made on a scratch document');
  }
}

/**
 * The attacker's copy of a room's document, rebuilt from the room after each crafted edit so
 * that the next edit references only what the room has.
 */
export class AttackerFork {
  doc = new Y.Doc();
  private tainted = true;
  /** The room's encoded state, reused while the room does not change (most crafted edits are refused). */
  private cached: { version: number; state: Uint8Array } | null = null;

  /** Brings the copy up to the room's state; `version` changes whenever the room's document does. */
  follow(room: Y.Doc, version: number): void {
    if (!this.tainted && this.cached?.version === version) return;
    if (this.cached?.version !== version) this.cached = { version, state: Y.encodeStateAsUpdate(room) };
    this.doc.destroy();
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, this.cached.state);
    this.tainted = false;
  }

  /** Makes `op` as client `clientId`; the copy now holds it (until the room's answer is known). */
  craft(op: HostileOp, clientId: number): Crafted {
    this.tainted = true;
    if (op.kind === 'wrong-type') return craftWrongType(op, clientId);
    const crafted = capture(this.doc, clientId, () => applyOp(this.doc, op));
    return { ...crafted, publishes: op.kind === 'moderation-set' && op.what === 'status' && op.value === 'published' };
  }

  destroy(): void {
    this.doc.destroy();
  }
}

function capture(doc: Y.Doc, clientId: number, edit: () => void): Crafted {
  const roots = new Set<string>();
  const updates: Uint8Array[] = [];
  const onTr = (tr: Y.Transaction) => {
    for (const type of tr.changed.keys()) roots.add(rootNameOf(type as Y.AbstractType<unknown>));
  };
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on('afterTransaction', onTr);
  doc.on('update', onUpdate);
  const own = doc.clientID;
  doc.clientID = clientId;
  try {
    doc.transact(edit);
  } finally {
    doc.clientID = own;
    doc.off('afterTransaction', onTr);
    doc.off('update', onUpdate);
  }
  return { update: updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates.length ? updates : [new Uint8Array([0, 0])]), roots };
}

/** An item parented directly at a root name, typed unlike the schema: Yjs integrates it anyway. */
function craftWrongType(op: Extract<HostileOp, { kind: 'wrong-type' }>, clientId: number): Crafted {
  const scratch = new Y.Doc();
  const root = pick(ALL_ROOTS, op.root);
  const crafted = capture(scratch, clientId, () => {
    if (op.as === 'array') scratch.getArray(root).insert(0, [op.value, { nested: op.value }]);
    else if (op.as === 'map') scratch.getMap(root).set('__proto__', op.value);
    else scratch.getText(root).insert(0, op.value);
  });
  scratch.destroy();
  return crafted;
}

export interface DocState {
  published: boolean;
  locked: (root: string) => boolean;
}

export function docState(doc: Y.Doc): DocState {
  const moderation = doc.getMap(ROOTS.moderation);
  const locks = moderation.get('locks');
  return {
    published: moderation.get('status') === 'published',
    locked: (root) => {
      const key = LOCK_OF_ROOT[root];
      return key !== undefined && locks instanceof Y.Map && locks.get(key) === true;
    },
  };
}

/** Whether the sender may write every root in `roots` (CONTRACT.md "written by", locks and publishing). */
export function mayWrite(role: Role, roots: Iterable<string>, state: DocState): boolean {
  for (const root of roots) {
    if (role === 'viewer' || state.published) return false;
    if (root === ROOTS.nearMisses) return false;
    if (root === ROOTS.moderation) {
      if (role !== 'facilitator') return false;
      continue;
    }
    if (!(root in LOCK_OF_ROOT)) return false;
    if (role === 'participant' && state.locked(root)) return false;
  }
  return true;
}

/** 'accept' or 'refuse' for an update that changed `roots` on the attacker's copy (or, when empty, changed nothing). */
export function expectedVerdict(role: Role, crafted: Crafted, state: DocState, room: Y.Doc): 'accept' | 'refuse' | 'unsure' {
  const decoded = Y.decodeUpdate(crafted.update);
  const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
  if (empty) return 'accept';
  // Items the room already has under these ids (same id, other content) are skipped: a no-op.
  const novel = decoded.ds.clients.size > 0 || decoded.structs.some((s) => s.id.clock + s.length > Y.getState(room.store, s.id.client));
  // A viewer (or anyone once published) may send back what the room has (a sync answer crossing edits).
  if (role === 'viewer' || state.published) return novel ? 'refuse' : 'unsure';
  if (!novel) return 'accept';
  // A forged id whose clocks straddle what the room has: other content under the same ids,
  // which Yjs may refuse to integrate (4400) or splice. Only the generic invariants judge it.
  const straddles = decoded.structs.some((s) => {
    const have = Y.getState(room.store, s.id.client);
    return s.id.clock < have && s.id.clock + s.length > have;
  });
  if (straddles) return 'unsure';
  if (crafted.publishes && crafted.roots.has(ROOTS.moderation)) return 'refuse';
  return mayWrite(role, crafted.roots, state) ? 'accept' : 'refuse';
}
