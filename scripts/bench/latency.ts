/**
 * Scenario 1: edit-to-peer latency with many clients on one postmortem, against our server and
 * against the minimal reference relay. Each server and the load generator run in their own
 * processes, so the clients' CPU does not slow the server down.
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
  carets: boolean;
  /** Extra environment for our server (e.g. COMPACT_AFTER_UPDATES), for diagnosis. */
  serverEnv: Record<string, string>;
}

export interface ServerRun {
  load: LoadResult;
  /** Server CPU seconds during the measurement window, and as a share of one core. */
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
    pid: child.pid!,
    wsUrl: `${url.replace(/^http/, 'ws')}/collab`,
    room: 'benchmark-room',
    token: 'ignored-by-the-reference',
    problems: () => output.filter((line) => !line.startsWith('listening')),
    stop: () => stopChild(child),
  };
}

/** Runs the load generator against `target`, sampling the server's CPU over the measurement window. */
function runLoad(target: Target, options: LatencyOptions): Promise<Omit<ServerRun, 'memoryAtEnd' | 'serverProblems'>> {
  const config: LoadConfig = {
    clients: options.clients,
    editsPerSecond: options.editsPerSecond,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    carets: options.carets,
    wsUrl: target.wsUrl, room: target.room, token: target.token, settleTimeoutMs: 15_000 };
  const child: ChildProcess = trackChild(
    spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load-generator.ts'), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  let memoryAtStart: Memory | null = null;
  let cpuStart = 0;
  let cpuEnd = 0;
  let windowStart = 0;
  let windowEnd = 0;
  return new Promise((resolve, reject) => {
    child.on('message', (message: LoadMessage) => {
      if (message.type === 'phase' && message.phase === 'synced') memoryAtStart = memory(target.pid);
      if (message.type === 'phase' && message.phase === 'measure-start') {
        cpuStart = cpuSeconds(target.pid);
        windowStart = performance.now();
      }
      if (message.type === 'phase' && message.phase === 'measure-end') {
        cpuEnd = cpuSeconds(target.pid);
        windowEnd = performance.now();
      }
      if (message.type === 'error') reject(new Error(`load generator failed: ${message.message}`));
      if (message.type === 'result') {
        const serverCpuSeconds = cpuEnd - cpuStart;
        resolve({
          load: message.result,
          serverCpuSeconds,
          serverCpuPercent: (100 * serverCpuSeconds) / ((windowEnd - windowStart) / 1000),
          memoryAtStart: memoryAtStart!,
        });
      }
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

async function measure(start: () => Promise<Target>, options: LatencyOptions): Promise<ServerRun> {
  const target = await start();
  try {
    const run = await runLoad(target, options);
    return { ...run, memoryAtEnd: memory(target.pid), serverProblems: target.problems() };
  } finally {
    await target.stop();
  }
}

export async function runLatency(options: LatencyOptions): Promise<LatencyResult> {
  const ours = await measure(() => startOurs(options.serverEnv), options);
  const reference = await measure(startReference, options);
  return { options, ours, reference };
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
    ['server CPU (% of a core)', (r) => r.serverCpuPercent, 0],
    ['server RSS after sync (MiB)', (r) => r.memoryAtStart.rssMiB, 1],
    ['server RSS at end (MiB)', (r) => r.memoryAtEnd.rssMiB, 1],
    ['server peak RSS VmHWM (MiB)', (r) => r.memoryAtEnd.peakMiB, 1],
    ['load-gen CPU in window (s)', (r) => r.load.loadGenCpuSeconds, 2],
    ['load-gen loop delay p99 (ms)', (r) => r.load.loadGenLoopDelayP99Ms, 1],
  ];
  console.log(
    table(
      `1. Edit-to-peer latency: ${options.clients} clients x ${options.editsPerSecond} edits/s on one postmortem, ` +
        `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured` +
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
