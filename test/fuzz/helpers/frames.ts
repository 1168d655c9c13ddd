/** y-websocket frames built with the same y-protocols encoders a real client uses, and byte-level mutations. */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages.ts';

export function bytes(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const e = encoding.createEncoder();
  for (const p of parts) p(e);
  return encoding.toUint8Array(e);
}

const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const payload = (p: Uint8Array) => (e: encoding.Encoder) => encoding.writeVarUint8Array(e, p);

export const syncFrame = (sub: number, p: Uint8Array) => bytes(uint(MessageType.sync), uint(sub), payload(p));
export const updateFrame = (update: Uint8Array) => syncFrame(SyncMessageType.update, update);
export const step2Frame = (update: Uint8Array) => syncFrame(SyncMessageType.step2, update);
export const step1Frame = (doc: Y.Doc) => bytes(uint(MessageType.sync), (e) => syncProtocol.writeSyncStep1(e, doc));
export const awarenessFrame = (update: Uint8Array) => bytes(uint(MessageType.awareness), payload(update));
export const queryAwarenessFrame = () => bytes(uint(MessageType.queryAwareness));

/** A varuint whose continuation bit promises bytes that never come. */
export function truncatedVarint(prefix: Uint8Array, value: number): Uint8Array {
  const full = bytes(uint(value));
  const cut = full.length > 1 ? full.subarray(0, full.length - 1) : Uint8Array.of(0x80 | full[0]!);
  return concat(prefix, cut);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Mutations of a recorded valid frame, as a fuzzer of byte streams would make them. */
export type Mutation =
  | { kind: 'bitflip'; at: number; bit: number }
  | { kind: 'byte'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: number; from: number }
  | { kind: 'insert'; at: number; data: Uint8Array }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number };

/** Applies `m` to `frame`; positions are taken modulo the frame's length so any generated number fits. */
export function mutate(frame: Uint8Array, m: Mutation, corpus: readonly Uint8Array[]): Uint8Array {
  const n = frame.length;
  if (n === 0) return frame;
  const at = m.at % n;
  switch (m.kind) {
    case 'bitflip': {
      const out = frame.slice();
      out[at] = out[at]! ^ (1 << m.bit);
      return out;
    }
    case 'byte': {
      const out = frame.slice();
      out[at] = m.value;
      return out;
    }
    case 'truncate':
      return frame.slice(0, at);
    case 'splice': {
      const other = corpus[m.other % corpus.length]!;
      return concat(frame.subarray(0, at), other.subarray(other.length === 0 ? 0 : m.from % other.length));
    }
    case 'insert':
      return concat(frame.subarray(0, at), m.data, frame.subarray(at));
    case 'delete':
      return concat(frame.subarray(0, at), frame.subarray(Math.min(n, at + m.len)));
    case 'duplicate':
      return concat(frame.subarray(0, at + Math.min(m.len, n - at)), frame.subarray(at));
  }
}
