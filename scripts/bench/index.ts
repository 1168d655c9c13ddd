/**
 * `npm run bench`: the benchmark suite. Prints the machine, one table per scenario and a JSON
 * summary line, and writes the JSON to .tmp/bench-results.json.
 *   BENCH_ONLY=latency,cold,save  run some scenarios only (all six by default: latency,cold,save,engine,paint,dashboard)
 *     (latency runs the three edit-to-peer scenarios; latency10, latency50, latency200 pick one)
 *   BENCH_SECONDS=12              measured seconds of each edit-to-peer scenario
 *   BENCH_WARMUP_ROUNDS=3         3-second typing rounds per server before measuring (1 = only the checks worker's start)
 *   BENCH_CPU_PROF=.tmp/prof      write CPU profiles of both servers (node --cpu-prof) into that folder's ours/ and reference/
 *   BENCH_SERVER_ARGS='--trace-gc'  extra node arguments for our server (diagnosis)
 *   BENCH_SERVER_ENV='{"COMPACT_AFTER_UPDATES":"100000"}'  extra environment for our server (diagnosis)
 *   BENCH_THREADS=1               print each server thread's CPU in the edit-to-peer window (diagnosis)
 *   BENCH_CARETS=1                clients also publish their caret after each edit (awareness load)
 *   BENCH_ONLY=cluster            one process vs three sharing documents through Redis (needs PostgreSQL and Redis; not in the default set)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, installExitHandlers } from './cleanup.ts';
import { printCluster, runCluster, type ClusterBenchResult } from './cluster.ts';
import { printColdLoad, runColdLoad, type ColdLoadResult } from './cold-load.ts';
import { printDashboard, runDashboard, type DashboardResult } from './dashboard.ts';
import { printEngine, runEngine, type EngineResult } from './engine.ts';
import { LATENCY_SCENARIOS, printLatency, printLatencySummary, runLatency, type LatencyResult } from './latency.ts';
import { printPaint, runPaint, type PaintResult } from './paint.ts';
import { printSaveCost, runSaveCost, type SaveCostResult } from './save-cost.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const only = new Set((process.env.BENCH_ONLY ?? 'latency,cold,save,engine,paint,dashboard').split(','));
const seconds = Number(process.env.BENCH_SECONDS ?? 12);
const warmupRounds = Number(process.env.BENCH_WARMUP_ROUNDS ?? 3);
const carets = process.env.BENCH_CARETS === '1';
const serverEnv = JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}') as Record<string, string>;

interface Results {
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[] };
  latency?: LatencyResult[];
  coldLoad?: ColdLoadResult;
  saveCost?: SaveCostResult;
  engine?: EngineResult;
  paint?: PaintResult;
  dashboard?: DashboardResult;
  cluster?: ClusterBenchResult;
  totalSeconds?: number;
}

/** Node arguments that profile one server (BENCH_CPU_PROF), into its own folder. */
function profile(who: string): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF, who)}`] : [];
}

async function main(): Promise<void> {
  installExitHandlers();
  const started = performance.now();
  const cpus = os.cpus();
  const results: Results = {
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  const m = results.machine;
  console.log(`Second Story benchmarks — ${m.cpus} x ${m.cpuModel}, Node ${m.node}, ${m.platform}, load average ${m.loadAverage.join(' ')}`);

  try {
    const latencyRuns = LATENCY_SCENARIOS.filter((s) => only.has('latency') || only.has(s.id));
    const serverArgs = [...profile('ours'), ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)];
    const referenceArgs = profile('reference');
    for (const scenario of latencyRuns) {
      const result = await runLatency({ ...scenario, warmupMs: 3_000, warmupRounds, durationMs: seconds * 1000, sliceMs: 4_000, quietMs: 1_500, carets, serverEnv, serverArgs, referenceArgs });
      printLatency(result);
      (results.latency ??= []).push(result);
    }
    if (results.latency) printLatencySummary(results.latency);
    if (only.has('cold')) {
      results.coldLoad = await runColdLoad({ updates: 20_000, runs: 5 });
      printColdLoad(results.coldLoad);
    }
    if (only.has('save')) {
      results.saveCost = await runSaveCost({ postmortems: 10_000, appends: 2_000, compactions: 20, documentBytes: 50_000 });
      printSaveCost(results.saveCost);
    }
    if (only.has('engine')) {
      results.engine = runEngine({
        sizes: [
          { kb: 5, coldRuns: 9, warmRuns: 25 },
          { kb: 50, coldRuns: 7, warmRuns: 25 },
          { kb: 500, coldRuns: 3, warmRuns: 25 },
        ],
      });
      printEngine(results.engine);
    }
    if (only.has('paint')) {
      results.paint = await runPaint({ documentKb: 50, keypressesPerMode: 150, blocksPerMode: 2, warmupKeys: 5, pauseMs: 40, maxTypingMsPerBlock: 10_000 });
      printPaint(results.paint);
    }
    if (only.has('cluster')) {
      results.cluster = await runCluster({ clients: 200, documents: 20, processes: 2, editsPerSecond: 1, warmupMs: 3_000, durationMs: seconds * 1000, sliceMs: 4_000, quietMs: 1_500 });
      printCluster(results.cluster);
    }
    if (only.has('dashboard')) {
      results.dashboard = await runDashboard({ small: 100, large: 10_000, requests: 40, warmup: 5, starts: 3 });
      printDashboard(results.dashboard);
    }
  } finally {
    await cleanup();
  }

  results.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
  const json = JSON.stringify(results);
  const out = path.join(ROOT, '.tmp', 'bench-results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, json + '\n');
  console.log(`\nTotal ${results.totalSeconds} s; results written to ${path.relative(ROOT, out)}`);
  console.log(json);
}

// Exit explicitly: the 'exit' handler then kills anything a failure left running.
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`benchmark failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
