/**
 * Runs tasks one after another. A document's messages go through one queue, so a message is
 * checked, applied, logged and broadcast before the next one of that document is looked at.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  /** A task pushed while the queue was idle is running now (on this call stack). */
  private running = false;

  /** Made when something is queued while a pushed task runs: opens once that task (and what it returned) is done. */
  private gate: { promise: Promise<void>; open: () => void } | null = null;

  /** Queues `task`; the returned promise settles with it. Errors go to `onError`, never stop the queue. */
  run<T>(task: () => T | Promise<T>, onError: (err: unknown) => void): Promise<T | undefined> {
    if (this.running && !this.gate) {
      // Queued behind a task running right now on the caller's stack: wait for all of it.
      let open!: () => void;
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      this.gate = { promise, open };
      this.tail = promise;
    }
    this.pending += 1;
    const result = this.tail.then(task).then(
      (value) => value,
      (err: unknown) => {
        onError(err);
        return undefined;
      },
    );
    this.tail = result.then(
      () => {
        this.pending -= 1;
      },
      () => {
        this.pending -= 1;
      },
    );
    return result;
  }

  /**
   * Like run, without a promise for the caller. When nothing is queued or running, the task runs
   * at once: a document's messages mostly arrive one at a time, and going through the promise
   * chain for each was measurable on the socket loop. A task that returns a promise holds the
   * queue until it settles.
   */
  push(task: () => void | Promise<void>, onError: (err: unknown) => void): void {
    if (this.pending > 0 || this.running) {
      void this.run(task, onError);
      return;
    }
    this.pending += 1;
    this.running = true;
    let result: void | Promise<void>;
    try {
      result = task();
    } catch (err) {
      onError(err);
      result = undefined;
    } finally {
      this.running = false;
    }
    const gate = this.gate;
    this.gate = null;
    const finish = () => {
      this.pending -= 1;
      gate?.open();
    };
    if (result instanceof Promise) {
      const settled = result.then(finish, (err: unknown) => {
        onError(err);
        finish();
      });
      // With a gate, what was queued meanwhile already waits on it; else later tasks wait on this.
      if (!gate) this.tail = settled;
    } else {
      finish();
    }
  }

  /** Resolves once everything queued so far has run. */
  drain(): Promise<void> {
    return this.tail;
  }

  get size(): number {
    return this.pending;
  }
}
