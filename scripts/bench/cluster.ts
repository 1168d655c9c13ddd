/**
 * `BENCH_ONLY=cluster`: 200 clients x 20 postmortems x 1 edit/s against one server process and
 * against three processes sharing the documents through Redis, both on PostgreSQL and both
 * behind the same kind of TCP balancer (the three get each document's clients in turn). The two
 * run side by side and the load generators (load-generator.ts) type into one at a time, in
 * alternating slices. Needs PostgreSQL (DATABASE_URL, an admin connection: a database is made
 * and dropped) and Redis (REDIS_URL); defaults are the local ones .ci/run uses.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startChildServer, type ChildServer } from '../../test/helpers/child-server.ts';
import { createPostmortemOverHttp } from '../../test/helpers/server.ts';
import { startBalancer, type Balancer } from '../../test/helpers/tcp-balancer.ts';
import { benchTempDir, trackChild } from './cleanup.ts';
import { startGenerator } from './generator-process.ts';
import type { LoadDocument, LoadMessage, LoadPart } from './load-protocol.ts';
import { cpuSeconds, memory } from './proc-stats.ts';
import { fmt, ratio, summarize, table, type Summary } from './stats.ts';


export interface ClusterBenchOptions {
  clients: number;
  documents: number;
  /** Load-generator processes. */
  processes: number;
  editsPerSecond: number;
  warmupMs: number;
  durationMs: number;
  sliceMs: number;
  quietMs: number;
}

export interface ClusterRun {
  name: string;
  serverProcesses: number;
  latencyMs: Summary;
  latencyToAllMs: Summary;
  deliveredPerSecond: number;
  editsMeasured: number;
  lost: number;
  unconverged: number;
  disconnects: number;
  /** CPU of every server process together over the measured window (Redis and PostgreSQL not counted). */
  serverCpuSeconds: number;
  /** Peak RSS of each server process, MiB. */
  peakRssMiB: number[];
  serverProblems: number;
}

export interface ClusterBenchResult {
  options: ClusterBenchOptions;
  runs: ClusterRun[];
}

interface Group {
  name: string;
  servers: ChildServer[];
  balancer: Balancer;
  documents: LoadDocument[];
  database: string;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `count` server processes on a new database (sharing it through Redis when more than one), behind a balancer. */
async function startGroup(name: string, count: number, documents: number): Promise<Group> {
  const database = `second_story_bench_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${database}`;
  const env: Record<string, string> = { DATABASE_URL: url.toString(), LOG_LEVEL: 'info', ORG_TOKEN: 'benchmark-organisation-token' };
  if (count > 1) Object.assign(env, { REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379', REDIS_PREFIX: `second-story-bench-${database}:` });
  const servers = await Promise.all(Array.from({ length: count }, () => startChildServer(benchTempDir('cluster'), env)));
  for (const s of servers) trackChild(s.process);
  const docs: LoadDocument[] = [];
  for (let i = 0; i < documents; i += 1) {
    const pm = await createPostmortemOverHttp(servers[i % count]!.url, { title: 'Benchmark', severity: 'SEV2' });
    docs.push({ room: pm.id, token: pm.tokens.participant });
  }
  const balancer = await startBalancer(() => servers.map((s) => s.url));
  return { name, servers, balancer, documents: docs, database };
}

async function stopGroup(group: Group): Promise<void> {
  await group.balancer.close();
  await Promise.all(group.servers.map((s) => s.stop()));
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${group.database} WITH (FORCE)`));
}

const cpuOf = (group: Group) => group.servers.reduce((sum, s) => sum + cpuSeconds(s.process.pid!), 0);

export async function runCluster(options: ClusterBenchOptions): Promise<ClusterBenchResult> {
  const groups: Group[] = [];
  try {
    groups.push(await startGroup('one process', 1, options.documents));
    groups.push(await startGroup('three processes', 3, options.documents));
    const generators = Array.from({ length: options.processes }, (_, p) =>
      startGenerator({
        targets: groups.map((g) => ({ name: g.name, wsUrl: g.balancer.wsUrl, documents: g.documents.filter((_d, i) => i % options.processes === p) })),
        clientsPerDocument: Math.round(options.clients / options.documents),
        editsPerSecond: options.editsPerSecond,
        quietMs: options.quietMs,
        carets: false,
        settleTimeoutMs: 15_000,
      }),
    );
    const all = (type: LoadMessage['type']) => Promise.all(generators.map((g) => g.next(type)));
    const type = async (target: number, ms: number, measure: boolean) => {
      for (const g of generators) g.command({ type: 'type', target, ms, measure });
      await all('typed');
    };
    await all('synced');
    for (let t = 0; t < groups.length; t += 1) await type(t, options.warmupMs, false);
    const cpuStart = groups.map(cpuOf);
    for (let done = 0; done < options.durationMs; done += options.sliceMs) {
      for (let t = 0; t < groups.length; t += 1) await type(t, Math.min(options.sliceMs, options.durationMs - done), true);
    }
    const cpuEnd = groups.map(cpuOf);
    for (const g of generators) g.command({ type: 'finish' });
    const results = (await all('result')) as Extract<LoadMessage, { type: 'result' }>[];
    const runs = groups.map((group, i): ClusterRun => {
      const parts: LoadPart[] = results.map((r) => r.parts[i]!);
      const sum = (get: (p: LoadPart) => number) => parts.reduce((n, p) => n + get(p), 0);
      return {
        name: group.name,
        serverProcesses: group.servers.length,
        latencyMs: summarize(parts.flatMap((p) => p.latencies)),
        latencyToAllMs: summarize(parts.flatMap((p) => p.toAll)),
        deliveredPerSecond: sum((p) => p.deliveredWhileMeasuring) / parts[0]!.measuredSeconds,
        editsMeasured: sum((p) => p.editsMeasured),
        lost: sum((p) => p.lostDeliveries + p.editsNotEverywhere),
        unconverged: sum((p) => p.unconvergedClients),
        disconnects: sum((p) => p.disconnects),
        serverCpuSeconds: cpuEnd[i]! - cpuStart[i]!,
        peakRssMiB: group.servers.map((s) => memory(s.process.pid!).peakMiB),
        serverProblems: group.servers.reduce((n, s) => n + s.output.filter((l) => /"level":"(warn|error)"/.test(l)).length, 0),
      };
    });
    return { options, runs };
  } finally {
    for (const group of groups) await stopGroup(group);
  }
}

export function printCluster(result: ClusterBenchResult): void {
  const [one, three] = result.runs as [ClusterRun, ClusterRun];
  const o = result.options;
  const rows: [string, (r: ClusterRun) => number, number][] = [
    ['latency median (ms)', (r) => r.latencyMs.median, 1],
    ['latency p95 (ms)', (r) => r.latencyMs.p95, 1],
    ['latency p99 (ms)', (r) => r.latencyMs.p99, 1],
    ['latency max (ms)', (r) => r.latencyMs.max, 1],
    ['edit to all peers p99 (ms)', (r) => r.latencyToAllMs.p99, 1],
    ['edits sent in window', (r) => r.editsMeasured, 0],
    ['delivered updates/s', (r) => r.deliveredPerSecond, 0],
    ['lost deliveries + edits not everywhere', (r) => r.lost, 0],
    ['unconverged clients', (r) => r.unconverged, 0],
    ['disconnects', (r) => r.disconnects, 0],
    ['server CPU in window, all processes (s)', (r) => r.serverCpuSeconds, 2],
    ['peak RSS per process, max (MiB)', (r) => Math.max(...r.peakRssMiB), 0],
    ['server warning/error lines', (r) => r.serverProblems, 0],
  ];
  console.log(
    table(
      `Several processes (cluster): ${o.clients} clients x ${o.documents} postmortems x ${o.editsPerSecond} edit/s, PostgreSQL store, ` +
        `behind a TCP balancer; ${o.warmupMs / 1000} s warm-up + ${o.durationMs / 1000} s measured each, alternating ${o.sliceMs / 1000} s slices`,
      ['', 'one process', 'three processes + Redis', 'three/one'],
      rows.map(([label, get, digits]) => [label, fmt(get(one), digits), fmt(get(three), digits), ratio(get(three), get(one))]),
    ),
  );
}
