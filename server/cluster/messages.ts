/**
 * What processes send each other on a document's channel: an update with the revision the
 * database gave it, or a presence change. Each names its sender, so a process skips its own.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const KIND_UPDATE = 0;
const KIND_PRESENCE = 1;
const KIND_PRESENCE_QUERY = 2;

export type ClusterMessage =
  | { kind: 'update'; sender: string; revision: number; payload: Uint8Array }
  | { kind: 'presence'; sender: string; payload: Uint8Array }
  /** A process has just loaded the document: the others answer with their peers' presence. */
  | { kind: 'presence-query'; sender: string };

export function encodeMessage(message: ClusterMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, message.kind === 'update' ? KIND_UPDATE : message.kind === 'presence' ? KIND_PRESENCE : KIND_PRESENCE_QUERY);
  encoding.writeVarString(e, message.sender);
  if (message.kind === 'update') encoding.writeVarUint(e, message.revision);
  if (message.kind !== 'presence-query') encoding.writeVarUint8Array(e, message.payload);
  return encoding.toUint8Array(e);
}

/** Throws on anything that is not a message of ours. */
export function decodeMessage(bytes: Uint8Array): ClusterMessage {
  const d = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(d);
  const sender = decoding.readVarString(d);
  let message: ClusterMessage;
  if (kind === KIND_UPDATE) {
    const revision = decoding.readVarUint(d);
    message = { kind: 'update', sender, revision, payload: decoding.readVarUint8Array(d) };
  } else if (kind === KIND_PRESENCE) {
    message = { kind: 'presence', sender, payload: decoding.readVarUint8Array(d) };
  } else if (kind === KIND_PRESENCE_QUERY) {
    message = { kind: 'presence-query', sender };
  } else {
    throw new Error(`unknown cluster message kind ${kind}`);
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes');
  return message;
}
