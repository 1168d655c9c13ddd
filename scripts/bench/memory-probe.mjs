/**
 * Loaded into a benchmarked server with `--expose-gc --import`: on SIGUSR2 it collects garbage
 * and prints one line, "bench-memory {rss, heapUsed, ...}" (bytes), so the benchmark can read the
 * heap of another process, which /proc does not show. Plain JavaScript, main thread only: worker
 * threads inherit this --import but not tsx's loader.
 */
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    console.log(`bench-memory ${JSON.stringify(process.memoryUsage())}`);
  });
}
