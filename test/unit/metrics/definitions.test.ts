import { describe, expect, it } from 'vitest';
import { computeAll, METRIC_IDS, METRICS, metricDefinition, timeToPublishDays } from '../../../shared/metrics/definitions.ts';
import { action, entry, marchFixture } from './fixtures.ts';

describe('metric definitions', () => {
  it('every metric has a label, a unit, a direction and a definition of at least one sentence', () => {
    expect(METRICS.map((m) => m.id)).toEqual([...METRIC_IDS]);
    for (const m of METRICS) {
      expect(m.label.length).toBeGreaterThan(5);
      expect(m.definition).toMatch(/\.$/);
      expect(['higher', 'lower']).toContain(m.better);
    }
  });

  it('computes the worked-out values of the March fixture', () => {
    const m = computeAll(marchFixture());
    // 6 actions, 3 done, 1 won't do: 3 / (6 − 1).
    expect(m.actionCompletionRate).toEqual({ value: 0.6, n: 5 });
    // Done items closed after 10, 4 and 10 days.
    expect(m.medianTimeToCloseDays).toEqual({ value: 10, n: 3 });
    // B is a repeat of A: 1 of 4.
    expect(m.repeatIncidentRate).toEqual({ value: 0.25, n: 4 });
    // A 20 min, B 40 min; C has no detected time, D no started time.
    expect(m.meanTimeToDetectMinutes).toEqual({ value: 30, n: 2 });
    expect(m.medianTimeToDetectMinutes).toEqual({ value: 30, n: 2 });
    expect(m.meanTimeToRecoverMinutes).toEqual({ value: 180, n: 2 });
    expect(m.medianTimeToRecoverMinutes).toEqual({ value: 180, n: 2 });
    // 2 + 0 + 1 + 0 approved notes over 4 postmortems.
    expect(m.nearMissReportingRate).toEqual({ value: 0.75, n: 4 });
    // A has a done control item; B's only done item has no kind.
    expect(m.learningVelocity).toEqual({ value: 0.5, n: 2 });
    // 3 and 7 days.
    expect(m.medianTimeToPublishDays).toEqual({ value: 5, n: 2 });
  });

  it('is empty, not zero, when there is nothing to measure', () => {
    const m = computeAll([]);
    for (const id of METRIC_IDS) expect(m[id]).toEqual({ value: null, n: 0 });
  });

  it('postmortems without action items leave the action metrics empty but count elsewhere', () => {
    const m = computeAll([entry('x', { nearMisses: 3 }), entry('y', { status: 'published', publishedAt: '2026-03-09T00:00:00.000Z' })]);
    expect(m.actionCompletionRate).toEqual({ value: null, n: 0 });
    expect(m.medianTimeToCloseDays).toEqual({ value: null, n: 0 });
    expect(m.nearMissReportingRate).toEqual({ value: 1.5, n: 2 });
    // Published without any done item: learning velocity 0, not empty.
    expect(m.learningVelocity).toEqual({ value: 0, n: 1 });
    // Published without a resolved time: no time to publish.
    expect(m.medianTimeToPublishDays).toEqual({ value: null, n: 0 });
  });

  it("leaves won't-do items out of the completion rate entirely", () => {
    const onlyWontDo = entry('w', { actions: [action({ status: 'wont-do' }), action({ status: 'wont-do' })] });
    expect(metricDefinition('actionCompletionRate').compute([onlyWontDo])).toEqual({ value: null, n: 0 });
    const mixed = entry('m', { actions: [action({ status: 'wont-do' }), action({ status: 'done' }), action({ status: 'in-progress' })] });
    expect(metricDefinition('actionCompletionRate').compute([mixed])).toEqual({ value: 0.5, n: 2 });
    // A won't-do item with times does not count towards time to close either.
    const closedWontDo = entry('c', {
      actions: [action({ status: 'wont-do', createdAt: '2026-03-01T00:00:00Z', closedAt: '2026-03-02T00:00:00Z' })],
    });
    expect(metricDefinition('medianTimeToCloseDays').compute([closedWontDo])).toEqual({ value: null, n: 0 });
  });

  it('ignores missing, unreadable and backwards times', () => {
    const entries = [
      entry('no-times'),
      entry('garbage', { startedAt: 'yesterday', detectedAt: 'soon', resolvedAt: '2026-03-01T01:00:00Z' }),
      entry('backwards', { startedAt: '2026-03-01T10:00:00Z', detectedAt: '2026-03-01T09:00:00Z', resolvedAt: '2026-03-01T09:30:00Z' }),
      entry('ok', { startedAt: '2026-03-01T10:00:00Z', detectedAt: '2026-03-01T10:05:00Z', resolvedAt: '2026-03-01T11:00:00Z' }),
      entry('closed-before-created', {
        actions: [action({ status: 'done', createdAt: '2026-03-05T00:00:00Z', closedAt: '2026-03-04T00:00:00Z' }), action({ status: 'done' })],
      }),
    ];
    const m = computeAll(entries);
    expect(m.medianTimeToDetectMinutes).toEqual({ value: 5, n: 1 });
    expect(m.meanTimeToRecoverMinutes).toEqual({ value: 60, n: 1 });
    expect(m.medianTimeToCloseDays).toEqual({ value: null, n: 0 });
    // Both done items still count as done for the completion rate.
    expect(m.actionCompletionRate).toEqual({ value: 1, n: 2 });
  });

  it('measures durations between instants written with different offsets, across a DST change', () => {
    // 01:30 EST is 06:30 UTC; 03:30 EDT (after the jump) is 07:30 UTC: one hour, not two.
    const dst = entry('dst', { startedAt: '2026-03-08T01:30:00-05:00', detectedAt: '2026-03-08T03:30:00-04:00' });
    expect(metricDefinition('medianTimeToDetectMinutes').compute([dst])).toEqual({ value: 60, n: 1 });
    const mixed = entry('mixed', { startedAt: '2026-03-01T10:00:00+02:00', detectedAt: '2026-03-01T08:30:00Z', resolvedAt: '2026-03-01T14:00:00+05:30' });
    const m = computeAll([mixed]);
    expect(m.medianTimeToDetectMinutes.value).toBe(30);
    expect(m.medianTimeToRecoverMinutes.value).toBe(30);
  });

  it('takes a medians of an even count as the mean of the middle two, and means without rounding drift', () => {
    const times = [5, 10, 20, 100].map((min, i) =>
      entry(`t${i}`, { startedAt: '2026-03-01T00:00:00Z', detectedAt: new Date(Date.parse('2026-03-01T00:00:00Z') + min * 60_000).toISOString() }),
    );
    const m = computeAll(times);
    expect(m.medianTimeToDetectMinutes).toEqual({ value: 15, n: 4 });
    expect(m.meanTimeToDetectMinutes).toEqual({ value: 33.75, n: 4 });
  });

  it('counts a postmortem as published by its status or its publish time', () => {
    const byTime = entry('p', { status: 'in-review', publishedAt: '2026-03-04T00:00:00Z', resolvedAt: '2026-03-02T12:00:00Z' });
    expect(metricDefinition('learningVelocity').compute([byTime])).toEqual({ value: 0, n: 1 });
    expect(timeToPublishDays(byTime)).toBe(1.5);
    expect(timeToPublishDays(entry('q', { resolvedAt: '2026-03-05T00:00:00Z', publishedAt: '2026-03-04T00:00:00Z' }))).toBeNull();
  });

  it('rounds to four decimals', () => {
    const thirds = entry('r', { actions: [action({ status: 'done' }), action(), action()] });
    expect(metricDefinition('actionCompletionRate').compute([thirds]).value).toBe(0.3333);
  });
});
