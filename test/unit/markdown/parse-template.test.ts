import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../../../shared/checks/examples.ts';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { fixture } from './fixtures.ts';

describe('the template layout of CONTRACT.md', () => {
  it('reads every section of the exact layout into the snapshot', () => {
    const { snapshot, unmapped, warnings } = parsePostmortemMarkdown(fixture('template.md'));
    const expected = emptySnapshot();
    expected.meta.title = 'Checkout errors after a connection pool change';
    expected.text.summary =
      'For 54 minutes, 18% of checkout attempts in the EU failed with HTTP 502 after a configuration change lowered the connection pool limit of checkout-api.\n' +
      'Config changes skip the canary stage that code deploys go through, so the new limit reached every region at once.';
    expected.text.impact = '3,140 failed checkouts (18% of EU traffic) between 13:58 and 14:52 UTC; no data loss.';
    expected.text.detection =
      'Eleven minutes passed before the first page: the error-rate alert averages over 10 minutes, and no alert watched pool saturation.';
    expected.text.control =
      'Configuration changes bypass canary analysis, so nothing compared the new limit against live traffic before it reached every region.';
    expected.text.prevention =
      'Config changes go through the same canary analysis as code (the first action item), and pool saturation pages within two minutes (the second).';
    expected.timeline = [
      {
        id: 't1',
        at: '2026-11-02T13:58:00.000Z',
        body: 'Config change 4471 rolls out to all regions.',
        known: 'Change review passed; the diff showed a number, not its unit.',
      },
      {
        id: 't2',
        at: '2026-11-02T14:09:00.000Z',
        body: 'The error-rate alert pages the on-call engineer.',
        known: 'Dashboards showed 502s but healthy hosts and normal CPU.',
      },
      {
        id: 't3',
        at: '2026-11-02T14:31:00.000Z',
        body: 'The incident commander rolls back change 4471; errors drop.',
        known: 'Pool saturation was visible only on a debug dashboard.',
      },
    ];
    expected.factors = [
      { id: 'f1', category: 'other', body: 'Config changes bypass canary analysis.' },
      { id: 'f2', category: 'other', body: 'Review tools show raw numbers without units.' },
      { id: 'f3', category: 'other', body: 'Nobody owns alerting on connection pool saturation.' },
    ];
    const row = { kind: '' as const, factorIds: [], createdAt: '', closedAt: '' };
    expected.actions = [
      { ...row, id: 'a1', action: 'Route config changes through canary analysis', owner: 'Deploy tooling', due: '2026-12-15', status: 'in-progress' },
      { ...row, id: 'a2', action: 'Page on pool saturation above 90% for 2 minutes', owner: 'Checkout SRE', due: '2026-11-20', status: 'open' },
    ];
    expect(snapshot).toEqual(expected);
    expect(unmapped).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('records the line of every section heading and of every row', () => {
    const { positions } = parsePostmortemMarkdown(fixture('template.md'));
    expect(positions.sections).toEqual({
      header: 1,
      summary: 3,
      timeline: 8,
      impact: 15,
      detection: 18,
      control: 21,
      factors: 24,
      actions: 29,
      prevention: 35,
    });
    expect(positions.rows).toMatchObject({ t1: 11, t2: 12, t3: 13, f1: 25, f2: 26, f3: 27, a1: 32, a2: 33 });
  });

  it('reads the extra parts CONTRACT allows: front matter, sub-headings and further columns', () => {
    const { snapshot, unmapped, warnings } = parsePostmortemMarkdown(fixture('extended.md'));
    expect(snapshot.meta).toEqual({
      title: 'Checkout errors after a connection pool change',
      severity: 'SEV2',
      services: ['checkout-api', 'config-service', 'eu-west'],
      startedAt: '2026-11-02T13:58:00.000Z',
      detectedAt: '2026-11-02T14:09:00.000Z',
      mitigatedAt: '2026-11-02T14:31:00.000Z', // 15:31 CET
      resolvedAt: '2026-11-02T14:52:00.000Z',
    });
    expect(snapshot.timeline.map((e) => e.body)).toEqual([
      'Config change 4471 rolls out to all regions.',
      'The error-rate alert pages the on-call engineer.',
    ]);
    expect(snapshot.defenses).toEqual([
      { id: 'd1', name: 'Change review', state: 'failed', failure: 'active' },
      { id: 'd2', name: 'Canary analysis', state: 'absent', failure: 'latent' },
      { id: 'd3', name: 'Automated rollback', state: 'held', failure: 'latent' },
    ]);
    expect(snapshot.factors.map((f) => [f.category, f.body])).toEqual([
      ['tooling', 'Config changes bypass canary analysis.'],
      ['process', 'Review tools show raw numbers without units.'],
      ['ownership', 'Nobody owns alerting on connection pool saturation.'],
    ]);
    expect(snapshot.text.trigger).toBe('A configuration change set the pool limit from 200 to 20.');
    expect(snapshot.text.systemGap).toBe('Config and code take different paths to production.');
    expect(snapshot.actions.map(({ action, kind, owner, due, status, factorIds }) => ({ action, kind, owner, due, status, factorIds }))).toEqual([
      { action: 'Route config changes through canary analysis', kind: 'automation', owner: 'Deploy tooling', due: '2026-12-15', status: 'in-progress', factorIds: ['f1'] },
      { action: 'Show units in config diffs', kind: 'interface', owner: 'Review tools team', due: '2026-12-01', status: 'done', factorIds: ['f2', 'f3'] },
      { action: 'Page on pool saturation', kind: 'control', owner: '', due: '', status: 'wont-do', factorIds: [] },
    ]);
    expect(unmapped).toEqual([]);
    expect(warnings).toEqual(['Timeline column "kind" was not read.']);
  });

  it('places the header at the title heading and the sub-parts in their sections', () => {
    const { positions } = parsePostmortemMarkdown(fixture('extended.md'));
    expect(positions.sections.header).toBe(11);
    expect(positions.sections.control).toBe(28);
    expect(positions.sections.factors).toBe(36);
    expect(positions.rows.d1).toBe(32);
  });
});
