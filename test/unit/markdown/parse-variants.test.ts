import { describe, expect, it } from 'vitest';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { headingMeaning } from '../../../shared/markdown/headings.ts';
import { actionStatus } from '../../../shared/markdown/actions.ts';
import { fixture } from './fixtures.ts';

const actions = (md: string) =>
  parsePostmortemMarkdown(md).snapshot.actions.map(({ action, kind, owner, due, status }) => ({ action, kind, owner, due, status }));

describe('real-world variants', () => {
  it('reads list timelines under a front-matter date, list factors, task-list actions and "Lessons Learned"', () => {
    const { snapshot, unmapped } = parsePostmortemMarkdown(fixture('list-timeline.md'));
    expect(snapshot.meta).toMatchObject({ title: 'Search latency spike', severity: 'SEV2' });
    expect(snapshot.timeline).toEqual([
      { id: 't1', at: '2026-11-02T14:05:00.000Z', body: 'Deploy of search-indexer v2.3 starts', known: '' },
      {
        id: 't2',
        at: '2026-11-02T14:12:00.000Z',
        body: 'Latency alert fires; the on-call engineer acknowledges it',
        known: 'only the p99 panel showed the spike',
      },
      { id: 't3', at: '2026-11-02T14:40:00.000Z', body: 'Rollback completes and latency recovers', known: '' },
    ]);
    expect(snapshot.factors.map((f) => f.body)).toEqual([
      "The indexer's warm-up was not covered by the load test.",
      'The latency alert only looks at p99 over 15 minutes.',
    ]);
    expect(actions(fixture('list-timeline.md'))).toEqual([
      { action: 'Add a warm-up phase to the load test', kind: '', owner: '@search-infra', due: '2026-12-01', status: 'open' },
      { action: 'Alert on p95 latency over 5 minutes', kind: '', owner: 'Search SRE', due: '2026-12-15', status: 'done' },
      { action: 'Block deploys while the indexer is warming up', kind: 'automation', owner: '', due: '', status: 'open' },
    ]);
    expect(snapshot.text.prevention).toBe('Warm-up behaviour needs its own load test stage.');
    // Missing sections stay empty, for the checks to report.
    expect(snapshot.text.summary).toBe('');
    expect(snapshot.text.detection).toBe('');
    expect(unmapped).toEqual([]);
  });

  it('reads other heading names, a title without "Postmortem:", mixed time formats and list actions', () => {
    const { snapshot, unmapped, warnings, positions } = parsePostmortemMarkdown(fixture('headings-variants.md'));
    expect(snapshot.meta.title).toBe('Payment webhook outage, November 2026');
    expect(snapshot.text.summary).toBe('Some webhooks were dropped while the queue was full.\nPayment webhooks were delayed for 40 minutes.');
    expect(snapshot.text.impact).toBe('About 1,200 merchants saw delayed payment confirmations.');
    expect(snapshot.text.detection).toBe('A merchant report reached support before any alert fired.');
    expect(snapshot.timeline.map((e) => [e.at, e.body])).toEqual([
      ['2026-11-02T14:05:00.000Z', 'Queue depth crosses 90%.'],
      ['2026-11-02T13:20:00.000Z', 'The webhook worker restarts.'],
      ['2026-11-02T22:45:00.000Z', 'Queue drains.'],
    ]);
    expect(snapshot.factors.map((f) => f.body)).toEqual(['The queue had a fixed size set years ago.', 'The worker retried without backoff.']);
    expect(snapshot.actions.map(({ action, kind, owner, due, status }) => ({ action, kind, owner, due, status }))).toEqual([
      { action: 'Make the queue size scale with traffic', kind: '', owner: 'Payments platform', due: '2027-01-15', status: 'open' },
      { action: 'Add backoff to webhook retries', kind: 'automation', owner: 'Webhooks team', due: '2027-01-31', status: 'in-progress' },
    ]);
    expect(snapshot.text.prevention).toBe('Autoscaling the queue (first remediation) removes the fixed limit.');
    expect(unmapped).toEqual(['Resolution', 'Appendix']);
    expect(warnings).toContain('Times without a time zone were read as UTC.');
    expect(positions.sections.factors).toBe(19);
  });

  it('reads a Google SRE-style postmortem: label lines, a typed action table, lessons, a dated timeline', () => {
    const { snapshot, unmapped } = parsePostmortemMarkdown(fixture('google-sre.md'));
    expect(snapshot.meta.title).toBe('Shakespeare Sonnet++ Postmortem (incident #465)');
    expect(snapshot.text.summary).toMatch(/^Shakespeare Search down for 66 minutes/);
    expect(snapshot.text.impact).toBe('Estimated 1.21B queries lost, no revenue impact.');
    expect(snapshot.text.trigger).toBe('Latent bug triggered by sudden increase in traffic.');
    expect(snapshot.text.detection).toBe('Borgmon detected high level of HTTP 500s and paged on-call.');
    expect(snapshot.factors.map((f) => f.body)).toEqual([
      'Cascading failure due to combination of exceptionally high load and a resource leak when searches failed due to terms not being in the Shakespeare corpus.',
      "We're inexperienced at responding to cascading failure",
    ]);
    expect(snapshot.actions.map((a) => [a.action, a.owner, a.status, a.kind])).toEqual([
      ['Update playbook with instructions for responding to cascading failure', 'jennifer', 'done', ''],
      ['Use flux capacitor to balance load between clusters', 'martym', 'open', ''],
      ['Schedule cascading failure test during next DiRT', 'docbrown', 'open', ''],
    ]);
    expect(snapshot.timeline.map((e) => e.at)).toEqual([
      '2015-10-21T14:51:00.000Z',
      '2015-10-21T14:53:00.000Z',
      '2015-10-21T14:54:00.000Z',
      '2015-10-21T15:28:00.000Z',
    ]);
    expect(snapshot.timeline[2]!.body).toBe('OUTAGE BEGINS — Search backends start melting down under load');
    expect(unmapped).toEqual(['What went well', 'Where we got lucky', 'Supporting information', 'Authors', 'Status', 'Resolution']);
  });

  it('reads a GitLab-style incident review', () => {
    const { snapshot, unmapped } = parsePostmortemMarkdown(fixture('gitlab.md'));
    expect(snapshot.meta.title).toBe('Elevated 5xx errors on the web fleet');
    expect(snapshot.text.summary).toContain('A certificate rotation left one load balancer pool serving an expired certificate.');
    expect(snapshot.text.impact).toContain('4% of requests failed with 502 for 47 minutes');
    expect(snapshot.text.detection).toContain('A synthetic check failed three times in a row.');
    expect(snapshot.timeline.map((e) => [e.at, e.body])).toEqual([
      ['2026-10-05T09:13:00.000Z', 'certificate rotation job runs'],
      ['2026-10-05T09:25:00.000Z', 'synthetic check alert fires'],
      ['2026-10-05T10:00:00.000Z', 'old certificate restored, errors stop'],
    ]);
    expect(snapshot.factors.map((f) => f.body)).toEqual([
      'The rotation job updated two of three pools.',
      'Why did requests fail? One pool served an expired certificate.',
      'Why was it expired? The rotation job skipped that pool.',
    ]);
    expect(snapshot.actions.map((a) => a.action)).toEqual([
      'Make the rotation job verify every pool it touches',
      'Alert on certificates expiring within 14 days',
    ]);
    expect(unmapped).toEqual(['What went well?']);
  });

  it('keeps bare times without a known date in the text, with no time and a warning', () => {
    const { snapshot, warnings } = parsePostmortemMarkdown(fixture('time-only.md'));
    expect(snapshot.timeline).toEqual([
      { id: 't1', at: '', body: '14:20 The database CPU reaches 100%.', known: '' },
      { id: 't2', at: '', body: '14:05 The cache cluster restarts.', known: '' },
      { id: 't3', at: '', body: 'The on-call engineer starts the runbook.', known: '' },
    ]);
    expect(warnings.some((w) => w.includes('without a date'))).toBe(true);
  });

  it('keeps timeline entries in file order, so out-of-order entries stay visible', () => {
    const md = '# T\n\n## Timeline\n- 2026-11-02 14:20 UTC second\n- 2026-11-02 14:05 UTC first\n';
    expect(parsePostmortemMarkdown(md).snapshot.timeline.map((e) => e.body)).toEqual(['second', 'first']);
  });

  it('reads bare times under the incident start or a date line, in the zone a note names', () => {
    const md = [
      '---',
      'started: 2026-11-02 13:58 UTC',
      '---',
      '# Postmortem: X',
      '## Timeline',
      '- 14:05 Deploy starts',
      '',
      '2026-11-03 (all times PST)',
      '',
      '- 09:00 Follow-up deploy',
      '',
      'All times UTC',
      '',
      '- 10:00 Done',
    ].join('\n');
    expect(parsePostmortemMarkdown(md).snapshot.timeline.map((e) => e.at)).toEqual([
      '2026-11-02T14:05:00.000Z',
      '2026-11-03T17:00:00.000Z',
      '2026-11-03T10:00:00.000Z',
    ]);
  });

  it('reads timeline times in an IANA zone from the front matter', () => {
    const md = '---\ndate: 2026-07-02\ntimezone: Europe/Berlin\n---\n# T\n## Timeline\n| Time | Event |\n|---|---|\n| 14:05 | Deploy |\n';
    expect(parsePostmortemMarkdown(md).snapshot.timeline[0]!.at).toBe('2026-07-02T12:05:00.000Z');
  });

  it('reads plain timeline lines in one paragraph as entries, wrapped lines as their continuation', () => {
    const md = '# T\n## Timeline\n2026-11-02 14:05 UTC — Deploy starts\nand runs long\n2026-11-02 14:07 UTC — Alert fires. Known: nothing on the dashboard\n';
    expect(parsePostmortemMarkdown(md).snapshot.timeline).toEqual([
      { id: 't1', at: '2026-11-02T14:05:00.000Z', body: 'Deploy starts and runs long', known: '' },
      { id: 't2', at: '2026-11-02T14:07:00.000Z', body: 'Alert fires', known: 'nothing on the dashboard' },
    ]);
  });

  it('reads a timeline table with separate Date and Time columns, a date carried down to the rows without one', () => {
    const md = '# T\n## Timeline\n| Date | Time | Event |\n|-|-|-|\n| 2026-03-14 | 23:40 | Rotation starts |\n|  | 23:52 | Alert fires |\n| 2026-03-15 | 00:30 | Restored |\n| | 2026-03-15 01:00 | Closed |\n';
    const { snapshot, warnings } = parsePostmortemMarkdown(md);
    expect(snapshot.timeline.map((e) => [e.at, e.body])).toEqual([
      ['2026-03-14T23:40:00.000Z', 'Rotation starts'],
      ['2026-03-14T23:52:00.000Z', 'Alert fires'],
      ['2026-03-15T00:30:00.000Z', 'Restored'],
      ['2026-03-15T01:00:00.000Z', 'Closed'],
    ]);
    expect(warnings).toEqual(['Times without a time zone were read as UTC.']);
  });

  it('reads the zone of a Date or Time column header, and a lone Date column as the whole time', () => {
    const split = '# T\n## Timeline\n| Date | Time (PST) | Event |\n|-|-|-|\n| 2026-03-14 | 23:40 | Starts |\n';
    expect(parsePostmortemMarkdown(split).snapshot.timeline[0]!.at).toBe('2026-03-15T07:40:00.000Z');
    const whole = '# T\n## Timeline\n| Date | Update |\n|-|-|\n| 2026-03-14 23:40 UTC | Starts |\n';
    expect(parsePostmortemMarkdown(whole).snapshot.timeline.map((e) => [e.at, e.body])).toEqual([['2026-03-14T23:40:00.000Z', 'Starts']]);
  });

  it('moves a bare time marked "(next day)" on to the next day, and the bare times after it', () => {
    const md = '---\ndate: 2026-03-14\n---\n# T\n## Timeline\n- 23:40 Rotation starts\n- 00:45 (next day) Restored\n- 01:10 — Closed\n';
    expect(parsePostmortemMarkdown(md).snapshot.timeline.map((e) => [e.at, e.body])).toEqual([
      ['2026-03-14T23:40:00.000Z', 'Rotation starts'],
      ['2026-03-15T00:45:00.000Z', 'Restored'],
      ['2026-03-15T01:10:00.000Z', 'Closed'],
    ]);
    const table = '---\ndate: 2026-03-14\n---\n# T\n## Timeline\n| Time | Event |\n|-|-|\n| 08:00 | Starts |\n| 00:45 (+1d) | Restored |\n';
    expect(parsePostmortemMarkdown(table).snapshot.timeline.map((e) => e.at)).toEqual(['2026-03-14T08:00:00.000Z', '2026-03-15T00:45:00.000Z']);
  });

  it('moves bare times that run back past midnight on to the next day, but keeps entries that are only out of order', () => {
    const md = '---\ndate: 2026-03-14\ntimezone: Europe/Berlin\n---\n# T\n## Timeline\n1. 22:10 Deploy\n2. 23:55 Alert\n3. 00:20 Rollback\n4. 00:05 Noted late\n5. 02:00 Closed\n';
    expect(parsePostmortemMarkdown(md).snapshot.timeline.map((e) => e.at)).toEqual([
      '2026-03-14T21:10:00.000Z',
      '2026-03-14T22:55:00.000Z',
      '2026-03-14T23:20:00.000Z',
      '2026-03-14T23:05:00.000Z',
      '2026-03-15T01:00:00.000Z',
    ]);
    const table = '# T\n## Timeline\n| Date | Time | Event |\n|-|-|-|\n| 2026-03-14 | 23:50 | Starts |\n|  | 00:10 | Restored |\n';
    expect(parsePostmortemMarkdown(table).snapshot.timeline.map((e) => e.at)).toEqual(['2026-03-14T23:50:00.000Z', '2026-03-15T00:10:00.000Z']);
  });

  it.each([
    ['- [ ] Add alert (owner: @sre, due 2026-12-01)', { action: 'Add alert', owner: '@sre', due: '2026-12-01', status: 'open', kind: '' }],
    ['- [x] Add alert — Owner: SRE team — Due: 1 December 2026', { action: 'Add alert', owner: 'SRE team', due: '2026-12-01', status: 'done', kind: '' }],
    ['- Add alert @sre', { action: 'Add alert', owner: '@sre', due: '', status: 'open', kind: '' }],
    ['- [control] Add alert; status: wontfix', { action: 'Add alert', owner: '', due: '', status: 'wont-do', kind: 'control' }],
    ['- Add alert\n  - Owner: Platform\n  - Due: 2026-12-01', { action: 'Add alert', owner: 'Platform', due: '2026-12-01', status: 'open', kind: '' }],
    ['- [x] Fix it (Identity team, 2026-03-15)', { action: 'Fix it', owner: 'Identity team', due: '2026-03-15', status: 'done', kind: '' }],
    ['- Fix it (2026-03-15, @identity)', { action: 'Fix it', owner: '@identity', due: '2026-03-15', status: 'open', kind: '' }],
    ['- Fix it (@identity)', { action: 'Fix it', owner: '@identity', due: '', status: 'open', kind: '' }],
    ['- Fix it (Identity team; Mar 15, 2026; in progress)', { action: 'Fix it', owner: 'Identity team', due: '2026-03-15', status: 'in-progress', kind: '' }],
    ['- Fix the EU pools (EU only)', { action: 'Fix the EU pools (EU only)', owner: '', due: '', status: 'open', kind: '' }],
    ['- Rotate keys (see INC-12, 2026-03-15)', { action: 'Rotate keys (see INC-12, 2026-03-15)', owner: '', due: '', status: 'open', kind: '' }],
  ])('reads the action list item %j', (item, expected) => {
    expect(actions(`# T\n## Action items\n${item}\n`)).toEqual([expected]);
  });

  it('reads extra and reordered action-table columns', () => {
    const md = '# T\n## Follow-ups\n| # | Owner | Task | Priority | Target date | State |\n|-|-|-|-|-|-|\n| 1 | Team A | Add alert | P1 | 2026/12/01 | WIP |\n';
    expect(actions(md)).toEqual([{ action: 'Add alert', kind: '', owner: 'Team A', due: '2026-12-01', status: 'in-progress' }]);
  });

  it('reads Layer and Defenses columns: layer names as written, defenses by number or by name', () => {
    const md = [
      '# T',
      '## Control gap',
      '### Defenses',
      '- Change review — failed',
      '- Canary analysis — absent',
      '## Action items',
      '| Action | Owner | Fixes layer | Repairs defenses |',
      '|-|-|-|-|',
      '| A | x | System gap | D2 |',
      '| B | x | controls | Change review, canary analysis |',
      '| C | x | contributing factors | 1 and 2 |',
      '| D | x | trigger | D1 D2 |',
      '| E | x | weather | Rollback |',
    ].join('\n');
    const { snapshot, warnings } = parsePostmortemMarkdown(md);
    expect(snapshot.actions.map((a) => [a.action, a.layer, a.defenseIds])).toEqual([
      ['A', 'systemGap', ['d2']],
      ['B', 'control', ['d1', 'd2']],
      ['C', 'factors', ['d1', 'd2']],
      ['D', 'trigger', ['d1', 'd2']],
      ['E', undefined, undefined],
    ]);
    expect(warnings).toEqual([
      'Action layer "weather" is not one of trigger, contributing factors, control failure, system gap; it was left empty.',
      'Action item "E": defense "Rollback" not found.',
    ]);
  });

  it.each([
    ['done', 'done'], ['Closed', 'done'], ['complete', 'done'], ['Fixed', 'done'],
    ['in progress', 'in-progress'], ['WIP', 'in-progress'], ['ongoing', 'in-progress'],
    ["won't do", 'wont-do'], ['wontfix', 'wont-do'], ['Cancelled', 'wont-do'],
    ['open', 'open'], ['todo', 'open'], ['', 'open'],
  ])('maps the status %j to %s', (text, status) => {
    expect(actionStatus(text)).toBe(status);
  });

  it.each([
    ['Summary', 'summary'], ['Executive Summary', 'summary'], ['Overview', 'summary'],
    ['What happened (timeline)', 'timeline'], ['Timeline', 'timeline'], ['Incident timeline', 'timeline'], ['Timeline (all times UTC)', 'timeline'],
    ['Impact', 'impact'], ['Customer impact', 'impact'],
    ['Detection gap', 'detection'], ['Detection', 'detection'], ['Detection & Response', 'detection'],
    ['Control gap', 'control'],
    ['Contributing Factors', 'factors'], ['Root Cause(s)', 'factors'], ['Root Causes', 'factors'], ['Root cause analysis', 'factors'], ['What went wrong', 'factors'],
    ['Trigger', 'trigger'], ['System gap', 'systemGap'], ['Defenses', 'defenses'],
    ['Action Items', 'actions'], ['Follow-ups', 'actions'], ['Remediation', 'actions'], ['Corrective actions', 'actions'], ['3. Action items:', 'actions'],
    ['How do we prevent recurrence?', 'prevention'], ['Prevention', 'prevention'], ['Lessons Learned', 'prevention'],
    ['What went well', 'ignored'], ['Resolution', 'ignored'],
    ['Random notes from the call', null],
  ])('maps the heading %j to %s', (heading, part) => {
    expect(headingMeaning(heading)).toBe(part);
  });

  it('reads top-level section headings under a front-matter title, and setext headings', () => {
    const md = '---\ntitle: Disk full\n---\n# Summary\nThe disk filled.\n\nImpact\n------\n200 requests failed.\n';
    const { snapshot, positions } = parsePostmortemMarkdown(md);
    expect(snapshot.meta.title).toBe('Disk full');
    expect(snapshot.text.summary).toBe('The disk filled.');
    expect(snapshot.text.impact).toBe('200 requests failed.');
    expect(positions.sections).toMatchObject({ header: 2, summary: 4, impact: 7 });
  });

  it('keeps unknown sub-headings inside their section, and reads header fields under a skipped heading', () => {
    const md = [
      '# Postmortem: X',
      '## Incident details',
      '- **Severity:** SEV1',
      '- Services: api, db',
      '- Started: 2026-11-02 13:58 UTC (first errors)',
      '',
      'Some prose that is not read.',
      '## Summary',
      '### Customer view',
      'Checkout failed.',
    ].join('\n');
    const { snapshot, unmapped } = parsePostmortemMarkdown(md);
    expect(snapshot.meta).toMatchObject({ severity: 'SEV1', services: ['api', 'db'], startedAt: '2026-11-02T13:58:00.000Z' });
    expect(snapshot.text.summary).toBe('Customer view\nCheckout failed.');
    expect(unmapped).toEqual(['Incident details']);
  });

  it('never throws on odd input', () => {
    for (const md of ['', '\n\n', '#', '| a |\n|---|\n', '---\n: bad: yaml: [\n---\n', '## Timeline\n| |\n|-|\n| |', '- [ ]', '\u0000\u0001']) {
      expect(() => parsePostmortemMarkdown(md)).not.toThrow();
    }
  });
});
