/**
 * Edit-to-peer latency scenarios: clients on one or more postmortems, against our server and
 * against the minimal reference relay. Each server and the load generators run in their own
 * processes, so the clients' CPU does not slow the servers down; both servers run side by side
 * and the clients type into one at a time, alternating in short slices.
 */
import { startGenerator } from './generator-process.ts';
import type { LoadMessage, LoadPart, LoadResult } from './load-protocol.ts';
import { cpuSeconds, mainThreadCpuSeconds, memory, threadCpuSeconds, type Memory } from './proc-stats.ts';
import { startOurs, startReference, type Target } from './servers.ts';
import { fmt, ratio, summarize, table } from './stats.ts';

export interface LatencyOptions {
  /** Names the scenario in BENCH_ONLY and in the results. */
  id: string;
  /** Clients in all, spread evenly over the documents. */
  clients: number;
  documents: number;
  /** Load-generator processes; each holds every client of its documents. */
  processes: number;
  editsPerSecond: number;
  /** Typing before measuring, per server: rounds of warmupMs, each followed by the quiet pause (so our checks run once per round). */
  warmupMs: number;
  warmupRounds: number;
  durationMs: number;
  /** Measured typing alternates between the servers in slices of this length. */
  sliceMs: number;
  /** Pause after each slice, so that work deferred until typing stops does not land in the other server's slice. */
  quietMs: number;
  carets: boolean;
  /** Extra environment for our server (e.g. COMPACT_AFTER_UPDATES), for diagnosis. */
  serverEnv: Record<string, string>;
  /** Extra node arguments for our server (e.g. --cpu-prof), for diagnosis. */
  serverArgs: string[];
  /** Extra node arguments for the reference relay (the same profiling, for comparison). */
  referenceArgs: string[];
}

export interface ServerRun {
  load: LoadResult;
  /**
   * Server CPU seconds over the whole measurement window (the server is loaded only in its own
   * slices, idle in the other's), and that per measured second as a share of one core.
   */
  serverCpuSeconds: number;
  /** The part of serverCpuSeconds spent on the main thread (the socket loop). */
  serverMainThreadCpuSeconds: number;
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

/** One target's parts from every generator, as one result. */
function merge(parts: LoadPart[], documents: number): LoadResult {
  const sum = (get: (p: LoadPart) => number) => parts.reduce((n, p) => n + get(p), 0);
  const measuredSeconds = parts[0]!.measuredSeconds;
  const maxBySecond: number[] = [];
  for (const p of parts) p.maxBySecond.forEach((ms, second) => (maxBySecond[second] = Math.max(maxBySecond[second] ?? 0, ms)));
  return {
    name: parts[0]!.name,
    clients: sum((p) => p.clients),
    documents,
    connectMs: Math.max(...parts.map((p) => p.connectMs)),
    editsSent: sum((p) => p.editsSent),
    editsMeasured: sum((p) => p.editsMeasured),
    measuredSeconds,
    latencyMs: summarize(parts.flatMap((p) => p.latencies)),
    latencyToAllMs: summarize(parts.flatMap((p) => p.toAll)),
    worstSeconds: maxBySecond
      .map((maxMs, second) => ({ second, maxMs }))
      .sort((a, b) => b.maxMs - a.maxMs)
      .slice(0, 5),
    deliveredPerSecond: sum((p) => p.deliveredWhileMeasuring) / measuredSeconds,
    lostDeliveries: sum((p) => p.lostDeliveries),
    editsNotEverywhere: sum((p) => p.editsNotEverywhere),
    unconvergedClients: sum((p) => p.unconvergedClients),
    textLength: sum((p) => p.textLength),
    expectedTextLength: sum((p) => p.expectedTextLength),
    settleMs: Math.max(...parts.map((p) => p.settleMs)),
    disconnects: sum((p) => p.disconnects),
    loadGenCpuSeconds: sum((p) => p.loadGenCpuSeconds),
    loadGenLoopDelayP99Ms: Math.max(...parts.map((p) => p.loadGenLoopDelayP99Ms)),
  };
}

/** Waits until `pid` uses under a tenth of a core over half a second (or `timeoutMs` passed). */
async function waitIdle(pid: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let before = cpuSeconds(pid);
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuSeconds(pid);
    if (now - before < 0.05) return;
    before = now;
  }
}

/**
 * Runs the load generators against all targets, every generator typing into the same target at
 * the same time, and samples each server's CPU over the measured window.
 */
async function runLoad(targets: Target[], options: LatencyOptions): Promise<ServerRun[]> {
  const generators = Array.from({ length: options.processes }, (_, p) =>
    startGenerator({
      targets: targets.map(({ name, wsUrl, documents }) => ({ name, wsUrl, documents: documents.filter((_doc, i) => i % options.processes === p) })),
      clientsPerDocument: Math.round(options.clients / options.documents),
      editsPerSecond: options.editsPerSecond,
      quietMs: options.quietMs,
      carets: options.carets,
      settleTimeoutMs: 15_000,
    }),
  );
  const all = (type: LoadMessage['type']) => Promise.all(generators.map((g) => g.next(type)));
  const type = async (target: number, ms: number, measure: boolean) => {
    for (const g of generators) g.command({ type: 'type', target, ms, measure });
    await all('typed');
  };
  await all('synced');
  const memoryAtStart = targets.map((t) => memory(t.pid));
  for (let t = 0; t < targets.length; t += 1) {
    for (let round = 0; round < options.warmupRounds; round += 1) await type(t, options.warmupMs, false);
  }
  // One-off work the warm-up set off (our checks worker starting, with its lexicon, and V8
  // compiling the engine over its first runs) is not steady-state cost.
  for (const t of targets) await t.warmedUp();
  await Promise.all(targets.map((t) => waitIdle(t.pid, 30_000)));
  const cpuStart = targets.map((t) => cpuSeconds(t.pid));
  const mainStart = targets.map((t) => mainThreadCpuSeconds(t.pid));
  const threadsStart = process.env.BENCH_THREADS ? targets.map((t) => threadCpuSeconds(t.pid)) : [];
  for (let done = 0; done < options.durationMs; done += options.sliceMs) {
    for (let t = 0; t < targets.length; t += 1) await type(t, Math.min(options.sliceMs, options.durationMs - done), true);
  }
  const cpuEnd = targets.map((t) => cpuSeconds(t.pid));
  const mainEnd = targets.map((t) => mainThreadCpuSeconds(t.pid));
  // BENCH_THREADS=1: each thread's CPU in the window, by thread name (diagnosis).
  threadsStart.forEach((start, i) => {
    const busy = [...threadCpuSeconds(targets[i]!.pid)].map(([name, s]) => [name, s - (start.get(name) ?? 0)] as const).filter(([, s]) => s > 0);
    console.log(`  ${targets[i]!.name} threads: ${busy.map(([name, s]) => `${name}=${s.toFixed(2)}`).join(', ')}`);
  });
  for (const g of generators) g.command({ type: 'finish' });
  const results = (await all('result')) as Extract<LoadMessage, { type: 'result' }>[];
  return targets.map((target, i) => {
    const serverCpuSeconds = cpuEnd[i]! - cpuStart[i]!;
    const load = merge(results.map((r) => r.parts[i]!), options.documents);
    return {
      load,
      serverCpuSeconds,
      serverMainThreadCpuSeconds: mainEnd[i]! - mainStart[i]!,
      serverCpuPercent: (100 * serverCpuSeconds) / load.measuredSeconds,
      memoryAtStart: memoryAtStart[i]!,
      memoryAtEnd: memory(target.pid),
      serverProblems: target.problems(),
    };
  });
}

/**
 * Both servers run side by side; the load generator types into one at a time, alternating in
 * short slices, so that noise from the rest of the (shared) machine falls on both alike.
 */
export async function runLatency(options: LatencyOptions): Promise<LatencyResult> {
  const targets: Target[] = [];
  try {
    targets.push(await startOurs(options.serverEnv, options.documents, undefined, options.serverArgs));
    targets.push(await startReference(options.documents, {}, options.referenceArgs));
    const [ours, reference] = await runLoad(targets, options);
    return { options, ours: ours!, reference: reference! };
  } finally {
    for (const target of targets) await target.stop();
  }
}

const peers = (o: LatencyOptions) => Math.round(o.clients / o.documents) - 1;
const scenarioName = (o: LatencyOptions) =>
  `${o.clients} clients x ${o.documents} ${o.documents === 1 ? 'postmortem' : 'postmortems'} x ${o.editsPerSecond} edits/s`;

export function printLatency(result: LatencyResult): void {
  const { ours, reference, options } = result;
  const rows: [string, (r: ServerRun) => number, number][] = [
    ['latency median (ms)', (r) => r.load.latencyMs.median, 1],
    ['latency p95 (ms)', (r) => r.load.latencyMs.p95, 1],
    ['latency p99 (ms)', (r) => r.load.latencyMs.p99, 1],
    ['latency max (ms)', (r) => r.load.latencyMs.max, 1],
    ['latency samples (edit x receiver)', (r) => r.load.latencyMs.n, 0],
    [`edit to all ${peers(options)} peers median (ms)`, (r) => r.load.latencyToAllMs.median, 1],
    [`edit to all ${peers(options)} peers p99 (ms)`, (r) => r.load.latencyToAllMs.p99, 1],
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
    ['  of which main thread (s)', (r) => r.serverMainThreadCpuSeconds, 2],
    ['  of which other threads (s)', (r) => r.serverCpuSeconds - r.serverMainThreadCpuSeconds, 2],
    ['server CPU per measured s (% of a core)', (r) => r.serverCpuPercent, 1],
    ['server RSS after sync (MiB)', (r) => r.memoryAtStart.rssMiB, 1],
    ['server RSS at end (MiB)', (r) => r.memoryAtEnd.rssMiB, 1],
    ['server peak RSS VmHWM (MiB)', (r) => r.memoryAtEnd.peakMiB, 1],
    ['load-gen CPU in its slices (s)', (r) => r.load.loadGenCpuSeconds, 2],
    ['load-gen loop delay p99 (ms)', (r) => r.load.loadGenLoopDelayP99Ms, 1],
  ];
  console.log(
    table(
      `Edit-to-peer latency (${options.id}): ${scenarioName(options)} ` +
        `(${options.processes} load-generator ${options.processes === 1 ? 'process' : 'processes'}), ` +
        `${options.warmupRounds} x ${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s measured per server ` +
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

/** One line per scenario: our figures as ratios to the reference's, against the targets. */
export function printLatencySummary(results: LatencyResult[]): void {
  const cell = (get: (r: ServerRun) => number, r: LatencyResult, digits = 1) =>
    `${fmt(get(r.ours), digits)} / ${fmt(get(r.reference), digits)} = ${ratio(get(r.ours), get(r.reference))}`;
  console.log(
    table(
      'Edit-to-peer scenarios, ours / reference (targets: p99 <= 1.1x, CPU <= 1.3x, nothing lost or unconverged)',
      ['scenario', 'p50 (ms)', 'p99 (ms)', 'delivered updates/s', 'server CPU (s)', 'peak RSS (MiB)', 'lost; unconverged (ours, ref)'],
      results.map((r) => [
        scenarioName(r.options),
        cell((x) => x.load.latencyMs.median, r),
        cell((x) => x.load.latencyMs.p99, r),
        cell((x) => x.load.deliveredPerSecond, r, 0),
        cell((x) => x.serverCpuSeconds, r, 2),
        cell((x) => x.memoryAtEnd.peakMiB, r, 0),
        `${r.ours.load.lostDeliveries + r.ours.load.editsNotEverywhere}; ${r.ours.load.unconvergedClients} / ` +
          `${r.reference.load.lostDeliveries + r.reference.load.editsNotEverywhere}; ${r.reference.load.unconvergedClients}`,
      ]),
    ),
  );
}

/** The edit-to-peer scenarios of `npm run bench` (BENCH_ONLY=latency runs them all). */
export const LATENCY_SCENARIOS: Pick<LatencyOptions, 'id' | 'clients' | 'documents' | 'processes' | 'editsPerSecond'>[] = [
  { id: 'latency10', clients: 10, documents: 1, processes: 1, editsPerSecond: 5 },
  { id: 'latency50', clients: 50, documents: 1, processes: 1, editsPerSecond: 2 },
  { id: 'latency200', clients: 200, documents: 20, processes: 2, editsPerSecond: 1 },
];
