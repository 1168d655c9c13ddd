/**
 * Reads one y-websocket frame from a peer and acts on it. Anything that does not decode closes
 * that peer with 4400; a change its role may not make closes it with 4403. Neither touches the
 * document or any other peer.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.ts';
import type { Logger } from '../logger.ts';
import { filterAwarenessUpdate } from './awareness-guard.ts';
import { awarenessMessage, syncStep2Message } from './encoding.ts';
import type { Peer } from './peer.ts';
import { checkUpdate } from './permissions.ts';
import type { Room } from './room.ts';

class MalformedMessage extends Error {}

function readPayload(decoder: decoding.Decoder): Uint8Array {
  let payload: Uint8Array;
  try {
    payload = decoding.readVarUint8Array(decoder);
  } catch {
    throw new MalformedMessage('truncated payload');
  }
  if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
  return payload;
}

function readVarUint(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new MalformedMessage('truncated varint');
  }
}

/**
 * Handles one frame; runs inside the room's queue. Synchronous unless the store appends
 * asynchronously (then the returned promise settles when the change is stored and sent).
 */
export function handleMessage(room: Room, peer: Peer, data: Uint8Array, logger: Logger): void | Promise<void> {
  // Not `peer.closed`: what a client sent just before disconnecting must still be applied.
  if (peer.rejected) return;
  // No closures on this path: tsx names every named function it creates (a defineProperty each).
  try {
    const pending = dispatch(room, peer, data, logger);
    if (pending) return pending.catch((err: unknown) => refuse(err, room, peer, logger));
  } catch (err) {
    refuse(err, room, peer, logger);
  }
}

/** Closes the peer for a malformed message; anything else is the server's own failure. */
function refuse(err: unknown, room: Room, peer: Peer, logger: Logger): void {
  if (!(err instanceof MalformedMessage)) throw err;
  logger.warn('malformed collaboration message; connection closed', { doc: room.id, peer: peer.id, why: err.message });
  peer.close(CloseCode.malformedMessage, 'malformed message');
}

function notApplied(err: unknown): MalformedMessage {
  return new MalformedMessage(`update could not be applied: ${(err as Error).message}`);
}

function dispatch(room: Room, peer: Peer, data: Uint8Array, logger: Logger): void | Promise<void> {
  const decoder = decoding.createDecoder(data);
  const type = readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const sub = readVarUint(decoder);
      const payload = readPayload(decoder);
      if (sub === SyncMessageType.step1) {
        let reply: Uint8Array;
        try {
          reply = syncStep2Message(room.doc, payload);
        } catch {
          throw new MalformedMessage('bad state vector');
        }
        peer.send(reply);
        return;
      }
      if (sub !== SyncMessageType.step2 && sub !== SyncMessageType.update) throw new MalformedMessage('unknown sync message');
      const verdict = checkUpdate(payload, { role: peer.role, doc: room.doc });
      if (!verdict.ok) {
        if (verdict.reason === 'malformed') throw new MalformedMessage(verdict.detail);
        logger.warn('update refused', { doc: room.id, peer: peer.id, role: peer.role, why: verdict.reason });
        peer.close(CloseCode.writeRefused, verdict.detail);
        return;
      }
      if (verdict.empty) return;
      let applying: void | Promise<void>;
      try {
        applying = room.applyClientUpdate(payload, peer);
      } catch (err) {
        throw notApplied(err);
      }
      if (applying) {
        return applying.catch((err: unknown) => {
          throw notApplied(err);
        });
      }
      return;
    }
    case MessageType.awareness: {
      const payload = readPayload(decoder);
      const verdict = filterAwarenessUpdate(payload, peer.awarenessClientId, (id) => room.clientIdUsedByOther(id, peer));
      if (!verdict.ok) throw new MalformedMessage(verdict.detail);
      if (verdict.clientId !== undefined && peer.awarenessClientId === undefined) room.bindClientId(peer, verdict.clientId);
      if (verdict.update) awarenessProtocol.applyAwarenessUpdate(room.awareness, verdict.update, peer);
      return;
    }
    case MessageType.queryAwareness: {
      if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
      peer.send(awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]));
      return;
    }
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}
