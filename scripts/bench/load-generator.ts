/**
 * Load-generator child process. For each target server and each of its documents given to this
 * process: y-websocket clients typing into the same summary paragraph as TipTap (y-prosemirror)
 * does, each at its own caret (kept as a relative position, as the editor keeps its selection)
 * that moves forward as it types and now and then jumps elsewhere. Each edit is a short marked
 * word ("{client.seq} ", every eighth ending its sentence); every client decodes the remote updates it receives and records, per
 * (edit, receiving client), the time from the sender's local transaction to the update applied
 * in the receiver's document.
 * Run by latency.ts as `node --import tsx scripts/bench/load-generator.ts '<LoadConfig JSON>'`
 * with an IPC channel. The orchestrator drives the typing (LoadCommand), so that several
 * generators type into the same target at the same time and the targets alternate in slices.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ROOTS } from '../../shared/schema/roots.ts';
import type { LoadCommand, LoadConfig, LoadDocument, LoadMessage, LoadPart, LoadTarget } from './load-protocol.ts';
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
  /** Where this client's caret is, surviving other clients' inserts before it. */
  caret: Y.RelativePosition | null;
  timer: NodeJS.Timeout | null;
  synced: boolean;
}

/** The clients of one document on one target and everything measured about them. */
class DocumentGroup {
  readonly clients: Client[] = [];
  /** sentAt[sender][seq]: performance.now() of the sender's local transaction. */
  private readonly sentAt: number[][];
  /** measuredAt[sender][seq]: ms into the measured typing when the edit was made; -1 when not measured. */
  private readonly measuredAt: number[][];
  /** deliveries[sender][seq]: how many other clients have received the edit. */
  private readonly deliveries: number[][];
  /** lastArrival[sender][seq]: when the edit reached its last receiver so far. */
  private readonly lastArrival: number[][];
  readonly latencies: number[] = [];
  /** Highest latency per second of measured typing. */
  readonly maxBySecond: number[] = [];
  private measuring = false;
  private sliceStart = 0;
  private measuredMs = 0;
  deliveredWhileMeasuring = 0;
  private deliveredTotal = 0;
  editsSent = 0;
  insertedChars = 0;
  disconnects = 0;
  private finished = false;
  connectMs = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly document: LoadDocument,
    private readonly config: LoadConfig,
  ) {
    const n = config.clientsPerDocument;
    this.sentAt = Array.from({ length: n }, () => []);
    this.measuredAt = Array.from({ length: n }, () => []);
    this.deliveries = Array.from({ length: n }, () => []);
    this.lastArrival = Array.from({ length: n }, () => []);
  }

  async connect(): Promise<void> {
    const start = performance.now();
    for (let index = 0; index < this.config.clientsPerDocument; index += 1) this.clients.push(this.createClient(index));
    await until(() => this.clients.every((c) => c.synced), 60_000, `all clients of ${this.target.name} to sync`);
    this.connectMs = performance.now() - start;
    // The first keystroke in the empty paragraph creates its Y.XmlText; everyone then types into it.
    ensureSummaryText(this.clients[0]!.doc, INITIAL_TEXT);
    this.insertedChars += INITIAL_TEXT.length;
    await until(() => this.clients.every((c) => summaryText(c.doc) !== null), 20_000, 'the paragraph text on every client');
    for (const c of this.clients) c.text = summaryText(c.doc);
  }

  private createClient(index: number): Client {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(this.target.wsUrl, this.document.room, doc, {
      params: { token: this.document.token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.awareness.setLocalStateField('user', { name: `bench ${index}`, color: '#3366cc' });
    const client: Client = { index, doc, provider, text: null, caret: null, timer: null, synced: false };
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

  /** Where the client's caret is now: after its last insert, or (one time in twenty) a click elsewhere. */
  private caretIndex(c: Client, text: Y.XmlText): number {
    const resolved = c.caret && Math.random() >= 0.05 ? Y.createAbsolutePositionFromRelativePosition(c.caret, c.doc) : null;
    if (resolved && resolved.type === text) return Math.min(resolved.index, text.length);
    return Math.floor(Math.random() * (text.length + 1));
  }

  private edit(c: Client): void {
    const text = c.text!;
    const seq = this.sentAt[c.index]!.length;
    // A marked word and a space; now and then the end of a sentence, as prose has.
    const marker = `{${c.index}.${seq}}${seq % 8 === 7 ? '. ' : ' '}`;
    const at = this.caretIndex(c, text);
    const now = performance.now();
    this.sentAt[c.index]!.push(now);
    this.measuredAt[c.index]!.push(this.measuring ? this.measuredMs + now - this.sliceStart : -1);
    text.insert(at, marker);
    this.editsSent += 1;
    this.insertedChars += marker.length;
    c.caret = Y.createRelativePositionFromTypeIndex(text, at + marker.length);
    if (this.config.carets) {
      // As TipTap's caret extension does after each keystroke: publish the new selection.
      const caret = Y.relativePositionToJSON(c.caret);
      c.provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    }
  }

  /** Every client types for `ms` at the configured rate, from a random phase. */
  async type(ms: number, measure: boolean): Promise<void> {
    const interval = 1000 / this.config.editsPerSecond;
    this.measuring = measure;
    this.sliceStart = performance.now();
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
    if (measure) this.measuredMs += ms;
    this.measuring = false;
  }

  async settle(): Promise<number> {
    const start = performance.now();
    const expected = this.editsSent * (this.config.clientsPerDocument - 1);
    await until(() => this.deliveredTotal >= expected, this.config.settleTimeoutMs, 'every edit on every client').catch(() => {});
    return performance.now() - start;
  }

  /** Edits measured, edits not on every client, and the time each measured edit took to reach all. */
  completeness(): { editsMeasured: number; editsNotEverywhere: number; toAll: number[]; lostDeliveries: number; unconvergedClients: number } {
    const n = this.config.clientsPerDocument;
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
    return {
      editsMeasured,
      editsNotEverywhere,
      toAll,
      lostDeliveries: Math.max(0, this.editsSent * (n - 1) - this.deliveredTotal),
      unconvergedClients: n - Math.max(...counts.values()),
    };
  }

  get measuredSeconds(): number {
    return this.measuredMs / 1000;
  }

  destroy(): void {
    this.finished = true;
    for (const c of this.clients) {
      c.provider.destroy();
      c.doc.destroy();
    }
  }
}

/** A target's documents in this process, and this process's own cost while typing into it. */
class TargetLoad {
  readonly groups: DocumentGroup[];
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private cpuMicros = 0;

  constructor(
    private readonly target: LoadTarget,
    private readonly config: LoadConfig,
  ) {
    this.groups = target.documents.map((d) => new DocumentGroup(target, d, config));
  }

  async type(ms: number, measure: boolean): Promise<void> {
    const cpuStart = process.cpuUsage();
    if (measure) this.loopDelay.enable();
    await Promise.all(this.groups.map((g) => g.type(ms, measure)));
    if (measure) {
      this.loopDelay.disable();
      const cpu = process.cpuUsage(cpuStart);
      this.cpuMicros += cpu.user + cpu.system;
    }
  }

  async part(): Promise<LoadPart> {
    const settles = await Promise.all(this.groups.map((g) => g.settle()));
    const part: LoadPart = {
      name: this.target.name,
      clients: this.groups.length * this.config.clientsPerDocument,
      connectMs: Math.max(...this.groups.map((g) => g.connectMs)),
      editsSent: 0,
      editsMeasured: 0,
      measuredSeconds: this.groups[0]?.measuredSeconds ?? 0,
      latencies: [],
      toAll: [],
      maxBySecond: [],
      deliveredWhileMeasuring: 0,
      lostDeliveries: 0,
      editsNotEverywhere: 0,
      unconvergedClients: 0,
      textLength: 0,
      expectedTextLength: 0,
      settleMs: Math.max(...settles),
      disconnects: 0,
      loadGenCpuSeconds: this.cpuMicros / 1e6,
      loadGenLoopDelayP99Ms: this.loopDelay.percentile(99) / 1e6,
    };
    for (const g of this.groups) {
      const c = g.completeness();
      part.editsSent += g.editsSent;
      part.editsMeasured += c.editsMeasured;
      for (const l of g.latencies) part.latencies.push(l);
      for (const l of c.toAll) part.toAll.push(l);
      g.maxBySecond.forEach((ms, second) => (part.maxBySecond[second] = Math.max(part.maxBySecond[second] ?? 0, ms)));
      part.deliveredWhileMeasuring += g.deliveredWhileMeasuring;
      part.lostDeliveries += c.lostDeliveries;
      part.editsNotEverywhere += c.editsNotEverywhere;
      part.unconvergedClients += c.unconvergedClients;
      part.textLength += g.clients[0]!.text!.length;
      part.expectedTextLength += g.insertedChars;
      part.disconnects += g.disconnects;
    }
    return part;
  }

  destroy(): void {
    for (const g of this.groups) g.destroy();
  }
}

function nextCommand(): Promise<LoadCommand> {
  return new Promise((resolve) => process.once('message', (command: LoadCommand) => resolve(command)));
}

async function run(config: LoadConfig): Promise<LoadPart[]> {
  const targets = config.targets.map((target) => new TargetLoad(target, config));
  try {
    for (const t of targets) for (const g of t.groups) await g.connect();
    await send({ type: 'synced' });
    for (;;) {
      const command = await nextCommand();
      if (command.type === 'finish') break;
      await targets[command.target]!.type(command.ms, command.measure);
      await send({ type: 'typed' });
    }
    const parts: LoadPart[] = [];
    for (const t of targets) parts.push(await t.part());
    return parts;
  } finally {
    for (const t of targets) t.destroy();
  }
}

// Every provider adds a process 'exit' listener.
process.setMaxListeners(0);
// If the orchestrator goes away, so do we.
process.on('disconnect', () => process.exit(1));

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config).then(
  async (parts) => {
    await send({ type: 'result', parts });
    process.exit(0);
  },
  async (err: unknown) => {
    await send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  },
);
