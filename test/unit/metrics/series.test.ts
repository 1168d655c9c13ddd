import { describe, expect, it } from 'vitest';
import { computeMetricsReport, lastTwelveMonths, metricsReportToCsv } from '../../../shared/metrics/series.ts';
import { METRIC_IDS } from '../../../shared/metrics/definitions.ts';
import { addMonths, monthCount, monthOf, monthsBetween } from '../../../shared/metrics/time.ts';
import { entry, marchFixture } from './fixtures.ts';

describe('months', () => {
  it('adds months across years and lists ranges inclusively', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
    expect(monthCount('2025-04', '2026-03')).toBe(12);
  });

  it('puts an instant in the month of the asked time zone', () => {
    const t = Date.parse('2026-03-31T23:30:00-04:00'); // 03:30 UTC on 1 April (New York is on EDT)
    expect(monthOf(t)).toBe('2026-04');
    expect(monthOf(t, 'America/New_York')).toBe('2026-03');
    expect(monthOf(Date.parse('2026-02-28T20:00:00Z'), 'Asia/Tokyo')).toBe('2026-03');
  });

  it('defaults to the twelve months ending with the current one', () => {
    expect(lastTwelveMonths(new Date('2026-03-15T12:00:00Z'))).toEqual({ from: '2025-04', to: '2026-03' });
    expect(lastTwelveMonths(new Date('2026-01-01T02:00:00Z'), 'America/Los_Angeles')).toEqual({ from: '2025-01', to: '2025-12' });
  });
});

describe('metrics report', () => {
  it('has one row per month, months without incidents as zeros and empty values, and an overall row', () => {
    const report = computeMetricsReport(marchFixture(), { from: '2026-01', to: '2026-04' });
    expect(report.months.map((m) => m.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    for (const empty of [report.months[0]!, report.months[1]!, report.months[3]!]) {
      expect(empty.postmortems).toBe(0);
      expect(empty.published).toBe(0);
      for (const id of METRIC_IDS) expect(empty.metrics[id]).toEqual({ value: null, n: 0 });
    }
    const march = report.months[2]!;
    expect(march).toMatchObject({ postmortems: 4, published: 2 });
    expect(march.metrics.actionCompletionRate.value).toBe(0.6);
    expect(report.overall).toEqual({ ...march, period: 'overall' });
    expect(report.definitions.map((d) => d.id)).toEqual([...METRIC_IDS]);
    expect(report.periodRule).toMatch(/started/);
  });

  it('counts a postmortem in its incident month (started, else created) and leaves out those outside the range', () => {
    const entries = [
      entry('started-in-feb', { createdAt: '2026-03-02T00:00:00Z', startedAt: '2026-02-27T00:00:00Z' }),
      entry('created-in-mar', { createdAt: '2026-03-02T00:00:00Z' }),
      entry('too-early', { startedAt: '2025-12-31T23:00:00Z' }),
    ];
    const report = computeMetricsReport(entries, { from: '2026-01', to: '2026-03' });
    expect(report.months.map((m) => m.postmortems)).toEqual([0, 1, 1]);
    expect(report.overall.postmortems).toBe(2);
  });

  it('moves an incident to another month when months are counted in another time zone', () => {
    const late = entry('late', { startedAt: '2026-03-31T23:30:00-04:00' });
    expect(computeMetricsReport([late], { from: '2026-03', to: '2026-04' }).months.map((m) => m.postmortems)).toEqual([0, 1]);
    const inNewYork = computeMetricsReport([late], { from: '2026-03', to: '2026-04', timeZone: 'America/New_York' });
    expect(inNewYork.months.map((m) => m.postmortems)).toEqual([1, 0]);
    expect(inNewYork.timeZone).toBe('America/New_York');
  });

  it('writes the same numbers as CSV, empty cells for empty values', () => {
    const report = computeMetricsReport(marchFixture(), { from: '2026-02', to: '2026-03' });
    const lines = metricsReportToCsv(report).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['period', 'postmortems', 'published', 'actionCompletionRate']);
    expect(header).toContain('learningVelocity_n');
    const row = (line: string) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v]));
    expect(row(lines[1]!)).toMatchObject({ period: '2026-02', postmortems: '0', actionCompletionRate: '', actionCompletionRate_n: '0' });
    expect(row(lines[2]!)).toMatchObject({
      period: '2026-03',
      actionCompletionRate: '0.6',
      medianTimeToCloseDays: '10',
      repeatIncidentRate: '0.25',
      meanTimeToDetectMinutes: '30',
      nearMissReportingRate: '0.75',
      learningVelocity: '0.5',
      medianTimeToPublishDays: '5',
    });
    expect(row(lines[3]!).period).toBe('overall');
  });
});
