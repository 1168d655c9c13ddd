/**
 * Runs the blameless checks when a document's updates settle, on the worker thread, stores the
 * report with the revision it describes, and refreshes the document's index entry from the same
 * snapshot (for the dashboard). Runs of one document never overlap.
 */
import * as Y from 'yjs';
import type { Room } from '../collab/room.ts';
import type { Finding } from '../../shared/checks/types.ts';
import type { Logger } from '../logger.ts';
import { checkedPatch, withIndexLock } from '../dashboard/index-patch.ts';
import type { PostmortemStore, StoredCheckReport } from '../storage/store.ts';
import { CheckWorkerClient, DocumentNotHeldError } from './check-worker-client.ts';

export interface CheckRunnerOptions {
  store: PostmortemStore;
  logger: Logger;
  /** Quiet time after the last update before checks run. */
  settleMs: number;
  /** Sample runs the worker makes as it starts (then it starts with the server); 0 starts it with the first job. */
  warmUpRuns?: number;
}

/** How long after the server starts the checks worker is started to warm up (unless a job comes first). */
const WORKER_START_DELAY_MS = 2_000;

export class CheckRunner {
  private readonly worker: CheckWorkerClient;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Each document's pending run: when it is due (performance.now()) and the room it checks (the latest, should the document have been reloaded). */
  private readonly due = new Map<string, { at: number; room: Room }>();
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly rosters = new Map<string, Set<string>>();
  /** Each document's state vector as the worker last received it: later jobs send only what is newer. */
  private readonly sentVectors = new Map<string, Uint8Array>();
  private startTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CheckRunnerOptions) {
    const warmUpRuns = options.warmUpRuns ?? 0;
    this.worker = new CheckWorkerClient(options.logger, warmUpRuns);
    // Started (and warmed up) a little after the server: loading it takes a core for a moment,
    // and a server that has just started is opening documents for clients reconnecting at once.
    if (warmUpRuns > 0) {
      this.startTimer = setTimeout(() => this.worker.start(), WORKER_START_DELAY_MS);
      this.startTimer.unref();
    }
  }

  /**
   * Called after every accepted change: the run is due `settleMs` after the last one. The timer
   * is not reset on every keystroke (a timer per update is measurable cost); when it fires
   * early it waits out the rest.
   */
  schedule(room: Room): void {
    this.due.set(room.id, { at: performance.now() + this.options.settleMs, room });
    if (this.timers.has(room.id)) return;
    const fire = () => {
      const pending = this.due.get(room.id);
      this.timers.delete(room.id);
      if (!pending) return;
      const wait = pending.at - performance.now();
      if (wait > 0) {
        this.timers.set(room.id, setTimeout(fire, wait));
        return;
      }
      this.due.delete(room.id);
      void this.run(pending.room).catch(() => undefined);
    };
    this.timers.set(room.id, setTimeout(fire, this.options.settleMs));
  }

  /** Checks a new postmortem's first state on the worker (its revision-0 report). */
  async checkNew(id: string, state: Uint8Array, now: string): Promise<Finding[]> {
    const { report } = await this.worker.run({ docId: id, fresh: true, update: state, roster: [], now });
    // Not kept: the document's room, when it loads, starts its own copy in the worker.
    this.worker.forget(id);
    return report.findings;
  }

  /** Runs now if a run is pending (before a document is unloaded). */
  async flush(room: Room): Promise<void> {
    const timer = this.timers.get(room.id);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(room.id);
    this.due.delete(room.id);
    await this.run(room).catch(() => undefined);
  }

  /** Checks the room's current state and stores the report. */
  run(room: Room): Promise<StoredCheckReport> {
    // A room dropped after a failed write holds an unstored update: nothing is checked from it.
    if (room.isBroken) return Promise.reject(new Error(`document ${room.id} is being dropped`));
    // Capture the change and the revision together, synchronously: the report describes exactly this revision.
    const sent = this.sentVectors.get(room.id);
    const fresh = sent === undefined;
    const update = Y.encodeStateAsUpdate(room.doc, sent);
    const vector = Y.encodeStateVector(room.doc);
    // Set now: the next run (chained after this one) builds on this one's state in the worker.
    this.sentVectors.set(room.id, vector);
    let revision = room.revision;
    const previous = this.chains.get(room.id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const roster = await this.roster(room.id);
        const now = new Date().toISOString();
        let checked;
        try {
          checked = await this.worker.run({ docId: room.id, fresh, update, roster, now });
        } catch (err) {
          if (!(err instanceof DocumentNotHeldError)) throw err;
          // The worker restarted or dropped its copy: send the whole state, as it is now.
          revision = room.revision;
          this.sentVectors.set(room.id, Y.encodeStateVector(room.doc));
          checked = await this.worker.run({ docId: room.id, fresh: true, update: Y.encodeStateAsUpdate(room.doc), roster, now });
        }
        const { report, summary } = checked;
        const stored: StoredCheckReport = { revision, checkedAt: new Date().toISOString(), findings: report.findings };
        const { store } = this.options;
        await store.saveCheckReport(room.id, stored);
        // The index is written lazily by the store (coalesced, off the socket's path).
        await withIndexLock(store, room.id, async () => {
          await store.updateIndexEntry(room.id, checkedPatch(summary, stored.findings, await store.getPrivateState(room.id), stored.checkedAt));
        });
        return stored;
      });
    next.catch((err: unknown) => this.options.logger.error('checks failed', { doc: room.id, error: err as Error }));
    // Failures are logged above; the chain itself must never reject unhandled.
    const settled = next.catch(() => undefined).finally(() => {
      if (this.chains.get(room.id) === settled) this.chains.delete(room.id);
    });
    this.chains.set(room.id, settled);
    return next;
  }

  /** Remembers a display name seen in the session, for the named-individual check. */
  noteName(docId: string, name: string): void {
    const clean = name.trim().slice(0, 80);
    if (!clean) return;
    void this.roster(docId).then((names) => {
      if (names.includes(clean)) return;
      this.rosters.get(docId)?.add(clean);
      return this.options.store.updatePrivateState(docId, (s) => {
        if (!s.roster.includes(clean)) s.roster.push(clean);
      });
    });
  }

  private async roster(docId: string): Promise<string[]> {
    let names = this.rosters.get(docId);
    if (!names) {
      names = new Set((await this.options.store.getPrivateState(docId)).roster);
      this.rosters.set(docId, names);
    }
    return [...names];
  }

  /** Forgets a document (it was unloaded): its cached roster and the worker's copy. */
  forget(docId: string): void {
    clearTimeout(this.timers.get(docId));
    this.timers.delete(docId);
    this.due.delete(docId);
    this.rosters.delete(docId);
    this.sentVectors.delete(docId);
    this.worker.forget(docId);
  }

  async close(): Promise<void> {
    if (this.startTimer) clearTimeout(this.startTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.due.clear();
    await Promise.allSettled(this.chains.values());
    await this.worker.close();
  }
}
