/** The soak's figures: least-squares slopes over the samples, verdicts and the printed table. */
import { fmt, table } from '../bench/stats.ts';
import type { ProbeSample, SoakClientResult } from './protocol.ts';

/** Least-squares slope of y over x (NaN with fewer than two distinct x). */
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

export const timers = (s: ProbeSample) => s.resources.Timeout ?? 0;
export const tcpHandles = (s: ProbeSample) => s.resources.TCPSocketWrap ?? 0;

export interface Trend {
  /** Per minute, by linear regression over the samples after the warm-up. */
  rssMiBPerMin: number;
  heapMiBPerMin: number;
  socketsPerMin: number;
  timersPerMin: number;
}

/** Slopes over `samples`, x in minutes since the first of them. */
export function trend(samples: ProbeSample[]): Trend {
  const t0 = samples[0]?.at ?? 0;
  const per = (get: (s: ProbeSample) => number) => slope(samples.map((s) => [(s.at - t0) / 60_000, get(s)]));
  return {
    rssMiBPerMin: per((s) => s.rssMiB),
    heapMiBPerMin: per((s) => s.heapUsedMiB),
    socketsPerMin: per((s) => s.fds.sockets),
    timersPerMin: per(timers),
  };
}

export interface Check {
  what: string;
  ok: boolean;
  detail: string;
}

export interface SoakReport {
  options: Record<string, number>;
  loadAverage: { start: number[]; end: number[] };
  baseline: ProbeSample;
  /** Samples while the clients were connected and typing. */
  samples: ProbeSample[];
  /** Samples used for the trend (after the warm-up). */
  trendFrom: number;
  trend: Trend;
  /** After every client left and the documents unloaded. */
  after: ProbeSample;
  /** Seconds from the last client leaving to the handle counts being back at the baseline. */
  settleSeconds: number;
  serverCpuSeconds: number;
  serverPeakRssMiB: number;
  serverProblems: string[];
  clients: SoakClientResult;
  checks: Check[];
  ok: boolean;
}

const range = (xs: number[]) => `${fmt(Math.min(...xs), 0)}-${fmt(Math.max(...xs), 0)}`;

export function printSoak(r: SoakReport): void {
  const load = r.samples.slice(r.trendFrom);
  const first = load[0]!;
  const last = load[load.length - 1]!;
  const o = r.options;
  console.log(
    table(
      `Soak: ${o.clients} clients over ${o.documents} documents, ${o.editsPerSecond} edit/s each, ${o.minutes} min ` +
        `(${o.processes} client processes; ${r.samples.length} samples, trend over the last ${load.length})`,
      ['', 'baseline', 'under load (first..last of trend)', 'slope per minute', 'after everyone left'],
      [
        ['RSS (MiB)', fmt(r.baseline.rssMiB), `${fmt(first.rssMiB)} .. ${fmt(last.rssMiB)}`, fmt(r.trend.rssMiBPerMin, 2), fmt(r.after.rssMiB)],
        ['heap after GC (MiB)', fmt(r.baseline.heapUsedMiB), `${fmt(first.heapUsedMiB)} .. ${fmt(last.heapUsedMiB)}`, fmt(r.trend.heapMiBPerMin, 2), fmt(r.after.heapUsedMiB)],
        ['socket descriptors', fmt(r.baseline.fds.sockets, 0), range(load.map((s) => s.fds.sockets)), fmt(r.trend.socketsPerMin, 2), fmt(r.after.fds.sockets, 0)],
        ['TCP handles', fmt(tcpHandles(r.baseline), 0), range(load.map(tcpHandles)), '', fmt(tcpHandles(r.after), 0)],
        ['active timers', fmt(timers(r.baseline), 0), range(load.map(timers)), fmt(r.trend.timersPerMin, 2), fmt(timers(r.after), 0)],
        ['event-loop delay p99 / max (ms)', '', `${fmt(Math.max(...load.map((s) => s.loopDelayP99Ms)), 0)} / ${fmt(Math.max(...load.map((s) => s.loopDelayMaxMs)), 0)} (worst sample)`, '', ''],
        ['open write-ahead logs', fmt(r.baseline.fds.walFiles, 0), range(load.map((s) => s.fds.walFiles)), '', fmt(r.after.fds.walFiles, 0)],
        ['other descriptors', fmt(r.baseline.fds.other, 0), range(load.map((s) => s.fds.other)), '', fmt(r.after.fds.other, 0)],
      ],
    ),
  );
  const c = r.clients;
  console.log(
    `  clients: ${c.editsSent.toLocaleString('en-US')} edits (${c.deletions.toLocaleString('en-US')} of them deletions), ${c.leaves} clients replaced mid-run, ` +
      `${c.unexpectedDisconnects} unexpected disconnects, ${c.unconvergedClients} unconverged clients (${c.unconvergedDocuments} documents)`,
  );
  console.log(
    `  mid-run joins: sync took ${fmt(c.joinToSyncSumMs / Math.max(1, c.leaves), 0)} ms on average, ${fmt(c.joinToSyncMaxMs, 0)} ms at most; ${c.joinsNotSynced} not synced at the end`,
  );
  console.log(
    `  documents' encoded state: ${fmt(c.stateBytesAtStart / 1024)} KiB -> ${fmt(c.stateBytesAtEnd / 1024)} KiB ` +
      `(one copy in memory: ${fmt(c.docsHeapBytesAtStart / 2 ** 20)} -> ${fmt(c.docsHeapBytesAtEnd / 2 ** 20)} MiB); ` +
      `server CPU ${fmt(r.serverCpuSeconds)} s, peak RSS ${fmt(r.serverPeakRssMiB)} MiB; handles back to baseline ${fmt(r.settleSeconds)} s after the last client left`,
  );
  console.log(`  load average at start ${r.loadAverage.start.join(' ')}, at end ${r.loadAverage.end.join(' ')}`);
  if (r.serverProblems.length > 0) console.log(`  server logged ${r.serverProblems.length} warning/error line(s), first: ${r.serverProblems[0]!.slice(0, 300)}`);
  for (const check of r.checks) console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.what}: ${check.detail}`);
}
