/**
 * The one place that decides whether an incoming document change may be applied. Every
 * SyncStep2 and Update passes through `checkUpdate` before it touches the server's document.
 * Per-section rules (locks, moderation, near-misses) plug in here.
 */
import * as Y from 'yjs';
import type { Role } from '../../shared/api/types.ts';
import { ROOTS } from '../../shared/schema/roots.ts';

export type UpdateVerdict =
  | { readonly ok: true; readonly empty: boolean }
  | { readonly ok: false; readonly reason: 'malformed' | 'read-only-role' | 'published'; readonly detail: string };

export interface UpdateContext {
  role: Role;
  doc: Y.Doc;
}

/** Decides on one incoming update. Fails closed: what cannot be decoded is refused. */
export function checkUpdate(update: Uint8Array, ctx: UpdateContext): UpdateVerdict {
  let decoded: { structs: unknown[]; ds: { clients: Map<number, unknown[]> } };
  try {
    decoded = Y.decodeUpdate(update) as unknown as typeof decoded;
  } catch (err) {
    return { ok: false, reason: 'malformed', detail: (err as Error).message || 'undecodable update' };
  }
  const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
  // A reconnecting read-only client answers the server's sync step with an empty update: harmless.
  if (empty) return { ok: true, empty };
  if (ctx.role === 'viewer') return { ok: false, reason: 'read-only-role', detail: 'viewers cannot change the document' };
  if (ctx.doc.getMap(ROOTS.moderation).get('status') === 'published') {
    return { ok: false, reason: 'published', detail: 'a published postmortem is read-only' };
  }
  return { ok: true, empty };
}
