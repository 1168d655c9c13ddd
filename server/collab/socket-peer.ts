/** A Peer over a `ws` WebSocket, with the liveness flag the keepalive sweep uses. */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import type { Role } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import type { Peer } from './peer.ts';

/** A peer whose unsent data passes this is too slow to keep up and is dropped (it resyncs on reconnect). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export class SocketPeer implements Peer {
  readonly id = randomBytes(4).toString('hex');
  awarenessClientId: number | undefined = undefined;
  /** Cleared by each keepalive sweep, set again by the pong. */
  alive = true;
  rejected = false;
  private isClosed = false;

  constructor(
    readonly ws: WebSocket,
    readonly role: Role,
  ) {
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', () => {
      this.isClosed = true;
    });
  }

  get closed(): boolean {
    return this.isClosed || this.ws.readyState !== WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.ws.terminate();
      return;
    }
    // No per-send callback: a broadcast sends to every peer, and a closure plus its stream
    // bookkeeping per send was measurable. A failed write destroys the socket, which closes it.
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (code !== CloseCode.goingAway) this.rejected = true;
    if (this.isClosed) return;
    this.isClosed = true;
    // Close reasons are limited to 123 bytes by the protocol.
    this.ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
  }
}
