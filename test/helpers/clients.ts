/** Real y-websocket clients in Node (ws polyfill, no BroadcastChannel), and raw sockets for crafted frames. */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './wait.ts';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this client's socket has seen. */
  closeCodes: number[];
  destroy(): void;
}

export async function connectClient(
  wsUrl: string,
  id: string,
  token: string,
  { waitSynced = true, name = 'test' }: { waitSynced?: boolean; name?: string } = {},
): Promise<TestClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, id, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name, color: '#3366cc' });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const client = {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  if (waitSynced) await waitFor(() => provider.synced, { message: 'client sync' });
  return client;
}

export interface RawSocket {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(data: Uint8Array): void;
}

/** A bare socket for crafted messages; resolves once open (or closed straight away). */
export async function openRawSocket(wsUrl: string, id: string, token: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/${encodeURIComponent(id)}?token=${encodeURIComponent(token)}`);
  ws.binaryType = 'nodebuffer';
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, closed, send: (data) => ws.send(data) };
}
