/**
 * In-process peers for driving the server's real message handler without a socket: they
 * implement the same Peer interface the socket peer does. A `MirrorPeer` keeps a Y.Doc and an
 * Awareness fed by what the server sends it, like a well-behaved client's.
 */
import * as decoding from 'lib0/decoding';
import { randomBytes } from 'node:crypto';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Role } from '../../../shared/api/types.ts';
import { CloseCode } from '../../../shared/protocol/close-codes.ts';
import { MessageType, SyncMessageType } from '../../../shared/protocol/messages.ts';
import type { Peer } from '../../../server/collab/peer.ts';

export class FakePeer implements Peer {
  readonly id = randomBytes(4).toString('hex');
  awarenessClientId: number | undefined = undefined;
  rejected = false;
  closeCode: number | undefined = undefined;
  closeReason = '';
  received = 0;

  constructor(readonly role: Role) {}

  get closed(): boolean {
    return this.closeCode !== undefined;
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    this.received += 1;
    this.onMessage(message);
  }

  close(code: number, reason: string): void {
    if (code !== CloseCode.goingAway) this.rejected = true;
    if (this.closeCode !== undefined) return;
    this.closeCode = code;
    this.closeReason = reason;
  }

  protected onMessage(_message: Uint8Array): void {}
}

/** A well-behaved client: applies every update and presence the server sends it. */
export class MirrorPeer extends FakePeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Frames this peer produced, in order: valid traffic for the mutation corpus. */
  readonly sent: Uint8Array[] = [];
  private pending: Uint8Array[] = [];

  constructor(role: Role) {
    super(role);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeUpdate(e, update);
      this.pending.push(encoding.toUint8Array(e));
    });
  }

  /** Frames for the server made by local edits since the last call. */
  takeOutgoing(): Uint8Array[] {
    const out = this.pending;
    this.pending = [];
    this.sent.push(...out);
    return out;
  }

  protected override onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const sub = decoding.readVarUint(decoder);
      // The server's own SyncStep1 needs no answer here: this peer's edits all go out as updates.
      if (sub === SyncMessageType.step1) return;
      Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), this);
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
