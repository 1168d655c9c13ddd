/** Markdown import: a file in the template's layout or a real-world variant becomes a new document. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { actionStamps, readSnapshot, roots, seedFromSnapshot, type ActionItem, type PostmortemSnapshot } from '../../../shared/schema/index.ts';
import { emptySnapshot } from '../../../shared/checks/examples.ts';
import { fixture } from '../markdown/fixtures.ts';

const NOW = new Date('2027-01-10T12:00:00.000Z');

function importFile(name: string): PostmortemSnapshot {
  const doc = new Y.Doc();
  seedFromSnapshot(doc, parsePostmortemMarkdown(fixture(name)).snapshot, NOW);
  return readSnapshot(doc);
}

describe('Markdown import into a new document', () => {
  it('imports the extended layout: header, sub-parts, defenses, kinds and factor links', () => {
    const s = importFile('extended.md');
    expect(s.meta).toEqual({
      title: 'Checkout errors after a connection pool change',
      severity: 'SEV2',
      services: ['checkout-api', 'config-service', 'eu-west'],
      startedAt: '2026-11-02T13:58:00.000Z',
      detectedAt: '2026-11-02T14:09:00.000Z',
      mitigatedAt: '2026-11-02T14:31:00.000Z',
      resolvedAt: '2026-11-02T14:52:00.000Z',
    });
    expect(s.moderation.status).toBe('draft');
    expect(s.text.trigger).toBe('A configuration change set the pool limit from 200 to 20.');
    expect(s.text.systemGap).toBe('Config and code take different paths to production.');
    expect(s.timeline.map((e) => [e.at, e.body, e.known])).toEqual([
      ['2026-11-02T13:58:00.000Z', 'Config change 4471 rolls out to all regions.', 'Change review passed.'],
      ['2026-11-02T14:09:00.000Z', 'The error-rate alert pages the on-call engineer.', 'Dashboards showed 502s.'],
    ]);
    expect(s.factors.map((f) => [f.category, f.body])).toEqual([
      ['tooling', 'Config changes bypass canary analysis.'],
      ['process', 'Review tools show raw numbers without units.'],
      ['ownership', 'Nobody owns alerting on connection pool saturation.'],
    ]);
    expect(s.defenses.map((d) => [d.name, d.state, d.failure])).toEqual([
      ['Change review', 'failed', 'active'],
      ['Canary analysis', 'absent', 'latent'],
      ['Automated rollback', 'held', 'latent'],
    ]);
    const factorIds = s.factors.map((f) => f.id);
    expect(s.actions.map(({ action, kind, owner, due, status, factorIds: ids }) => ({ action, kind, owner, due, status, ids }))).toEqual([
      { action: 'Route config changes through canary analysis', kind: 'automation', owner: 'Deploy tooling', due: '2026-12-15', status: 'in-progress', ids: [factorIds[0]] },
      { action: 'Show units in config diffs', kind: 'interface', owner: 'Review tools team', due: '2026-12-01', status: 'done', ids: [factorIds[1], factorIds[2]] },
      { action: 'Page on pool saturation', kind: 'control', owner: '', due: '', status: 'wont-do', ids: [] },
    ]);
  });

  it('stamps imported action items from the incident: created when it ended, closed ones at the import', () => {
    const s = importFile('extended.md');
    expect(s.actions.map((a) => [a.createdAt, a.closedAt])).toEqual([
      ['2026-11-02T14:52:00.000Z', ''],
      ['2026-11-02T14:52:00.000Z', NOW.toISOString()],
      ['2026-11-02T14:52:00.000Z', NOW.toISOString()],
    ]);
  });

  it('imports a list timeline, list factors, task-list actions and "Lessons Learned"', () => {
    const s = importFile('list-timeline.md');
    expect(s.meta).toMatchObject({ title: 'Search latency spike', severity: 'SEV2' });
    expect(s.timeline.map((e) => [e.at, e.body, e.known])).toEqual([
      ['2026-11-02T14:05:00.000Z', 'Deploy of search-indexer v2.3 starts', ''],
      ['2026-11-02T14:12:00.000Z', 'Latency alert fires; the on-call engineer acknowledges it', 'only the p99 panel showed the spike'],
      ['2026-11-02T14:40:00.000Z', 'Rollback completes and latency recovers', ''],
    ]);
    expect(s.actions.map((a) => [a.action, a.owner, a.due, a.status, a.kind])).toEqual([
      ['Add a warm-up phase to the load test', '@search-infra', '2026-12-01', 'open', ''],
      ['Alert on p95 latency over 5 minutes', 'Search SRE', '2026-12-15', 'done', ''],
      ['Block deploys while the indexer is warming up', '', '', 'open', 'automation'],
    ]);
    expect(s.text.prevention).toBe('Warm-up behaviour needs its own load test stage.');
  });

  it('imports other heading names and puts a timeline written out of order in time order', () => {
    const s = importFile('headings-variants.md');
    expect(s.meta.title).toBe('Payment webhook outage, November 2026');
    expect(s.timeline.map((e) => e.at)).toEqual(['2026-11-02T13:20:00.000Z', '2026-11-02T14:05:00.000Z', '2026-11-02T22:45:00.000Z']);
    expect(s.factors.map((f) => f.body)).toEqual(['The queue had a fixed size set years ago.', 'The worker retried without backoff.']);
    expect(s.actions.map((a) => [a.action, a.status])).toEqual([
      ['Make the queue size scale with traffic', 'open'],
      ['Add backoff to webhook retries', 'in-progress'],
    ]);
  });

  it('imports a Google SRE-style postmortem and a GitLab-style review', () => {
    const sre = importFile('google-sre.md');
    expect(sre.text.trigger).toBe('Latent bug triggered by sudden increase in traffic.');
    expect(sre.timeline).toHaveLength(4);
    expect(sre.actions.map((a) => [a.owner, a.status])).toEqual([
      ['jennifer', 'done'],
      ['martym', 'open'],
      ['docbrown', 'open'],
    ]);
    const gitlab = importFile('gitlab.md');
    expect(gitlab.meta.title).toBe('Elevated 5xx errors on the web fleet');
    expect(gitlab.actions.map((a) => a.action)).toEqual(['Make the rotation job verify every pool it touches', 'Alert on certificates expiring within 14 days']);
  });

  it('takes the action cell whole when the table has owner, due, status and kind columns, as the export writes it', () => {
    const head = '# T\n## Action items\n';
    const whole = parsePostmortemMarkdown(
      `${head}| Action | Owner | Due | Status | Kind |\n|-|-|-|-|-|\n| Update the runbook, status page and alerts (owner handoff) @sre | Ops | 2026-12-01 | open | control |\n`,
    ).snapshot.actions[0];
    expect(whole).toMatchObject({ action: 'Update the runbook, status page and alerts (owner handoff) @sre', owner: 'Ops', kind: 'control' });
    // Without a kind column the cell may still carry what has no column, as in real-world tables.
    const read = parsePostmortemMarkdown(`${head}| Action | Owner | Due | Status |\n|-|-|-|-|\n| [automation] Add alert @sre |  | 2026-12-01 | open |\n`).snapshot.actions[0];
    expect(read).toMatchObject({ action: 'Add alert', owner: '@sre', kind: 'automation' });
  });

  it('keeps the layer and the defense links of action items', () => {
    const md = [
      '# T',
      '## Control gap',
      '### Defenses',
      '| Defense | State | Failure |',
      '|-|-|-|',
      '| Change review | failed | active |',
      '| Canary analysis | absent | latent |',
      '## Action items',
      '| Action | Owner | Due | Status | Kind | Factors | Layer | Defenses |',
      '|-|-|-|-|-|-|-|-|',
      '| Canary for config | Deploy | 2026-12-15 | open | automation |  | system gap | D2 |',
      '| Review units | Tools |  | open |  |  |  | D1, D2 |',
    ].join('\n');
    const doc = new Y.Doc();
    seedFromSnapshot(doc, parsePostmortemMarkdown(md).snapshot, NOW);
    const s = readSnapshot(doc);
    const [d1, d2] = s.defenses.map((d) => d.id);
    expect(s.actions.map((a) => [a.layer, a.defenseIds])).toEqual([
      ['systemGap', [d2]],
      [undefined, [d1, d2]],
    ]);
  });

  it('gives every part its rich-text paragraph, one per line, as the editor expects', () => {
    const doc = new Y.Doc();
    seedFromSnapshot(doc, parsePostmortemMarkdown(fixture('template.md')).snapshot, NOW);
    const summary = roots(doc).richText('summary').toArray() as Y.XmlElement[];
    expect(summary.map((p) => p.nodeName)).toEqual(['paragraph', 'paragraph']);
    expect((roots(doc).richText('trigger').toArray() as Y.XmlElement[]).map((p) => [p.nodeName, p.length])).toEqual([['paragraph', 0]]);
  });
});

function actionItem(partial: Partial<ActionItem>): ActionItem {
  return { id: 'a1', action: 'x', kind: '', owner: '', due: '', status: 'open', factorIds: [], createdAt: '', closedAt: '', ...partial };
}

describe('seeding from a snapshot', () => {
  const meta = { ...emptySnapshot().meta, startedAt: '2026-11-02T13:58:00.000Z', resolvedAt: '2026-11-02T14:52:00.000Z' };

  it('keeps the stamps a source has, and never lets an item close before it was created', () => {
    expect(actionStamps(actionItem({ createdAt: '2026-11-05T00:00:00.000Z' }), meta, NOW)).toEqual({ createdAt: '2026-11-05T00:00:00.000Z', closedAt: '' });
    expect(actionStamps(actionItem({ status: 'done', createdAt: '2026-11-05T00:00:00.000Z', closedAt: '2026-11-20T00:00:00.000Z' }), meta, NOW)).toEqual({
      createdAt: '2026-11-05T00:00:00.000Z',
      closedAt: '2026-11-20T00:00:00.000Z',
    });
    expect(actionStamps(actionItem({ status: 'wont-do', createdAt: '2026-11-05T00:00:00.000Z', closedAt: '2026-11-01T00:00:00.000Z' }), meta, NOW).closedAt).toBe(NOW.toISOString());
  });

  it('falls back on the incident times, then on now; times in the future do not count', () => {
    expect(actionStamps(actionItem({}), { ...meta, resolvedAt: '' }, NOW).createdAt).toBe('2026-11-02T13:58:00.000Z');
    expect(actionStamps(actionItem({}), emptySnapshot().meta, NOW).createdAt).toBe(NOW.toISOString());
    expect(actionStamps(actionItem({}), { ...emptySnapshot().meta, resolvedAt: '2099-01-01T00:00:00.000Z' }, NOW).createdAt).toBe(NOW.toISOString());
  });

  it('starts as a draft without locks, and keeps approved notes to the hour only', () => {
    const s = emptySnapshot();
    s.meta.title = 'Imported';
    s.moderation = { status: 'published', locks: { summary: true }, sectionStatus: { summary: 'reviewed' }, sectionOwner: { summary: 'Dana' } };
    s.nearMisses = [{ id: 'n1', text: 'It almost happened in March.', hour: '2026-11-03T10:17:42.000Z' }];
    const doc = new Y.Doc();
    seedFromSnapshot(doc, s, NOW);
    const back = readSnapshot(doc);
    expect(back.moderation).toEqual({ status: 'draft', locks: {}, sectionStatus: {}, sectionOwner: {} });
    expect(back.nearMisses.map((n) => [n.text, n.hour])).toEqual([['It almost happened in March.', '2026-11-03T10:00:00.000Z']]);
  });
});
