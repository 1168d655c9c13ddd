import { describe, expect, it } from 'vitest';
import { buildTimeBar } from '../../../client/pictures/time-bar-model.ts';
import { axisTicks, dayMarks, domainAround } from '../../../client/pictures/time-axis.ts';
import { emptySnapshot, sampleSnapshot } from './snapshots.ts';

function withTimes(times: Partial<Record<'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt', string>>, entries: string[] = []) {
  const s = emptySnapshot();
  Object.assign(s.meta, times);
  s.timeline = entries.map((at, i) => ({ id: `e${i}`, at, body: `Entry ${i + 1}`, known: '' }));
  return s;
}

describe('the incident time bar', () => {
  it('draws the sample in Berlin time: four milestones in order, three ticks, time to detect and to recover', () => {
    const bar = buildTimeBar(sampleSnapshot(), 'Europe/Berlin');
    expect(bar.empty).toBe(false);
    expect(bar.milestones.map((m) => [m.key, m.time])).toEqual([
      ['started', '14:58'],
      ['detected', '15:09'],
      ['mitigated', '15:31'],
      ['resolved', '15:52'],
    ]);
    expect(bar.milestones[0]!.full).toBe('2026-11-02 14:58 GMT+1');
    const xs = bar.milestones.map((m) => m.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
    expect(bar.ticks.map((t) => t.time)).toEqual(['14:58', '15:09', '15:31']);
    expect(bar.spans.map((s) => [s.key, s.duration])).toEqual([
      ['detect', '11m'],
      ['recover', '54m'],
    ]);
    expect(bar.detectionGap).toEqual({ x0: xs[0], x1: xs[1] });
    expect(bar.zoneName).toBe('Europe/Berlin (UTC+01:00)');
    expect(bar.multiDay).toBe(false);
    expect(bar.days).toEqual([]);
    expect(bar.missing).toEqual([]);
    expect(bar.description).toContain('Time to detect: 11m.');
  });

  it('shows the same instants in the viewer zone, with ticks on round local times even at a half-hour offset', () => {
    const ny = buildTimeBar(sampleSnapshot(), 'America/New_York');
    expect(ny.milestones[0]!.time).toBe('08:58');
    expect(ny.zoneName).toBe('America/New_York (UTC-05:00)');
    const kolkata = buildTimeBar(sampleSnapshot(), 'Asia/Kolkata');
    expect(kolkata.milestones.map((m) => m.time)).toEqual(['19:28', '19:39', '20:01', '20:22']);
    expect(kolkata.axis.map((a) => a.label)).toEqual(['19:30', '19:40', '19:50', '20:00', '20:10', '20:20']);
    // Positions do not depend on the zone: only the labels do.
    expect(kolkata.milestones.map((m) => m.x)).toEqual(ny.milestones.map((m) => m.x));
  });

  it('shows what is known and names what is missing', () => {
    const bar = buildTimeBar(withTimes({ startedAt: '2026-03-01T10:00:00.000Z', resolvedAt: '2026-03-01T12:00:00.000Z' }), 'UTC');
    expect(bar.milestones.map((m) => m.key)).toEqual(['started', 'resolved']);
    expect(bar.missing).toEqual(['Detected', 'Mitigated']);
    expect(bar.spans.map((s) => s.key)).toEqual(['recover']);
    expect(bar.detectionGap).toBeNull();
    expect(bar.description).toContain('Not set yet: detected, mitigated.');
  });

  it('centres a single known time on an hour-wide axis', () => {
    const bar = buildTimeBar(withTimes({ detectedAt: '2026-03-01T10:00:00.000Z' }), 'UTC');
    expect(bar.milestones).toHaveLength(1);
    expect(bar.milestones[0]!.x).toBeCloseTo(0.5);
    expect(bar.spans).toEqual([]);
  });

  it('is empty without any time, and counts timeline entries without a time', () => {
    const bar = buildTimeBar(withTimes({}, ['', '']), 'UTC');
    expect(bar.empty).toBe(true);
    expect(bar.untimed).toBe(2);
    expect(bar.missing).toEqual(['Started', 'Detected', 'Mitigated', 'Resolved']);
    const some = buildTimeBar(withTimes({ startedAt: '2026-03-01T10:00:00.000Z' }, ['2026-03-01T10:05:00.000Z', '', 'not a time']), 'UTC');
    expect(some.ticks.map((t) => t.number)).toEqual([1]);
    expect(some.untimed).toBe(2);
  });

  it('places milestones by time and says which are out of order, without a negative duration', () => {
    const bar = buildTimeBar(withTimes({ startedAt: '2026-03-01T10:30:00.000Z', detectedAt: '2026-03-01T10:00:00.000Z' }), 'UTC');
    expect(bar.milestones.map((m) => m.key)).toEqual(['detected', 'started']);
    expect(bar.problems).toEqual(['Detected (10:00) is before started (10:30).']);
    expect(bar.spans).toEqual([]);
    expect(bar.detectionGap).toBeNull();
  });

  it('puts close milestones on separate label rows', () => {
    const bar = buildTimeBar(
      withTimes({ startedAt: '2026-03-01T14:00:00.000Z', detectedAt: '2026-03-01T14:01:00.000Z', resolvedAt: '2026-03-01T16:00:00.000Z' }),
      'UTC',
    );
    expect(bar.milestones.map((m) => m.row)).toEqual([0, 1, 0]);
  });

  it('labels days for a multi-day incident, and dates its times', () => {
    const bar = buildTimeBar(withTimes({ startedAt: '2026-11-02T22:30:00.000Z', resolvedAt: '2026-11-04T03:00:00.000Z' }), 'UTC');
    expect(bar.multiDay).toBe(true);
    expect(bar.days.map((d) => [d.label, d.boundary])).toEqual([
      ['Mon 2 Nov', false],
      ['Tue 3 Nov', true],
      ['Wed 4 Nov', true],
    ]);
    const [, tue, wed] = bar.days;
    expect(tue!.x).toBeGreaterThan(bar.milestones[0]!.x);
    expect(wed!.x).toBeLessThan(bar.milestones[1]!.x);
    expect(bar.milestones.map((m) => m.time)).toEqual(['2 Nov 22:30', '4 Nov 03:00']);
    expect(bar.spans[0]!.duration).toBe('1d 4h 30m');
  });

  it('decides whether an incident spans days in the viewer zone', () => {
    const snapshot = withTimes({ startedAt: '2026-11-02T22:30:00.000Z', resolvedAt: '2026-11-02T23:50:00.000Z' });
    expect(buildTimeBar(snapshot, 'UTC').multiDay).toBe(false);
    const berlin = buildTimeBar(snapshot, 'Europe/Berlin');
    expect(berlin.multiDay).toBe(true);
    expect(berlin.days.map((d) => d.label)).toEqual(['Mon 2 Nov', 'Tue 3 Nov']);
    expect(berlin.milestones.map((m) => m.time)).toEqual(['2 Nov 23:30', '3 Nov 00:50']);
  });
});

describe('the time axis', () => {
  it('uses day ticks for incidents of many days', () => {
    const domain = domainAround([Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z')])!;
    const labels = axisTicks(domain, 'UTC').map((t) => t.label);
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.length).toBeLessThanOrEqual(8);
    expect(labels.every((l) => /^\w{3} \d{1,2} \w{3}$/.test(l))).toBe(true);
  });

  it('finds local midnights across a daylight-saving change', () => {
    // Clocks go back in Berlin on 25 October 2026; midnights are still midnights.
    const domain = { from: Date.parse('2026-10-24T12:00:00Z'), to: Date.parse('2026-10-26T12:00:00Z') };
    const marks = dayMarks(domain, 'Europe/Berlin').filter((m) => m.boundary);
    expect(marks.map((m) => m.label)).toEqual(['Sun 25 Oct', 'Mon 26 Oct']);
  });
});
