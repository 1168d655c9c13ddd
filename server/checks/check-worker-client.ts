/** Runs check jobs on one worker thread, restarting it if it dies; jobs are answered in order. */
import { Worker } from 'node:worker_threads';
import type { CheckReport } from '../../shared/checks/types.ts';
import type { SnapshotSummary } from '../../shared/metrics/types.ts';
import type { Logger } from '../logger.ts';
import type { CheckJob, CheckJobResult, WorkerMessage, WorkerOptions } from './messages.ts';

/** A checked document: the findings and the index's summary of the same snapshot. */
export interface CheckedDocument {
  report: CheckReport;
  summary: SnapshotSummary;
}

/** The worker does not hold the document a changes-only job builds on (it restarted, or dropped it): send the whole state. */
export class DocumentNotHeldError extends Error {}

interface Pending {
  resolve(result: CheckedDocument): void;
  reject(err: Error): void;
}

export class CheckWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly logger: Logger,
    /** Sample runs the worker makes before it is warm (see warm-up.ts); again after a restart. */
    private readonly warmUpRuns = 0,
  ) {}

  /** Starts the worker now rather than with the first job (it warms up meanwhile). */
  start(): void {
    if (!this.closed) this.ensureWorker();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), { workerData: { warmUpRuns: this.warmUpRuns } satisfies WorkerOptions });
    // The worker must not keep the process alive on its own.
    worker.unref();
    worker.on('message', (result: CheckJobResult) => {
      const waiting = this.pending.get(result.jobId);
      if (!waiting) return;
      this.pending.delete(result.jobId);
      if (result.ok) waiting.resolve({ report: result.report, summary: result.summary });
      else waiting.reject(result.missing ? new DocumentNotHeldError(result.error) : new Error(result.error));
    });
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const [, p] of this.pending) p.reject(new Error(why));
      this.pending.clear();
      if (!this.closed) this.logger.error('checks worker stopped; it restarts with the next job', { why });
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit ${code}`));
    this.worker = worker;
    return worker;
  }

  run(job: Omit<CheckJob, 'jobId' | 'type'>): Promise<CheckedDocument> {
    if (this.closed) return Promise.reject(new Error('checks worker closed'));
    const jobId = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      // A private copy, so its buffer can be moved to the worker instead of copied again.
      const update = job.update.slice();
      this.ensureWorker().postMessage({ ...job, type: 'check', update, jobId } satisfies WorkerMessage, [update.buffer]);
    });
  }

  /** Tells the worker to drop its copy of a document (it was unloaded). */
  forget(docId: string): void {
    this.worker?.postMessage({ type: 'forget', docId } satisfies WorkerMessage);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const [, p] of this.pending) p.reject(new Error('checks worker closed'));
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
