/**
 * The collaboration socket at /collab/<id>?token=...: checks the id and the token before the
 * upgrade completes, loads the document, then wires the socket into its room.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Role } from '../../shared/api/types.ts';
import { POSTMORTEM_ID } from '../../shared/api/types.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { COLLAB_PATH } from '../../shared/protocol/messages.ts';
import type { FailureLimiter } from '../http/failure-limiter.ts';
import type { Logger } from '../logger.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { accessRole, type OrgTokenMatcher } from '../tokens.ts';
import { handleMessage } from './message-handler.ts';
import type { RoomManager } from './rooms.ts';
import type { Room } from './room.ts';
import { SocketPeer } from './socket-peer.ts';

export interface CollabServerDeps {
  store: PostmortemStore;
  rooms: RoomManager;
  logger: Logger;
  maxMessageBytes: number;
  pingIntervalMs: number;
  /** Browser origins allowed besides the server's own; empty means same origin only. */
  allowedOrigins: readonly string[];
  authFailures: FailureLimiter;
  /** The organisation token connects to any postmortem as a viewer. */
  isOrgToken?: OrgTokenMatcher;
}

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Number of open collaboration sockets. */
  readonly connections: number;
  close(): Promise<void>;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function rejectHttp(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createCollabServer(deps: CollabServerDeps): CollabServer {
  const { store, rooms, logger } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes, perMessageDeflate: false });
  const peers = new Set<SocketPeer>();

  // One sweep for all sockets rather than a timer per socket.
  const keepalive = setInterval(() => {
    for (const peer of peers) {
      if (!peer.alive) {
        peer.ws.terminate();
        continue;
      }
      peer.alive = false;
      peer.ws.ping();
    }
  }, deps.pingIntervalMs);
  keepalive.unref();

  /** Completes the upgrade only to say why the connection cannot stay (browsers read close codes only). */
  function refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  }

  function attach(ws: WebSocket, room: Room, role: Role): void {
    const peer = new SocketPeer(ws, role);
    peers.add(peer);
    room.addPeer(peer);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        // In the document's queue like every frame: what the peer sent before it is still applied.
        room.submit(() => peer.close(CloseCode.malformedMessage, 'text frames are not part of the protocol'));
        return;
      }
      const bytes = toBytes(data);
      room.submit(() => handleMessage(room, peer, bytes, logger));
    });
    ws.on('error', (err) => logger.debug('socket error', { doc: room.id, peer: peer.id, error: err }));
    ws.on('close', (code) => {
      peers.delete(peer);
      logger.debug('peer left', { doc: room.id, peer: peer.id, code });
      void room.enqueue(() => room.removePeer(peer)).finally(() => rooms.release(room.id, room));
    });
    logger.debug('peer joined', { doc: room.id, peer: peer.id, role });
  }

  /** Browsers always send Origin: it must be ours or a configured one. Other clients send none. */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (!origin) return true;
    if (deps.allowedOrigins.includes(origin.replace(/\/$/, ''))) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = url.pathname.startsWith(`${COLLAB_PATH}/`) ? url.pathname.slice(COLLAB_PATH.length + 1) : null;
    if (match === null) return rejectHttp(socket, '404 Not Found');
    const address = deps.authFailures.addressOf(req);
    // Checked after the token: an address that keeps failing waits for its failures only.
    const failed = (code: number, reason: string) =>
      deps.authFailures.failed(address)
        ? refuse(req, socket, head, CloseCode.rateLimited, 'too many failed attempts')
        : refuse(req, socket, head, code, reason);
    if (!originAllowed(req)) {
      logger.warn('socket refused: origin not allowed', { origin: String(req.headers.origin).slice(0, 200) });
      return failed(CloseCode.writeRefused, 'origin not allowed');
    }
    let id: string;
    try {
      id = decodeURIComponent(match);
    } catch {
      return refuse(req, socket, head, CloseCode.unknownDocument, 'unknown postmortem');
    }
    let record;
    try {
      record = POSTMORTEM_ID.test(id) ? await store.getRecord(id) : null;
    } catch (err) {
      logger.error('could not read postmortem record', { doc: id, error: err as Error });
      return refuse(req, socket, head, CloseCode.unavailable, 'store unavailable');
    }
    if (!record) return failed(CloseCode.unknownDocument, 'unknown postmortem');
    const role = accessRole(url.searchParams.get('token'), record.tokenHashes, deps.isOrgToken);
    if (!role) return failed(CloseCode.badToken, 'invalid token');

    let room: Room;
    try {
      room = await rooms.acquire(id);
    } catch (err) {
      logger.error('could not load document', { doc: id, error: err as Error });
      return refuse(req, socket, head, CloseCode.unavailable, 'document could not be loaded');
    }
    if (socket.destroyed) {
      rooms.release(id, room);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, room, role));
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      upgrade(req, socket, head).catch((err: unknown) => {
        logger.error('upgrade failed', { error: err as Error });
        socket.destroy();
      });
    },
    get connections() {
      return peers.size;
    },
    async close() {
      clearInterval(keepalive);
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
      for (const peer of peers) peer.ws.terminate();
      wss.close();
    },
  };
}
