/**
 * `npm run bench`: the benchmark suite. Prints the machine, one table per scenario and a JSON
 * summary line, and writes the JSON to .tmp/bench-results.json.
 *   BENCH_ONLY=latency,cold,save  run some scenarios only (all five by default: latency,cold,save,engine,paint)
 *   BENCH_SECONDS=20              measured seconds of the latency scenario
 *   BENCH_CLIENTS=50              clients of the latency scenario
 *   BENCH_SERVER_ENV='{"COMPACT_AFTER_UPDATES":"100000"}'  extra environment for our server (diagnosis)
 *   BENCH_CARETS=1                clients also publish their caret after each edit (awareness load)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanup, installExitHandlers } from './cleanup.ts';
import { printColdLoad, runColdLoad, type ColdLoadResult } from './cold-load.ts';
import { printEngine, runEngine, type EngineResult } from './engine.ts';
import { printLatency, runLatency, type LatencyResult } from './latency.ts';
import { printPaint, runPaint, type PaintResult } from './paint.ts';
import { printSaveCost, runSaveCost, type SaveCostResult } from './save-cost.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const only = new Set((process.env.BENCH_ONLY ?? 'latency,cold,save,engine,paint').split(','));
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const carets = process.env.BENCH_CARETS === '1';
const serverEnv = JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}') as Record<string, string>;

interface Results {
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadAverage: number[] };
  latency?: LatencyResult;
  coldLoad?: ColdLoadResult;
  saveCost?: SaveCostResult;
  engine?: EngineResult;
  paint?: PaintResult;
  totalSeconds?: number;
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
    if (only.has('latency')) {
      results.latency = await runLatency({ clients, editsPerSecond: 2, warmupMs: 3_000, durationMs: seconds * 1000, sliceMs: 5_000, quietMs: 2_000, carets, serverEnv });
      printLatency(results.latency);
    }
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
