/** Metrics per calendar month and over the whole range, and the same numbers as CSV. */
import { computeAll, incidentMonth, isPublished, METRICS, PERIOD_RULE, type MetricId, type MetricUnit, type MetricValue } from './definitions.ts';
import { addMonths, monthOf, monthsBetween } from './time.ts';
import type { IncidentEntry } from './types.ts';

export interface PeriodMetrics {
  /** "YYYY-MM", or "overall" for the whole range. */
  period: string;
  postmortems: number;
  published: number;
  metrics: Record<MetricId, MetricValue>;
}

/** What the app shows beside each chart: the data that defines the metric. */
export interface MetricDescription {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  better: 'higher' | 'lower';
  definition: string;
}

export interface MetricsReport {
  from: string;
  to: string;
  timeZone: string;
  periodRule: string;
  definitions: MetricDescription[];
  /** One row per month from `from` to `to`, months without incidents included (0 postmortems, empty values). */
  months: PeriodMetrics[];
  overall: PeriodMetrics;
}

export interface MetricsRange {
  /** First month, "YYYY-MM". */
  from: string;
  /** Last month, "YYYY-MM", included. */
  to: string;
  /** IANA zone in which months are counted; UTC by default. */
  timeZone?: string;
}

/** The default range: the 12 months ending with the current one. */
export function lastTwelveMonths(now: Date, timeZone = 'UTC'): { from: string; to: string } {
  const to = monthOf(now.getTime(), timeZone);
  return { from: addMonths(to, -11), to };
}

/** The definitions without their functions, for the API and the app. */
export function metricDescriptions(): MetricDescription[] {
  return METRICS.map(({ id, label, unit, better, definition }) => ({ id, label, unit, better, definition }));
}

function period(name: string, entries: readonly IncidentEntry[]): PeriodMetrics {
  return { period: name, postmortems: entries.length, published: entries.filter(isPublished).length, metrics: computeAll(entries) };
}

/** Groups the entries by month and computes every metric per month and overall. */
export function computeMetricsReport(entries: readonly IncidentEntry[], range: MetricsRange): MetricsReport {
  const timeZone = range.timeZone ?? 'UTC';
  const months = monthsBetween(range.from, range.to);
  const byMonth = new Map<string, IncidentEntry[]>(months.map((m) => [m, []]));
  for (const entry of entries) {
    const month = incidentMonth(entry, timeZone);
    if (month !== null) byMonth.get(month)?.push(entry);
  }
  return {
    from: range.from,
    to: range.to,
    timeZone,
    periodRule: PERIOD_RULE,
    definitions: metricDescriptions(),
    months: months.map((m) => period(m, byMonth.get(m)!)),
    overall: period('overall', [...byMonth.values()].flat()),
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The report as CSV: one row per month then an "overall" row; a column per metric value and one
 * per metric's n (suffix `_n`). Empty cells are empty values.
 */
export function metricsReportToCsv(report: MetricsReport): string {
  const ids = METRICS.map((m) => m.id);
  const header = ['period', 'postmortems', 'published', ...ids, ...ids.map((id) => `${id}_n`)];
  const rows = [...report.months, report.overall].map((p) => [
    p.period,
    p.postmortems,
    p.published,
    ...ids.map((id) => p.metrics[id].value),
    ...ids.map((id) => p.metrics[id].n),
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
