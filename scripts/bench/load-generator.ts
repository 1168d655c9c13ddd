/**
 * Load-generator child process: N y-websocket clients on one document, each typing short
 * marked inserts ("{client.seq}") at random positions of the same summary paragraph. Every
 * client observes remote changes and records, per (edit, receiving client), the time from the
 * sender's local transaction to the insert showing up in the receiver's document.
 * Run by latency.ts as `node --import tsx scripts/bench/load-generator.ts '<LoadConfig JSON>'`
 * with an IPC channel; it reports phases and the result as LoadMessage.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ROOTS } from '../../shared/schema/roots.ts';
import type { LoadConfig, LoadMessage, LoadResult } from './load-protocol.ts';
import { summarize } from './stats.ts';
import { ensureSummaryText, summaryText } from './typing.ts';

const MARKER = /\{(\d+)\.(\d+)\}/g;

interface Client {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.XmlText | null;
  timer: NodeJS.Timeout | null;
  synced: boolean;
}

function send(message: LoadMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function run(config: LoadConfig): Promise<LoadResult> {
  const n = config.clients;
  /** sentAt[sender][seq]: performance.now() of the sender's local transaction. */
  const sentAt: number[][] = Array.from({ length: n }, () => []);
  /** deliveries[sender][seq]: how many other clients have received that edit. */
  const deliveries: number[][] = Array.from({ length: n }, () => []);
  /** lastArrival[sender][seq]: when the edit reached its last receiver so far. */
  const lastArrival: number[][] = Array.from({ length: n }, () => []);
  const latencies: number[] = [];
  /** Highest latency of the edits sent in each second of the window. */
  const maxBySecond: number[] = [];
  let measureStart = Number.POSITIVE_INFINITY;
  let measureEnd = Number.POSITIVE_INFINITY;
  let deliveredInWindow = 0;
  let deliveredTotal = 0;
  let editsSent = 0;
  let insertedChars = 0;
  let disconnects = 0;
  /** Set before the providers are destroyed, whose closes are not disconnects. */
  let finished = false;

  const onRemoteInsert = (inserted: string, now: number) => {
    for (const match of inserted.matchAll(MARKER)) {
      const sender = Number(match[1]);
      const seq = Number(match[2]);
      const sent = sentAt[sender]?.[seq];
      if (sent === undefined) continue;
      deliveries[sender]![seq] = (deliveries[sender]![seq] ?? 0) + 1;
      lastArrival[sender]![seq] = now;
      deliveredTotal += 1;
      if (sent >= measureStart && sent < measureEnd) {
        latencies.push(now - sent);
        const second = Math.floor((sent - measureStart) / 1000);
        maxBySecond[second] = Math.max(maxBySecond[second] ?? 0, now - sent);
      }
      if (now >= measureStart && now < measureEnd) deliveredInWindow += 1;
    }
  };

  const connectStart = performance.now();
  const clients: Client[] = Array.from({ length: n }, (_, index) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(config.wsUrl, config.room, doc, {
      params: { token: config.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.awareness.setLocalStateField('user', { name: `bench ${index}`, color: '#3366cc' });
    const client: Client = { index, doc, provider, text: null, timer: null, synced: false };
    provider.on('sync', (synced: boolean) => {
      if (synced) client.synced = true;
    });
    provider.on('connection-close', () => {
      if (client.synced && !finished) disconnects += 1;
    });
    // Decoding the small incoming update is much cheaper than a text event's delta, which
    // walks the whole paragraph.
    doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) onRemoteInsert(struct.content.str, now);
      }
    });
    return client;
  });

  await until(() => clients.every((c) => c.synced), 30_000, 'all clients to sync');
  const connectMs = performance.now() - connectStart;
  await send({ type: 'phase', phase: 'synced' });

  // The first keystroke in the empty paragraph creates its Y.XmlText; everyone then types into it.
  const initial = 'Checkout failed for some users. ';
  ensureSummaryText(clients[0]!.doc, initial);
  insertedChars += initial.length;
  await until(() => clients.every((c) => summaryText(c.doc) !== null), 10_000, 'the paragraph text on every client');
  for (const c of clients) c.text = summaryText(c.doc);

  const edit = (c: Client) => {
    const text = c.text!;
    const seq = sentAt[c.index]!.length;
    const marker = `{${c.index}.${seq}}`;
    const at = Math.floor(Math.random() * (text.length + 1));
    sentAt[c.index]!.push(performance.now());
    text.insert(at, marker);
    editsSent += 1;
    insertedChars += marker.length;
    if (config.carets) {
      // As TipTap's caret extension does after each keystroke: publish the new selection.
      const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + marker.length));
      c.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    }
  };

  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const interval = 1000 / config.editsPerSecond;
  const start = performance.now();
  for (const c of clients) {
    c.timer = setTimeout(() => {
      edit(c);
      c.timer = setInterval(() => edit(c), interval);
    }, Math.random() * interval);
  }

  await sleep(config.warmupMs);
  measureStart = performance.now();
  const cpuBefore = process.cpuUsage();
  loopDelay.enable();
  await send({ type: 'phase', phase: 'measure-start' });

  await sleep(Math.max(0, start + config.warmupMs + config.durationMs - performance.now()));
  measureEnd = performance.now();
  for (const c of clients) {
    if (c.timer) clearInterval(c.timer);
    c.timer = null;
  }
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  await send({ type: 'phase', phase: 'measure-end' });

  const expectedDeliveries = editsSent * (n - 1);
  const settleStart = performance.now();
  await until(() => deliveredTotal >= expectedDeliveries, config.settleTimeoutMs, 'every edit on every client').catch(() => {});
  const settleMs = performance.now() - settleStart;

  let editsMeasured = 0;
  let editsNotEverywhere = 0;
  const toAll: number[] = [];
  for (let s = 0; s < n; s += 1) {
    for (let q = 0; q < sentAt[s]!.length; q += 1) {
      const t = sentAt[s]![q]!;
      const everywhere = (deliveries[s]![q] ?? 0) >= n - 1;
      if (!everywhere) editsNotEverywhere += 1;
      if (t >= measureStart && t < measureEnd) {
        editsMeasured += 1;
        if (everywhere) toAll.push(lastArrival[s]![q]! - t);
      }
    }
  }

  const texts = clients.map((c) => c.doc.getXmlFragment(ROOTS.summary).toString());
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  const majority = Math.max(...counts.values());
  const measuredSeconds = (measureEnd - measureStart) / 1000;
  const textLength = clients[0]!.text!.length;
  finished = true;

  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }

  return {
    clients: n,
    connectMs,
    editsSent,
    editsMeasured,
    measuredSeconds,
    latencyMs: summarize(latencies),
    latencyToAllMs: summarize(toAll),
    worstSeconds: maxBySecond
      .map((maxMs, second) => ({ second, maxMs }))
      .sort((a, b) => b.maxMs - a.maxMs)
      .slice(0, 5),
    deliveredPerSecond: deliveredInWindow / measuredSeconds,
    lostDeliveries: Math.max(0, expectedDeliveries - deliveredTotal),
    editsNotEverywhere,
    unconvergedClients: n - majority,
    textLength,
    expectedTextLength: insertedChars,
    settleMs,
    disconnects,
    loadGenCpuSeconds: (cpu.user + cpu.system) / 1e6,
    loadGenLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
}

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);
// If the orchestrator goes away, so do we.
process.on('disconnect', () => process.exit(1));

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config).then(
  async (result) => {
    await send({ type: 'result', result });
    process.exit(0);
  },
  async (err: unknown) => {
    await send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  },
);
