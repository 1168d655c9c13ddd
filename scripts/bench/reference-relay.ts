/**
 * The reference for the latency benchmark: a minimal y-websocket relay on plain http + ws.
 * One Y.Doc per room (seeded like a new postmortem, so both servers serve the same document),
 * sync step 1/2, update broadcast, awareness relay. No auth, no checks, no persistence.
 * Run as its own process: `node --import tsx scripts/bench/reference-relay.ts` (PORT=0 picks a
 * port); it prints `listening http://127.0.0.1:<port>` and exits when its stdin closes.
 * With REFERENCE_UPDATES_FILE (records of [u32 length][update]), a room is instead loaded from that
 * file when first opened, every update applied in one transaction, as y-leveldb's getYDoc does:
 * the reference for the cold-open benchmark.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { seedPostmortem } from '../../shared/schema/document.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  /** Each connection and the awareness client ids it published. */
  conns: Map<WebSocket, Set<number>>;
}

const rooms = new Map<string, Room>();

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function broadcast(room: Room, message: Uint8Array, except: unknown): void {
  for (const conn of room.conns.keys()) if (conn !== except && conn.readyState === conn.OPEN) conn.send(message);
}

/** Applies every stored update of REFERENCE_UPDATES_FILE to `doc`, read from disk now. */
function loadStored(doc: Y.Doc, file: string): void {
  const data = fs.readFileSync(file);
  doc.transact(() => {
    for (let offset = 0; offset < data.length; ) {
      const length = data.readUInt32LE(offset);
      Y.applyUpdate(doc, data.subarray(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
  });
}

function getRoom(name: string): Room {
  const existing = rooms.get(name);
  if (existing) return existing;
  const doc = new Y.Doc();
  const stored = process.env.REFERENCE_UPDATES_FILE;
  if (stored) loadStored(doc, stored);
  else seedPostmortem(doc, { title: 'Benchmark', severity: 'SEV2' });
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const room: Room = { doc, awareness, conns: new Map() };
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    broadcast(
      room,
      frame((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeUpdate(e, update);
      }),
      origin,
    );
  });
  awareness.on(
    'update',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const ids = room.conns.get(origin as WebSocket);
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const changed = [...added, ...updated, ...removed];
      broadcast(
        room,
        frame((e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
        }),
        origin,
      );
    },
  );
  rooms.set(name, room);
  return room;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function onMessage(room: Room, conn: WebSocket, data: Uint8Array): void {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, encoder, room.doc, conn);
    if (encoding.length(encoder) > 1) conn.send(encoding.toUint8Array(encoder));
  } else if (type === MESSAGE_AWARENESS) {
    awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), conn);
  } else if (type === MESSAGE_QUERY_AWARENESS) {
    const all = [...room.awareness.getStates().keys()];
    conn.send(
      frame((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, all));
      }),
    );
  }
}

function onConnection(conn: WebSocket, roomName: string): void {
  const room = getRoom(roomName);
  room.conns.set(conn, new Set());
  conn.on('message', (data) => {
    try {
      onMessage(room, conn, toBytes(data));
    } catch {
      conn.close(4400, 'malformed message');
    }
  });
  conn.on('close', () => {
    const ids = room.conns.get(conn);
    room.conns.delete(conn);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
  });
  conn.send(
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, room.doc);
    }),
  );
  const states = [...room.awareness.getStates().keys()];
  if (states.length > 0) {
    conn.send(
      frame((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(room.awareness, states));
      }),
    );
  }
}

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const server = http.createServer((_req, res) => {
  res.writeHead(404).end();
});
server.on('upgrade', (req, socket, head) => {
  // Same URL shape as ours (/collab/<room>?token=...); the parameters are ignored.
  const url = new URL(req.url ?? '/', 'http://localhost');
  const roomName = decodeURIComponent(url.pathname.replace(/^\/collab\//, ''));
  wss.handleUpgrade(req, socket, head, (conn) => onConnection(conn, roomName));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening http://127.0.0.1:${port}`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent holds our stdin: when it goes away, so do we.
process.stdin.on('end', stop);
process.stdin.resume();
