/**
 * The one place that decides whether an incoming document change may be applied. Every
 * SyncStep2 and Update passes through `checkUpdate` before it touches the server's document,
 * inside the document's queue, so the check and the apply see the same state.
 *
 * Who writes which root (CONTRACT.md): meta and the sections by participants and facilitators
 * (participants not while the section is locked), moderation by facilitators, nearMisses by the
 * server only, nothing by viewers, nothing by anyone once published. Fails closed.
 */
import * as Y from 'yjs';
import type { Role } from '../../shared/api/types.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import { LOCK_OF_ROOT } from '../../shared/schema/locks.ts';
import { rootsTouched } from './update-roots.ts';
import { scanUpdate, type ScannedUpdate } from './update-scan.ts';

export type RefusalReason = 'read-only-role' | 'published' | 'locked' | 'facilitator-only' | 'server-only' | 'unknown-root' | 'unresolved';

export type UpdateVerdict =
  | { readonly ok: true; readonly empty: boolean }
  | { readonly ok: false; readonly reason: 'malformed'; readonly detail: string }
  | { readonly ok: false; readonly reason: RefusalReason; readonly detail: string };

export interface UpdateContext {
  role: Role;
  doc: Y.Doc;
}

/** True when `item` (of the server's document) is an entry of the moderation map under `status`. */
function isStatusEntry(doc: Y.Doc, id: Y.ID): boolean {
  try {
    if (!doc.store.clients.has(id.client) || id.clock >= Y.getState(doc.store, id.client)) return false;
    const item = Y.getItem(doc.store, id);
    return item instanceof Y.Item && item.parentSub === 'status' && item.parent === doc.getMap(ROOTS.moderation);
  } catch {
    return false;
  }
}

/**
 * True when an update sets moderation.status to 'published'. Publishing goes through the
 * server's publish gate (checks, override reason, publish record), never through a socket. A map
 * entry names its key only when it is the key's first value; an overwrite points at the value it
 * replaces (its origin), whose key the server's document knows.
 */
function setsPublished(scanned: ScannedUpdate, doc: Y.Doc): boolean {
  return scanned.structs.some((entry) => {
    if (!entry.saysPublished) return false;
    if (entry.parentSub) return entry.parentSub === 'status' && entry.parent === ROOTS.moderation;
    return entry.origin ? isStatusEntry(doc, entry.origin) : false;
  });
}

/** True when the document already holds every item and deletion of the update: applying it changes nothing. */
function alreadyHas(doc: Y.Doc, scanned: ScannedUpdate): boolean {
  for (const struct of scanned.structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  if (scanned.deletes.size === 0) return true;
  // Normalised (sorted, adjacent ranges merged), so one known range covers each range it deletes.
  const known = Y.mergeDeleteSets([Y.createDeleteSetFromStructStore(doc.store)]) as unknown as { clients: ScannedUpdate['deletes'] };
  for (const [client, ranges] of scanned.deletes) {
    const have = known.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      if (!have.some((r) => r.clock <= clock && clock + len <= r.clock + r.len)) return false;
    }
  }
  return true;
}

function isLocked(doc: Y.Doc, section: string): boolean {
  const locks = doc.getMap(ROOTS.moderation).get('locks');
  return locks instanceof Y.Map && locks.get(section) === true;
}

/** Decides on one incoming update. */
export function checkUpdate(update: Uint8Array, ctx: UpdateContext): UpdateVerdict {
  let decoded: ScannedUpdate;
  try {
    decoded = scanUpdate(update);
  } catch (err) {
    return { ok: false, reason: 'malformed', detail: (err as Error).message || 'undecodable update' };
  }
  // A reconnecting read-only client answers the server's sync step with an empty update: harmless.
  if (decoded.structs.length === 0 && decoded.deletes.size === 0) return { ok: true, empty: true };
  const published = ctx.doc.getMap(ROOTS.moderation).get('status') === 'published';
  // A client that answers the server's sync step after the server's later changes reached it sends
  // those changes back: everything in it the server has already, so it changes nothing.
  if ((ctx.role === 'viewer' || published) && alreadyHas(ctx.doc, decoded)) return { ok: true, empty: true };
  if (ctx.role === 'viewer') return { ok: false, reason: 'read-only-role', detail: 'viewers cannot change the document' };
  if (published) {
    return { ok: false, reason: 'published', detail: 'a published postmortem is read-only' };
  }
  const touched = rootsTouched(decoded, ctx.doc);
  if (!touched.ok) return { ok: false, reason: 'unresolved', detail: touched.detail };
  for (const root of touched.roots) {
    if (root === ROOTS.nearMisses) return { ok: false, reason: 'server-only', detail: 'near-miss notes are written by the server only' };
    if (root === ROOTS.moderation) {
      if (ctx.role !== 'facilitator') return { ok: false, reason: 'facilitator-only', detail: 'only the facilitator moderates' };
      if (setsPublished(decoded, ctx.doc)) return { ok: false, reason: 'server-only', detail: 'publishing goes through the publish gate, not the document' };
      continue;
    }
    const section = LOCK_OF_ROOT[root];
    if (!section) return { ok: false, reason: 'unknown-root', detail: `"${root}" is not part of a postmortem` };
    if (ctx.role === 'participant' && isLocked(ctx.doc, section)) {
      return { ok: false, reason: 'locked', detail: `the facilitator has locked ${section === 'header' ? 'the header' : `"${section}"`}` };
    }
  }
  // Whatever rootsTouched found nothing new in (items the server has) changes nothing.
  return { ok: true, empty: touched.roots.size === 0 && decoded.deletes.size === 0 };
}
