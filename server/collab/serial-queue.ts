/**
 * Runs tasks one after another. A document's messages go through one queue, so a message is
 * checked, applied, logged and broadcast before the next one of that document is looked at.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  /** Queues `task`; the returned promise settles with it. Errors go to `onError`, never stop the queue. */
  run<T>(task: () => T | Promise<T>, onError: (err: unknown) => void): Promise<T | undefined> {
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

  /** Resolves once everything queued so far has run. */
  drain(): Promise<void> {
    return this.tail;
  }

  get size(): number {
    return this.pending;
  }
}
