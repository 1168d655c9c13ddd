/**
 * Soak client process: y-websocket clients on a few documents, typing into the summary's first
 * paragraph as TipTap users do (keystrokes of 1-3 characters at a caret that moves forward, now
 * and then a click elsewhere, a deleted stretch once the paragraph is long, the caret published in
 * presence after each edit). Each document's clients type in bursts with pauses (so the server's
 * checks run), and one client of each document is replaced now and then (join/leave churn).
 * Run by scripts/soak/index.ts with an IPC channel; driven by SoakCommand messages.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ROOTS } from '../../shared/schema/roots.ts';
import { ensureSummaryText, prng, summaryText } from '../bench/typing.ts';
import type { SoakClientConfig, SoakClientMessage, SoakClientResult, SoakCommand, SoakDocument } from './protocol.ts';

const LETTERS = 'etaoin shrdlu cmfwyp vbgkqjxz';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function send(message: SoakClientMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()));
}

const config = JSON.parse(process.argv[2] ?? '{}') as SoakClientConfig;
const random = prng(config.seed);

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: boolean;
  leaving: boolean;
  caret: number;
  timer: NodeJS.Timeout | null;
  joinedAt: number;
}

interface DocumentGroup {
  document: SoakDocument;
  clients: Client[];
  typing: boolean;
}

const totals = { editsSent: 0, deletions: 0, joins: 0, leaves: 0, unexpectedDisconnects: 0 };
/** Close codes of the sockets that closed without the client asking, by code. */
const closeCodes: Record<string, number> = {};
/** From creating each mid-run client's provider to its first sync, ms. */
const joinToSync: number[] = [];
let running = false;

function connect(group: DocumentGroup, index: number): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(config.wsUrl, group.document.room, doc, {
    params: { token: group.document.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField('user', { name: `soak ${index}`, color: '#3366cc' });
  const client: Client = { doc, provider, synced: false, leaving: false, caret: 0, timer: null, joinedAt: performance.now() };
  provider.on('sync', (synced: boolean) => {
    if (synced && !client.synced && running) joinToSync.push(performance.now() - client.joinedAt);
    if (synced) client.synced = true;
  });
  provider.on('connection-close', (event: { code: number } | null) => {
    if (client.leaving) return;
    if (client.synced) totals.unexpectedDisconnects += 1;
    const code = String(event?.code ?? 'none');
    closeCodes[code] = (closeCodes[code] ?? 0) + 1;
  });
  totals.joins += 1;
  if (running) startTyping(group, client);
  return client;
}

function leave(client: Client): void {
  client.leaving = true;
  if (client.timer) clearInterval(client.timer);
  client.timer = null;
  client.provider.destroy();
  client.doc.destroy();
  totals.leaves += 1;
}

/** One keystroke (or one deleted stretch) at the client's caret, then the caret in presence. */
function edit(group: DocumentGroup, client: Client): void {
  if (!group.typing || !client.synced || client.leaving) return;
  const text = summaryText(client.doc);
  if (!text) return;
  if (random() < 0.05 || client.caret > text.length) client.caret = Math.floor(random() * (text.length + 1));
  if (text.length > config.maxTextLength) {
    const count = Math.min(client.caret, 20 + Math.floor(random() * 60));
    client.caret -= count;
    text.delete(client.caret, count);
    totals.deletions += 1;
  } else {
    const count = 1 + Math.floor(random() * 3);
    let chars = '';
    for (let i = 0; i < count; i += 1) chars += LETTERS[Math.floor(random() * LETTERS.length)];
    text.insert(client.caret, chars);
    client.caret += count;
  }
  totals.editsSent += 1;
  const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, client.caret));
  client.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
}

function startTyping(group: DocumentGroup, client: Client): void {
  const interval = 1000 / config.editsPerSecond;
  client.timer = setTimeout(() => {
    edit(group, client);
    client.timer = setInterval(() => edit(group, client), interval);
  }, random() * interval);
}

const summaryOf = (client: Client) => client.doc.getXmlFragment(ROOTS.summary).toString();
const stateBytes = (groups: DocumentGroup[]) => groups.reduce((n, g) => n + Y.encodeStateAsUpdate(g.clients[0]!.doc).length, 0);
/** Heap bytes one copy of every document takes, measured by building the copies between two full collections. */
function docsHeapBytes(groups: DocumentGroup[]): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the soak clients run with --expose-gc');
  const states = groups.map((g) => Y.encodeStateAsUpdate(g.clients[0]!.doc));
  gc();
  const before = process.memoryUsage().heapUsed;
  const copies = states.map((state) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    return copy;
  });
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  for (const copy of copies) copy.destroy();
  return Math.max(0, bytes);
}

const converged = (g: DocumentGroup) => g.clients.every((c) => c.synced && summaryOf(c) === summaryOf(g.clients[0]!));

async function main(): Promise<void> {
  const groups: DocumentGroup[] = config.documents.map((document) => ({ document, clients: [], typing: false }));
  for (const g of groups) for (let i = 0; i < config.clientsPerDocument; i += 1) g.clients.push(connect(g, i));
  await until(() => groups.every((g) => g.clients.every((c) => c.synced)), 60_000, 'every client to sync');
  // The first keystroke in the empty paragraph creates its text; everyone then types into it.
  for (const g of groups) ensureSummaryText(g.clients[0]!.doc, 'Checkout failed for some users. ');
  await until(() => groups.every((g) => g.clients.every((c) => summaryText(c.doc) !== null)), 20_000, 'the paragraph on every client');
  const stateBytesAtStart = stateBytes(groups);
  const docsHeapBytesAtStart = docsHeapBytes(groups);
  const timers: NodeJS.Timeout[] = [];
  await send({ type: 'synced' });

  const stopped = new Promise<void>((resolve) => {
    process.on('message', (command: SoakCommand) => {
      if (command.type === 'stop') resolve();
    });
  });
  await new Promise<void>((resolve) => process.once('message', (command: SoakCommand) => command.type === 'start' && resolve()));

  running = true;
  for (const g of groups) {
    for (const c of g.clients) startTyping(g, c);
    // Bursts from a random phase, so the documents do not all pause at once.
    const cycle = () => {
      g.typing = true;
      timers.push(setTimeout(() => {
        g.typing = false;
        timers.push(setTimeout(cycle, config.pauseMs));
      }, config.burstMs));
    };
    timers.push(setTimeout(cycle, random() * config.burstMs));
  }
  timers.push(
    setInterval(() => {
      for (const g of groups) {
        const index = Math.floor(random() * g.clients.length);
        leave(g.clients[index]!);
        g.clients[index] = connect(g, index);
      }
    }, config.churnEveryMs),
  );

  await stopped;
  running = false;
  for (const t of timers) clearTimeout(t);
  for (const g of groups) {
    g.typing = false;
    for (const c of g.clients) if (c.timer) clearInterval(c.timer);
  }
  // Every edit should reach every client of its document.
  await until(() => groups.every(converged), 30_000, 'every document to converge').catch(() => {});
  let unconvergedClients = 0;
  for (const g of groups) {
    const counts = new Map<string, number>();
    for (const c of g.clients) counts.set(summaryOf(c), (counts.get(summaryOf(c)) ?? 0) + 1);
    unconvergedClients += g.clients.length - Math.max(...counts.values());
  }
  const result: SoakClientResult = {
    documents: groups.length,
    clients: groups.length * config.clientsPerDocument,
    ...totals,
    unconvergedClients,
    unconvergedDocuments: groups.filter((g) => !converged(g)).length,
    closeCodes,
    joinsNotSynced: groups.reduce((n, g) => n + g.clients.filter((c) => !c.synced).length, 0),
    joinToSyncMaxMs: Math.max(0, ...joinToSync),
    joinToSyncSumMs: joinToSync.reduce((a, b) => a + b, 0),
    stateBytesAtStart,
    stateBytesAtEnd: stateBytes(groups),
    docsHeapBytesAtStart,
    docsHeapBytesAtEnd: docsHeapBytes(groups),
  };
  await send({ type: 'stopped', result });

  await new Promise<void>((resolve) => process.once('message', (command: SoakCommand) => command.type === 'leave' && resolve()));
  for (const g of groups) for (const c of g.clients) leave(c);
  // Time for the close handshakes to finish before this process goes away.
  await sleep(1_000);
  await send({ type: 'left' });
}

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);
process.on('disconnect', () => process.exit(1));
main().then(
  () => process.exit(0),
  async (err: unknown) => {
    await send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  },
);
