/**
 * The per-document queue: messages run one at a time in arrival order, whether a task runs at
 * once (pushed while the queue is idle), returns a promise, or queues more work while it runs.
 */
import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../server/collab/serial-queue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('serial queue', () => {
  it('runs a task pushed to an idle queue at once, and later ones in order', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    queue.push(() => void order.push('a'), () => undefined);
    expect(order).toEqual(['a']);
    queue.push(() => void order.push('b'), () => undefined);
    void queue.run(() => void order.push('c'), () => undefined);
    queue.push(() => void order.push('d'), () => undefined);
    await queue.drain();
    await tick();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('holds what is queued during a pushed task until the promise that task returned settles', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    queue.push(() => {
      order.push('a starts');
      void queue.run(() => void order.push('b'), () => undefined);
      return tick().then(() => void order.push('a settles'));
    }, () => undefined);
    queue.push(() => void order.push('c'), () => undefined);
    await queue.drain();
    await tick();
    await queue.drain();
    expect(order).toEqual(['a starts', 'a settles', 'b', 'c']);
  });

  it('reports a failing task and carries on with the next', async () => {
    const queue = new SerialQueue();
    const errors: unknown[] = [];
    const order: string[] = [];
    queue.push(() => {
      throw new Error('sync failure');
    }, (err) => errors.push(err));
    queue.push(() => Promise.reject(new Error('async failure')), (err) => errors.push(err));
    queue.push(() => void order.push('next'), () => undefined);
    await tick();
    await queue.drain();
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync failure', 'async failure']);
    expect(order).toEqual(['next']);
    expect(queue.size).toBe(0);
  });
});
