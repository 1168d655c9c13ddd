/**
 * Scenario 1: edit-to-peer latency with many clients on one postmortem, against our server and
 * against the minimal reference relay. Each server and the load generator run in their own
 * processes, so the clients' CPU does not slow the servers down; both servers run side by side
 * and the clients type into one at a time, alternating in short slices.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startChildServer } from '../../test/helpers/child-server.ts';
import { createPostmortemOverHttp } from '../../test/helpers/server.ts';
import { benchTempDir, removeDir, stopChild, trackChild } from './cleanup.ts';
import type { LoadConfig, LoadMessage, LoadResult } from './load-protocol.ts';
import { cpuSeconds, memory, type Memory } from './proc-stats.ts';
import { fmt, ratio, table } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;

export interface LatencyOptions {
  clients: number;
  editsPerSecond: number;
  warmupMs: number;
  durationMs: number;
  /** Measured typing alternates between the servers in slices of this length. */
  sliceMs: number;
  /** Pause after each slice, so that work deferred until typing stops does not land in the other server's slice. */
  quietMs: number;
  carets: boolean;
  /** Extra environment for our server (e.g. COMPACT_AFTER_UPDATES), for diagnosis. */
  serverEnv: Record<string, string>;
}

export interface ServerRun {
  load: LoadResult;
  /**
   * Server CPU seconds over the whole measurement window (the server is loaded only in its own
   * slices, idle in the other's), and that per measured second as a share of one core.
   */
  serverCpuSeconds: number;
  serverCpuPercent: number;
  memoryAtStart: Memory;
  memoryAtEnd: Memory;
  /** Warning and error lines the server logged during the run. */
  serverProblems: string[];
}

export interface LatencyResult {
  options: LatencyOptions;
  ours: ServerRun;
  reference: ServerRun;
}

interface Target {
  name: string;
  pid: number;
  wsUrl: string;
  room: string;
  token: string;
  problems(): string[];
  stop(): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startOurs(env: Record<string, string>): Promise<Target> {
  const dataDir = benchTempDir('latency');
  // startChildServer waits for the "listening" line, which is logged at info level:
  // with LOG_LEVEL=warn it never resolves. Nothing else is logged at info while running.
  const server = await withTimeout(startChildServer(dataDir, { ...env, LOG_LEVEL: 'info' }), 20_000, 'server start');
  trackChild(server.process);
  const pm = await createPostmortemOverHttp(server.url, { title: 'Benchmark', severity: 'SEV2' });
  return {
    name: 'ours',
    pid: server.process.pid!,
    wsUrl: server.wsUrl,
    room: pm.id,
    token: pm.tokens.participant,
    problems: () => server.output.filter((line) => /"level":"(warn|error)"/.test(line)),
    async stop() {
      await server.stop();
      removeDir(dataDir);
    },
  };
}

async function startReference(): Promise<Target> {
  const child = trackChild(
    spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'reference-relay.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = /listening (http:\/\/\S+)/.exec(chunk.toString());
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`reference relay exited (${code}): ${output.join('')}`)));
    }),
    20_000,
    'reference relay start',
  );
  return {
    name: 'reference',
    pid: child.pid!,
    wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
    room: 'benchmark-room',
    token: 'ignored-by-the-reference',
    problems: () => output.filter((line) => !line.startsWith('listening')),
    stop: () => stopChild(child),
  };
}

/** Runs one load generator against all targets, sampling each server's CPU over the measured window. */
function runLoad(targets: Target[], options: LatencyOptions): Promise<ServerRun[]> {
  const config: LoadConfig = {
    targets: targets.map(({ name, wsUrl, room, token }) => ({ name, wsUrl, room, token })),
    clients: options.clients,
    editsPerSecond: options.editsPerSecond,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    sliceMs: options.sliceMs,
    quietMs: options.quietMs,
    carets: options.carets,
    settleTimeoutMs: 15_000,
  };
  const child: ChildProcess = trackChild(
    spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load-generator.ts'), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const memoryAtStart: Memory[] = [];
  const cpuStart: number[] = [];
  const cpuEnd: number[] = [];
  return new Promise((resolve, reject) => {
    child.on('message', (message: LoadMessage) => {
      if (message.type === 'phase' && message.phase === 'synced') memoryAtStart.push(...targets.map((t) => memory(t.pid)));
      if (message.type === 'phase' && message.phase === 'measure-start') cpuStart.push(...targets.map((t) => cpuSeconds(t.pid)));
      if (message.type === 'phase' && message.phase === 'measure-end') cpuEnd.push(...targets.map((t) => cpuSeconds(t.pid)));
      if (message.type === 'error') reject(new Error(`load generator failed: ${message.message}`));
      if (message.type === 'result') {
        resolve(
          targets.map((target, i) => {
            const serverCpuSeconds = cpuEnd[i]! - cpuStart[i]!;
            const load = message.results[i]!;
            return {
              load,
              serverCpuSeconds,
              serverCpuPercent: (100 * serverCpuSeconds) / load.measuredSeconds,
              memoryAtStart: memoryAtStart[i]!,
              memoryAtEnd: memory(target.pid),
              serverProblems: target.problems(),
            };
          }),
        );
      }
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

/**
 * Both servers run side by side; the load generator types into one at a time, alternating in
 * short slices, so that noise from the rest of the (shared) machine falls on both alike.
 */
export async function runLatency(options: LatencyOptions): Promise<LatencyResult> {
  const targets: Target[] = [];
  try {
    targets.push(await startOurs(options.serverEnv));
    targets.push(await startReference());
    const [ours, reference] = await runLoad(targets, options);
    return { options, ours: ours!, reference: reference! };
  } finally {
    for (const target of targets) await target.stop();
  }
}

export function printLatency(result: LatencyResult): void {
  const { ours, reference, options } = result;
  const rows: [string, (r: ServerRun) => number, number][] = [
    ['latency median (ms)', (r) => r.load.latencyMs.median, 1],
    ['latency p95 (ms)', (r) => r.load.latencyMs.p95, 1],
    ['latency p99 (ms)', (r) => r.load.latencyMs.p99, 1],
    ['latency max (ms)', (r) => r.load.latencyMs.max, 1],
    ['latency samples (edit x receiver)', (r) => r.load.latencyMs.n, 0],
    [`edit to all ${options.clients - 1} peers median (ms)`, (r) => r.load.latencyToAllMs.median, 1],
    [`edit to all ${options.clients - 1} peers p99 (ms)`, (r) => r.load.latencyToAllMs.p99, 1],
    ['edits sent in window', (r) => r.load.editsMeasured, 0],
    ['delivered updates/s', (r) => r.load.deliveredPerSecond, 0],
    ['lost deliveries', (r) => r.load.lostDeliveries, 0],
    ['edits not on every client', (r) => r.load.editsNotEverywhere, 0],
    ['unconverged clients', (r) => r.load.unconvergedClients, 0],
    ['text length (expected)', (r) => r.load.expectedTextLength, 0],
    ['text length (clients)', (r) => r.load.textLength, 0],
    ['settle after last edit (ms)', (r) => r.load.settleMs, 0],
    ['disconnects', (r) => r.load.disconnects, 0],
    ['connect + sync all (ms)', (r) => r.load.connectMs, 0],
    ['server CPU in window (s)', (r) => r.serverCpuSeconds, 2],
    ['server CPU per measured s (% of a core)', (r) => r.serverCpuPercent, 1],
    ['server RSS after sync (MiB)', (r) => r.memoryAtStart.rssMiB, 1],
    ['server RSS at end (MiB)', (r) => r.memoryAtEnd.rssMiB, 1],
    ['server peak RSS VmHWM (MiB)', (r) => r.memoryAtEnd.peakMiB, 1],
    ['load-gen CPU in its slices (s)', (r) => r.load.loadGenCpuSeconds, 2],
    ['load-gen loop delay p99 (ms)', (r) => r.load.loadGenLoopDelayP99Ms, 1],
  ];
  console.log(
    table(
      `1. Edit-to-peer latency: ${options.clients} clients x ${options.editsPerSecond} edits/s on one postmortem, ` +
        `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per server ` +
        `(servers side by side, typing alternates in ${options.sliceMs / 1000} s slices, ${options.quietMs / 1000} s pause between)` +
        (options.carets ? ', caret (awareness) update after each edit' : ''),
      ['', 'ours', 'reference', 'ours/ref'],
      rows.map(([label, get, digits]) => [label, fmt(get(ours), digits), fmt(get(reference), digits), ratio(get(ours), get(reference))]),
    ),
  );
  for (const [name, run] of [['ours', ours], ['reference', reference]] as const) {
    const worst = run.load.worstSeconds.map((w) => `${w.second}s: ${fmt(w.maxMs, 0)} ms`).join(', ');
    console.log(`  ${name}: slowest seconds of the window (second: max latency) ${worst}`);
    if (run.serverProblems.length > 0) {
      console.log(`  ${name} server logged ${run.serverProblems.length} warning/error line(s), first: ${run.serverProblems[0]!.slice(0, 300)}`);
    }
  }
}
