/**
 * Loaded into the server process by the soak only (`node --expose-gc --import tsx --import
 * ./scripts/soak/probe.mjs server/index.ts`, with an IPC channel): answers each `sample` message
 * with the process's memory after a full collection, its active handles and timers, and its open
 * file descriptors by kind (the ProbeSample of protocol.ts). The server itself knows nothing of it.
 * Plain JavaScript: worker threads inherit this --import but not tsx's loader.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

/** How long the server's event loop was held up, between two samples. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/** Open descriptors by what they point at: sockets, files under the data folder, anything else. */
function descriptors(dataDir) {
  const counts = { sockets: 0, dataFiles: 0, walFiles: 0, other: 0 };
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // the descriptor readdir itself used, closed by now
    }
    if (target.startsWith('socket:')) counts.sockets += 1;
    else if (target.startsWith(dataDir)) {
      counts.dataFiles += 1;
      if (target.endsWith('wal.log')) counts.walFiles += 1;
    } else counts.other += 1;
  }
  return counts;
}

function sample() {
  // A full collection first, so that heap figures show what is still reachable, not garbage.
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const delays = { max: loopDelay.max, p99: loopDelay.percentile(99) };
  loopDelay.reset();
  const resources = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return {
    at: Date.now(),
    rssMiB: memory.rss / 2 ** 20,
    heapUsedMiB: memory.heapUsed / 2 ** 20,
    externalMiB: memory.external / 2 ** 20,
    resources,
    loopDelayMaxMs: delays.max / 1e6,
    loopDelayP99Ms: delays.p99 / 1e6,
    fds: descriptors(fs.realpathSync(process.env.DATA_DIR ?? '.')),
  };
}

if (isMainThread && process.send) {
  // The channel must not keep the server alive, nor change how it shuts down.
  process.channel?.unref();
  loopDelay.enable();
  process.on('message', (message) => {
    if (message?.type === 'sample') process.send({ type: 'sample', sample: sample() });
  });
}
