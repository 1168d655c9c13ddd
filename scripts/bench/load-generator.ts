/**
 * Load-generator child process. For each target server: N y-websocket clients on one document,
 * each typing short marked inserts ("{client.seq}") at random positions of the same summary
 * paragraph. Every client decodes the remote updates it receives and records, per (edit,
 * receiving client), the time from the sender's local transaction to the update applied in
 * the receiver's document. The targets type in alternating slices, so noise from other work on
 * the machine falls on all of them alike.
 * Run by latency.ts as `node --import tsx scripts/bench/load-generator.ts '<LoadConfig JSON>'`
 * with an IPC channel; it reports phases and the results as LoadMessage.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ROOTS } from '../../shared/schema/roots.ts';
import type { LoadConfig, LoadMessage, LoadResult, LoadTarget } from './load-protocol.ts';
import { summarize } from './stats.ts';
import { ensureSummaryText, summaryText } from './typing.ts';

const MARKER = /\{(\d+)\.(\d+)\}/g;
const INITIAL_TEXT = 'Checkout failed for some users. ';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function send(message: LoadMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

interface Client {
  index: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.XmlText | null;
  timer: NodeJS.Timeout | null;
  synced: boolean;
}

/** The clients of one target and everything measured about them. */
class Group {
  readonly clients: Client[] = [];
  /** sentAt[sender][seq]: performance.now() of the sender's local transaction. */
  private readonly sentAt: number[][];
  /** measuredAt[sender][seq]: ms into the measured typing when the edit was made; -1 when not measured. */
  private readonly measuredAt: number[][];
  /** deliveries[sender][seq]: how many other clients have received the edit. */
  private readonly deliveries: number[][];
  /** lastArrival[sender][seq]: when the edit reached its last receiver so far. */
  private readonly lastArrival: number[][];
  private readonly latencies: number[] = [];
  /** Highest latency per second of measured typing. */
  private readonly maxBySecond: number[] = [];
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private measuring = false;
  private sliceStart = 0;
  private measuredMs = 0;
  private cpuMicros = 0;
  private deliveredWhileMeasuring = 0;
  private deliveredTotal = 0;
  private editsSent = 0;
  private insertedChars = 0;
  private disconnects = 0;
  private finished = false;
  connectMs = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly config: LoadConfig,
  ) {
    const n = config.clients;
    this.sentAt = Array.from({ length: n }, () => []);
    this.measuredAt = Array.from({ length: n }, () => []);
    this.deliveries = Array.from({ length: n }, () => []);
    this.lastArrival = Array.from({ length: n }, () => []);
  }

  async connect(): Promise<void> {
    const start = performance.now();
    for (let index = 0; index < this.config.clients; index += 1) this.clients.push(this.createClient(index));
    await until(() => this.clients.every((c) => c.synced), 30_000, `all clients of ${this.target.name} to sync`);
    this.connectMs = performance.now() - start;
    // The first keystroke in the empty paragraph creates its Y.XmlText; everyone then types into it.
    ensureSummaryText(this.clients[0]!.doc, INITIAL_TEXT);
    this.insertedChars += INITIAL_TEXT.length;
    await until(() => this.clients.every((c) => summaryText(c.doc) !== null), 10_000, 'the paragraph text on every client');
    for (const c of this.clients) c.text = summaryText(c.doc);
  }

  private createClient(index: number): Client {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.target.wsUrl, this.target.room, doc, {
      params: { token: this.target.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.awareness.setLocalStateField('user', { name: `bench ${index}`, color: '#3366cc' });
    const client: Client = { index, doc, provider, text: null, timer: null, synced: false };
    provider.on('sync', (synced: boolean) => {
      if (synced) client.synced = true;
    });
    provider.on('connection-close', () => {
      if (client.synced && !this.finished) this.disconnects += 1;
    });
    // Decoding the small incoming update is much cheaper than a text event's delta, which walks
    // the whole paragraph.
    doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentString) this.onRemoteInsert(struct.content.str, now);
      }
    });
    return client;
  }

  private onRemoteInsert(inserted: string, now: number): void {
    for (const match of inserted.matchAll(MARKER)) {
      const sender = Number(match[1]);
      const seq = Number(match[2]);
      const sent = this.sentAt[sender]?.[seq];
      if (sent === undefined) continue;
      this.deliveries[sender]![seq] = (this.deliveries[sender]![seq] ?? 0) + 1;
      this.lastArrival[sender]![seq] = now;
      this.deliveredTotal += 1;
      if (this.measuring) this.deliveredWhileMeasuring += 1;
      const at = this.measuredAt[sender]![seq]!;
      if (at >= 0) {
        this.latencies.push(now - sent);
        const second = Math.floor(at / 1000);
        this.maxBySecond[second] = Math.max(this.maxBySecond[second] ?? 0, now - sent);
      }
    }
  }

  private edit(c: Client): void {
    const text = c.text!;
    const seq = this.sentAt[c.index]!.length;
    const marker = `{${c.index}.${seq}}`;
    const at = Math.floor(Math.random() * (text.length + 1));
    const now = performance.now();
    this.sentAt[c.index]!.push(now);
    this.measuredAt[c.index]!.push(this.measuring ? this.measuredMs + now - this.sliceStart : -1);
    text.insert(at, marker);
    this.editsSent += 1;
    this.insertedChars += marker.length;
    if (this.config.carets) {
      // As TipTap's caret extension does after each keystroke: publish the new selection.
      const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + marker.length));
      c.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    }
  }

  /** Every client types for `ms` at the configured rate, from a random phase. */
  async type(ms: number, measure: boolean): Promise<void> {
    const interval = 1000 / this.config.editsPerSecond;
    this.measuring = measure;
    this.sliceStart = performance.now();
    const cpuStart = process.cpuUsage();
    if (measure) this.loopDelay.enable();
    for (const c of this.clients) {
      c.timer = setTimeout(() => {
        this.edit(c);
        c.timer = setInterval(() => this.edit(c), interval);
      }, Math.random() * interval);
    }
    await sleep(ms);
    for (const c of this.clients) {
      clearTimeout(c.timer!);
      clearInterval(c.timer!);
      c.timer = null;
    }
    // A quiet pause: the slice's last edits arrive (they still count), and work a server defers
    // until typing stops (e.g. running the checks) happens before the other server's slice.
    await sleep(this.config.quietMs);
    if (measure) {
      this.loopDelay.disable();
      const cpu = process.cpuUsage(cpuStart);
      this.cpuMicros += cpu.user + cpu.system;
      this.measuredMs += ms;
    }
    this.measuring = false;
  }

  async settle(): Promise<number> {
    const start = performance.now();
    const expected = this.editsSent * (this.config.clients - 1);
    await until(() => this.deliveredTotal >= expected, this.config.settleTimeoutMs, 'every edit on every client').catch(() => {});
    return performance.now() - start;
  }

  result(settleMs: number): LoadResult {
    const n = this.config.clients;
    let editsMeasured = 0;
    let editsNotEverywhere = 0;
    const toAll: number[] = [];
    for (let s = 0; s < n; s += 1) {
      for (let q = 0; q < this.sentAt[s]!.length; q += 1) {
        const everywhere = (this.deliveries[s]![q] ?? 0) >= n - 1;
        if (!everywhere) editsNotEverywhere += 1;
        if (this.measuredAt[s]![q]! < 0) continue;
        editsMeasured += 1;
        if (everywhere) toAll.push(this.lastArrival[s]![q]! - this.sentAt[s]![q]!);
      }
    }
    const counts = new Map<string, number>();
    for (const c of this.clients) {
      const text = c.doc.getXmlFragment(ROOTS.summary).toString();
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    const measuredSeconds = this.measuredMs / 1000;
    return {
      name: this.target.name,
      clients: n,
      connectMs: this.connectMs,
      editsSent: this.editsSent,
      editsMeasured,
      measuredSeconds,
      latencyMs: summarize(this.latencies),
      latencyToAllMs: summarize(toAll),
      worstSeconds: this.maxBySecond
        .map((maxMs, second) => ({ second, maxMs }))
        .sort((a, b) => b.maxMs - a.maxMs)
        .slice(0, 5),
      deliveredPerSecond: this.deliveredWhileMeasuring / measuredSeconds,
      lostDeliveries: Math.max(0, this.editsSent * (n - 1) - this.deliveredTotal),
      editsNotEverywhere,
      unconvergedClients: n - Math.max(...counts.values()),
      textLength: this.clients[0]!.text!.length,
      expectedTextLength: this.insertedChars,
      settleMs,
      disconnects: this.disconnects,
      loadGenCpuSeconds: this.cpuMicros / 1e6,
      loadGenLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
    };
  }

  destroy(): void {
    this.finished = true;
    for (const c of this.clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
  }
}

async function run(config: LoadConfig): Promise<LoadResult[]> {
  const groups = config.targets.map((target) => new Group(target, config));
  try {
    for (const g of groups) await g.connect();
    await send({ type: 'phase', phase: 'synced' });
    for (const g of groups) await g.type(config.warmupMs, false);
    await send({ type: 'phase', phase: 'measure-start' });
    for (let done = 0; done < config.durationMs; done += config.sliceMs) {
      for (const g of groups) await g.type(Math.min(config.sliceMs, config.durationMs - done), true);
    }
    await send({ type: 'phase', phase: 'measure-end' });
    const results: LoadResult[] = [];
    for (const g of groups) results.push(g.result(await g.settle()));
    return results;
  } finally {
    for (const g of groups) g.destroy();
  }
}

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);
// If the orchestrator goes away, so do we.
process.on('disconnect', () => process.exit(1));

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config).then(
  async (results) => {
    await send({ type: 'result', results });
    process.exit(0);
  },
  async (err: unknown) => {
    await send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  },
);
