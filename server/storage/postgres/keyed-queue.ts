/**
 * Runs tasks one at a time per key, in call order. The database orders concurrent transactions
 * by whoever takes the lock first; this keeps one process's changes of one document in the order
 * they were asked for (a second change waits for the first to commit).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await Promise.allSettled(this.tails.values());
  }
}
