/**
 * `npm run soak`: the real server in a child process (with scripts/soak/probe.mjs loaded into it)
 * under 200 clients over 20 documents for 10 minutes, the clients in separate processes. Samples
 * the server's memory (heap after a full collection, RSS), sockets and timers; reports their
 * slopes by linear regression, then checks that once everyone has left, the documents unload and
 * the sockets, timers and open logs are back at the baseline. Writes .tmp/soak-results.json;
 * exits 1 when a check fails.
 *   SOAK_MINUTES=1        minutes of typing (10 by default)
 *   SOAK_CLIENTS=200 SOAK_DOCUMENTS=20 SOAK_PROCESSES=2 SOAK_EDITS_PER_SECOND=1 SOAK_SAMPLE_SECONDS=5
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostmortemOverHttp } from '../../test/helpers/server.ts';
import { benchTempDir, cleanup, installExitHandlers, stopChild, trackChild } from '../bench/cleanup.ts';
import { childInbox } from '../bench/child-inbox.ts';
import { cpuSeconds, memory } from '../bench/proc-stats.ts';
import type { ProbeSample, SoakClientConfig, SoakClientMessage, SoakClientResult, SoakCommand, SoakDocument } from './protocol.ts';
import { printSoak, tcpHandles, timers, trend, type Check, type SoakReport } from './report.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const options = {
  minutes: num('SOAK_MINUTES', 10),
  clients: num('SOAK_CLIENTS', 200),
  documents: num('SOAK_DOCUMENTS', 20),
  processes: num('SOAK_PROCESSES', 2),
  editsPerSecond: num('SOAK_EDITS_PER_SECOND', 1),
  sampleSeconds: num('SOAK_SAMPLE_SECONDS', 5),
  unloadDelayMs: 2_000,
};
/**
 * Growth per minute under load, beyond the documents' own growth, above which the soak calls it
 * a leak. The documents themselves grow (a CRDT keeps its history: every insert stays as an item,
 * deleted or not), and the server holds each loaded document twice: the socket loop's copy (in
 * the heap sampled here) and the checks worker's (in the RSS only). The clients measure what one
 * copy of the documents takes; the sharper test stays the heap once everyone has left.
 */
const HEAP_SLOPE_LIMIT = 2;
const RSS_SLOPE_LIMIT = 4;
/** Heap after a full collection, once everyone has left, may exceed the baseline by this much (code compiled, caches warmed). */
const HEAP_AFTER_LIMIT = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

interface ProbedServer {
  child: ChildProcess;
  url: string;
  problems: string[];
  sample(): Promise<ProbeSample>;
}

async function startServer(dataDir: string): Promise<ProbedServer> {
  const child = trackChild(
    spawn(process.execPath, ['--expose-gc', '--import', 'tsx', '--import', './scripts/soak/probe.mjs', 'server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', UNLOAD_DELAY_MS: String(options.unloadDelayMs) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  const problems: string[] = [];
  const waiting: ((s: ProbeSample) => void)[] = [];
  child.on('message', (message: { type: string; sample: ProbeSample }) => {
    if (message.type === 'sample') waiting.shift()?.(message.sample);
  });
  child.stderr!.on('data', (chunk: Buffer) => problems.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const match = /Second Story is running at (\S+)/.exec(line);
        if (match) resolve(match[1]!);
        else if (/"level":"(warn|error)"/.test(line)) problems.push(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${problems.join('\n')}`)));
  });
  return {
    child,
    url,
    problems,
    sample: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send({ type: 'sample' });
      }),
  };
}

interface ClientProcess {
  child: ChildProcess;
  next(type: SoakClientMessage['type']): Promise<SoakClientMessage>;
  send(command: SoakCommand): void;
}

function startClients(config: SoakClientConfig): ClientProcess {
  const child = trackChild(
    spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(HERE, 'clients.ts'), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const { next } = childInbox<SoakClientMessage>(child, 'soak clients');
  return {
    child,
    next,
    send: (command) => child.send(command),
  };
}

function sumResults(results: SoakClientResult[]): SoakClientResult {
  const total = { ...results[0]! };
  const numeric = (Object.keys(total) as (keyof SoakClientResult)[]).filter((k) => typeof total[k] === 'number') as Exclude<keyof SoakClientResult, 'closeCodes'>[];
  for (const r of results.slice(1)) for (const key of numeric) total[key] += r[key];
  total.joinToSyncMaxMs = Math.max(...results.map((r) => r.joinToSyncMaxMs));
  total.closeCodes = {};
  for (const r of results) for (const [code, n] of Object.entries(r.closeCodes)) total.closeCodes[code] = (total.closeCodes[code] ?? 0) + n;
  return total;
}

/** Polls the probe until `ok` holds for a sample, or the time is up; returns the last sample. */
async function waitFor(sample: () => Promise<ProbeSample>, ok: (s: ProbeSample) => boolean, timeoutMs: number): Promise<ProbeSample> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await sample();
    if (ok(s) || Date.now() > deadline) return s;
    await sleep(500);
  }
}

async function main(): Promise<SoakReport> {
  installExitHandlers();
  const startLoad = loadAverage();
  console.log(`Second Story soak — ${os.cpus().length} CPUs, Node ${process.version}, load average ${startLoad.join(' ')}`);
  const dataDir = benchTempDir('soak');
  const server = await startServer(dataDir);
  const documents: SoakDocument[] = [];
  for (let i = 0; i < options.documents; i += 1) {
    const pm = await createPostmortemOverHttp(server.url, { title: `Soak ${i + 1}`, severity: 'SEV2' });
    documents.push({ room: pm.id, token: pm.tokens.participant });
  }
  // The HTTP client's kept-alive sockets close after a few seconds of quiet: wait them out.
  const baseline = await waitFor(server.sample, (s) => tcpHandles(s) <= 1, 15_000);

  const perDocument = Math.round(options.clients / options.documents);
  const processes = Array.from({ length: options.processes }, (_, p) =>
    startClients({
      wsUrl: `${server.url.replace(/^http/, 'ws')}/collab`,
      documents: documents.filter((_doc, i) => i % options.processes === p),
      clientsPerDocument: perDocument,
      editsPerSecond: options.editsPerSecond,
      burstMs: 20_000,
      pauseMs: 3_000,
      churnEveryMs: 10_000,
      maxTextLength: 600,
      seed: 1000 + p,
    }),
  );
  await Promise.all(processes.map((p) => p.next('synced')));
  console.log(`  ${perDocument * options.documents} clients synced; typing for ${options.minutes} min`);

  const samples: ProbeSample[] = [];
  const cpuStart = cpuSeconds(server.child.pid!);
  for (const p of processes) p.send({ type: 'start' });
  const end = Date.now() + options.minutes * 60_000;
  let nextPrint = Date.now() + 60_000;
  while (Date.now() < end) {
    await sleep(Math.min(options.sampleSeconds * 1000, Math.max(0, end - Date.now())));
    samples.push(await server.sample());
    if (Date.now() >= nextPrint) {
      const s = samples[samples.length - 1]!;
      console.log(`  ${Math.round((options.minutes * 60_000 - (end - Date.now())) / 60_000)} min: RSS ${s.rssMiB.toFixed(1)} MiB, heap ${s.heapUsedMiB.toFixed(1)} MiB, ${s.fds.sockets} sockets, ${timers(s)} timers`);
      nextPrint += 60_000;
    }
  }
  for (const p of processes) p.send({ type: 'stop' });
  const results = await Promise.all(processes.map(async (p) => ((await p.next('stopped')) as { result: SoakClientResult }).result));
  const serverCpuSeconds = cpuSeconds(server.child.pid!) - cpuStart;

  for (const p of processes) p.send({ type: 'leave' });
  await Promise.all(processes.map((p) => p.next('left')));
  const leftAt = Date.now();
  const back = (s: ProbeSample) =>
    s.fds.walFiles === 0 && s.fds.sockets <= baseline.fds.sockets && tcpHandles(s) <= tcpHandles(baseline) && timers(s) <= timers(baseline);
  const after = await waitFor(server.sample, back, options.unloadDelayMs + 30_000);
  const settleSeconds = (Date.now() - leftAt) / 1000;
  const serverPeakRssMiB = memory(server.child.pid!).peakMiB;
  await stopChild(server.child, 15_000);
  const exitCode = server.child.exitCode;

  // The first minute (at most a quarter of the run) is warm-up: documents fill, code gets optimised.
  const trendFrom = samples.findIndex((s) => s.at - samples[0]!.at >= Math.min(60_000, (options.minutes * 60_000) / 4));
  const trendSamples = samples.slice(Math.max(0, trendFrom));
  const t = trend(trendSamples);
  const clients = sumResults(results);
  const docsMiBPerMin = (clients.docsHeapBytesAtEnd - clients.docsHeapBytesAtStart) / 2 ** 20 / options.minutes;
  const heapBeyondDocs = t.heapMiBPerMin - docsMiBPerMin;
  const rssBeyondDocs = t.rssMiBPerMin - 2 * docsMiBPerMin;
  const checks: Check[] = [
    {
      what: 'heap flat under load, beyond the documents\' own growth',
      ok: heapBeyondDocs <= HEAP_SLOPE_LIMIT,
      detail: `${t.heapMiBPerMin.toFixed(2)} MiB/min - documents ${docsMiBPerMin.toFixed(2)} = ${heapBeyondDocs.toFixed(2)} (limit ${HEAP_SLOPE_LIMIT})`,
    },
    { what: 'heap back to baseline after everyone left', ok: after.heapUsedMiB - baseline.heapUsedMiB <= HEAP_AFTER_LIMIT, detail: `${(after.heapUsedMiB - baseline.heapUsedMiB).toFixed(1)} MiB above (limit ${HEAP_AFTER_LIMIT})` },
    {
      what: 'RSS flat under load, beyond the documents\' growth (two copies)',
      ok: rssBeyondDocs <= RSS_SLOPE_LIMIT,
      detail: `${t.rssMiBPerMin.toFixed(2)} MiB/min - 2 x ${docsMiBPerMin.toFixed(2)} = ${rssBeyondDocs.toFixed(2)} (limit ${RSS_SLOPE_LIMIT})`,
    },
    { what: 'documents unloaded', ok: after.fds.walFiles === 0, detail: `${after.fds.walFiles} write-ahead logs still open` },
    { what: 'sockets back to baseline', ok: after.fds.sockets <= baseline.fds.sockets && tcpHandles(after) <= tcpHandles(baseline), detail: `${after.fds.sockets} descriptors / ${tcpHandles(after)} TCP handles (baseline ${baseline.fds.sockets} / ${tcpHandles(baseline)})` },
    { what: 'timers back to baseline', ok: timers(after) <= timers(baseline), detail: `${timers(after)} (baseline ${timers(baseline)})` },
    { what: 'every client converged', ok: clients.unconvergedClients === 0, detail: `${clients.unconvergedClients} unconverged` },
    { what: 'every joining client synced', ok: clients.joinsNotSynced === 0, detail: `${clients.joinsNotSynced} not synced; slowest ${Math.round(clients.joinToSyncMaxMs)} ms` },
    { what: 'no socket refused or dropped', ok: Object.keys(clients.closeCodes).length === 0, detail: JSON.stringify(clients.closeCodes) },
    { what: 'no unexpected disconnects', ok: clients.unexpectedDisconnects === 0, detail: `${clients.unexpectedDisconnects}` },
    { what: 'no server warnings or errors', ok: server.problems.length === 0, detail: `${server.problems.length} line(s)` },
    { what: 'server stopped cleanly', ok: exitCode === 0, detail: `exit code ${exitCode}` },
  ];
  return {
    options: { ...options, clients: perDocument * options.documents },
    loadAverage: { start: startLoad, end: loadAverage() },
    baseline,
    samples,
    trendFrom: Math.max(0, trendFrom),
    trend: t,
    after,
    settleSeconds,
    serverCpuSeconds,
    serverPeakRssMiB,
    serverProblems: server.problems,
    clients,
    checks,
    ok: checks.every((c) => c.ok),
  };
}

main()
  .then(async (report) => {
    await cleanup();
    printSoak(report);
    const out = path.join(ROOT, '.tmp', 'soak-results.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(report) + '\n');
    console.log(`\nResults written to ${path.relative(ROOT, out)}; ${report.ok ? 'every check passed' : 'some checks FAILED'}`);
    process.exit(report.ok ? 0 : 1);
  })
  .catch(async (err: unknown) => {
    console.error(`soak failed: ${(err as Error).stack ?? String(err)}`);
    await cleanup();
    process.exit(1);
  });
