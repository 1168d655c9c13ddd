/**
 * Reads imported Markdown on a worker thread, with a time limit. The Markdown parser is
 * quadratic in some hostile inputs (thousands of nested emphasis runs: 24 KB took 3.4 s, a
 * 256 KB body minutes), and on the socket loop that would stall every live session. On the
 * worker it stalls nothing; past the limit the worker is stopped and the file refused.
 * Files are read one at a time, and a file's time counts from when the started worker takes it.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedPostmortem } from '../../shared/markdown/index.ts';
import type { ReadJob, ReadResult, ReaderMessage } from './reader-messages.ts';

/** The file was refused: nested too deeply, or it took longer than the limit to read. */
export class MarkdownRefusedError extends Error {}

interface Job {
  jobId: number;
  text: string;
  resolve(parsed: ParsedPostmortem): void;
  reject(error: Error): void;
}

export class MarkdownReader {
  private worker: Worker | null = null;
  private ready = false;
  private nextId = 1;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | null = null;
  private closed = false;

  constructor(private readonly timeLimitMs: number) {}

  /** The file read; rejects with MarkdownRefusedError for what the reader declines or cannot read in time. */
  read(text: string): Promise<ParsedPostmortem> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ jobId: this.nextId++, text, resolve, reject });
      this.pump();
    });
  }

  /** Sends the next file once the worker has started and is free. */
  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const worker = this.ensureWorker();
    if (!this.ready) return;
    const job = this.queue.shift()!;
    const timer = setTimeout(() => {
      this.finish(job.jobId);
      job.reject(new MarkdownRefusedError(`the Markdown took longer than ${this.timeLimitMs / 1000} s to read (deeply nested formatting?)`));
      this.stopWorker(worker);
      this.pump();
    }, this.timeLimitMs);
    this.current = { job, timer };
    worker.postMessage({ jobId: job.jobId, text: job.text } satisfies ReadJob);
  }

  private finish(jobId: number): Job | null {
    if (this.current?.job.jobId !== jobId) return null;
    const { job, timer } = this.current;
    clearTimeout(timer);
    this.current = null;
    return job;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./reader-bootstrap.mjs', import.meta.url));
    worker.unref();
    this.ready = false;
    worker.on('message', (message: ReaderMessage) => {
      if (this.worker !== worker) return;
      if (message.type === 'ready') {
        this.ready = true;
      } else {
        const job = this.finish(message.result.jobId);
        if (job) settle(job, message.result);
      }
      this.pump();
    });
    const stopped = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const job = this.current?.job;
      if (job) {
        this.finish(job.jobId);
        job.reject(new Error(`the Markdown reader stopped (${why})`));
      }
      if (!this.closed) this.pump();
    };
    worker.on('error', (err) => stopped(err.message));
    worker.on('exit', (code) => stopped(`exit ${code}`));
    this.worker = worker;
    return worker;
  }

  private stopWorker(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const waiting = [...(this.current ? [this.current.job] : []), ...this.queue.splice(0)];
    if (this.current) this.finish(this.current.job.jobId);
    for (const job of waiting) job.reject(new Error('the server is shutting down'));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

function settle(job: Job, result: ReadResult): void {
  if (result.ok) job.resolve(result.parsed);
  else job.reject(result.refused ? new MarkdownRefusedError(result.message) : new Error(result.message));
}
