/**
 * A connection may publish awareness (presence, carets) only for its own client id.
 *
 * Standard y-websocket clients echo every awareness change they receive, other clients'
 * included, so foreign entries are not an attack by themselves: they are dropped, and only the
 * entry for the connection's own id is applied. The own id is bound by the first entry with a
 * state for an id no other connection of the room has ever used.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: string;
}

export type AwarenessVerdict =
  | { readonly ok: true; readonly clientId: number | undefined; readonly update: Uint8Array | null; readonly dropped: number }
  | { readonly ok: false; readonly detail: string };

/** Entries of an awareness update; throws on a malformed one. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 10_000) throw new Error('too many awareness entries');
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    JSON.parse(state); // the Awareness class parses it too: refuse what it would throw on
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return entries;
}

function encodeEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, e.state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Keeps only the entry for the connection's own id. `boundId` is the id bound so far;
 * `usedByOthers` tells whether another connection of the room has ever published for an id.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  boundId: number | undefined,
  usedByOthers: (clientId: number) => boolean,
): AwarenessVerdict {
  let entries: AwarenessEntry[];
  try {
    entries = decodeAwarenessUpdate(update);
  } catch (err) {
    return { ok: false, detail: `malformed awareness update: ${(err as Error).message}` };
  }
  let own = boundId;
  const kept: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (own === undefined && entry.state !== 'null' && !usedByOthers(entry.clientId)) own = entry.clientId;
    if (entry.clientId === own) kept.push(entry);
  }
  const dropped = entries.length - kept.length;
  if (kept.length === entries.length) return { ok: true, clientId: own, update, dropped };
  return { ok: true, clientId: own, update: kept.length > 0 ? encodeEntries(kept) : null, dropped };
}
