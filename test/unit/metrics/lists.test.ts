import { describe, expect, it } from 'vitest';
import { postmortemListQuery, actionListQuery } from '../../../shared/api/dashboard.ts';
import { actionCounts, listActions, listPostmortems, matchesFilter } from '../../../shared/metrics/lists.ts';
import { isOverdue } from '../../../shared/metrics/time.ts';
import { action, entry } from './fixtures.ts';

const NOW = new Date('2026-03-20T12:00:00Z');

const entries = [
  entry('checkout', {
    title: 'Checkout errors after a pool change',
    severity: 'SEV2',
    status: 'published',
    services: ['checkout-api', 'config-service'],
    startedAt: '2026-03-02T10:00:00Z',
    factors: ['Config changes bypass canary analysis.'],
    actions: [
      action({ owner: 'Deploy tooling', kind: 'automation', due: '2026-03-10', status: 'open' }),
      action({ owner: 'Checkout SRE', kind: 'control', due: '2026-03-10', status: 'done', closedAt: '2026-03-09T00:00:00Z' }),
    ],
  }),
  entry('search', {
    title: 'Empty search results',
    severity: 'SEV3',
    status: 'draft',
    services: ['search'],
    createdAt: '2026-02-10T00:00:00Z',
    factors: ['The reindex job swaps the alias without checking document counts.'],
    actions: [
      action({ owner: 'search team', kind: '', due: '2026-03-25', status: 'in-progress' }),
      action({ owner: 'Deploy tooling', kind: 'default', due: '2026-03-19', status: 'in-progress' }),
      action({ owner: '', kind: 'interface', due: '', status: 'wont-do' }),
    ],
  }),
  entry('dns', { title: 'DNS failures', severity: 'SEV1', status: 'in-review', services: ['Config-Service'], startedAt: '2026-03-20T23:30:00Z' }),
];

const filter = (query: Record<string, string>) => {
  const { limit: _l, offset: _o, ...f } = postmortemListQuery.parse(query);
  return entries.filter((e) => matchesFilter(e, f)).map((e) => e.id);
};

describe('postmortem list', () => {
  it('lists newest incident first with counts and links', () => {
    const { total, items: rows } = listPostmortems(entries, {}, NOW);
    expect(total).toBe(3);
    expect(rows.map((r) => r.id)).toEqual(['dns', 'checkout', 'search']);
    expect(listPostmortems(entries, {}, NOW, { offset: 1, limit: 1 })).toMatchObject({ total: 3, items: [{ id: 'checkout' }] });
    const search = rows.find((r) => r.id === 'search')!;
    expect(search.actions).toEqual({ total: 3, open: 2, overdue: 1, done: 0, wontDo: 1 });
    expect(search.link).toBe('/p/search');
    expect(search.openFindings).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('searches words in titles, services and factor texts', () => {
    expect(filter({ q: 'canary' })).toEqual(['checkout']);
    expect(filter({ q: 'CHECKOUT pool' })).toEqual(['checkout']);
    expect(filter({ q: 'config' })).toEqual(['checkout', 'dns']);
    expect(filter({ q: 'alias nothing' })).toEqual([]);
  });

  it('filters by service (any case), severity and status lists', () => {
    expect(filter({ service: 'config-service' })).toEqual(['checkout', 'dns']);
    expect(filter({ severity: 'SEV1,SEV2' })).toEqual(['checkout', 'dns']);
    expect(filter({ status: 'draft' })).toEqual(['search']);
    expect(filter({ status: 'draft,in-review', severity: 'SEV1' })).toEqual(['dns']);
  });

  it('filters from/to on the incident date (started, else created); a bare `to` date includes its whole day', () => {
    expect(filter({ from: '2026-03-01' })).toEqual(['checkout', 'dns']);
    expect(filter({ to: '2026-02-28' })).toEqual(['search']);
    expect(filter({ from: '2026-03-20', to: '2026-03-20' })).toEqual(['dns']);
    expect(filter({ to: '2026-03-20T23:00:00Z' })).toEqual(['checkout', 'search']);
  });

  it('rejects unknown values and parameters', () => {
    expect(postmortemListQuery.safeParse({ severity: 'SEV9' }).success).toBe(false);
    expect(postmortemListQuery.safeParse({ from: 'last week' }).success).toBe(false);
    expect(postmortemListQuery.safeParse({ colour: 'red' }).success).toBe(false);
    expect(postmortemListQuery.safeParse({ limit: '0' }).success).toBe(false);
  });
});

function list(query: Record<string, string>) {
  const { limit: _l, offset: _o, ...f } = actionListQuery.parse(query);
  return listActions(entries, f, NOW);
}

describe('action tracker', () => {
  it('is overdue only while open or in progress and due before today (UTC)', () => {
    expect(isOverdue({ due: '2026-03-19', status: 'open' }, NOW)).toBe(true);
    expect(isOverdue({ due: '2026-03-20', status: 'open' }, NOW)).toBe(false);
    expect(isOverdue({ due: '2026-03-01', status: 'done' }, NOW)).toBe(false);
    expect(isOverdue({ due: '2026-03-01', status: 'wont-do' }, NOW)).toBe(false);
    expect(isOverdue({ due: '', status: 'open' }, NOW)).toBe(false);
    expect(isOverdue({ due: 'next sprint', status: 'open' }, NOW)).toBe(false);
    expect(actionCounts(entry('none'), NOW)).toEqual({ total: 0, open: 0, overdue: 0, done: 0, wontDo: 0 });
  });

  it('lists every action with its postmortem, overdue first, oldest due first', () => {
    const { items } = list({});
    expect(items).toHaveLength(5);
    expect(items.map((i) => [i.postmortem.id, i.due, i.overdue])).toEqual([
      ['checkout', '2026-03-10', true],
      ['search', '2026-03-19', true],
      ['search', '2026-03-25', false],
      ['checkout', '2026-03-10', false],
      ['search', '', false],
    ]);
    expect(items[0]!.postmortem).toEqual({ id: 'checkout', title: 'Checkout errors after a pool change', severity: 'SEV2', status: 'published', link: '/p/checkout' });
  });

  it('filters by status, owner (any case), kind (none for no kind) and overdue, and sums the load per owner', () => {
    expect(list({ status: 'open,in-progress' }).items).toHaveLength(3);
    expect(list({ owner: 'SEARCH TEAM' }).items.map((i) => i.owner)).toEqual(['search team']);
    expect(list({ kind: 'none' }).items.map((i) => i.owner)).toEqual(['search team']);
    expect(list({ kind: 'control,interface' }).items).toHaveLength(2);
    expect(list({ overdue: 'true' }).items.map((i) => i.owner)).toEqual(['Deploy tooling', 'Deploy tooling']);
    expect(list({ overdue: 'false' }).items).toHaveLength(3);
    expect(list({ postmortem: 'checkout' }).items).toHaveLength(2);
    expect(listActions(entries, {}, NOW, { offset: 1, limit: 2 })).toMatchObject({ total: 5, items: [{ due: '2026-03-19' }, { due: '2026-03-25' }] });
    expect(list({}).owners).toEqual([
      { owner: 'Deploy tooling', open: 2, overdue: 2 },
      { owner: 'search team', open: 1, overdue: 0 },
      { owner: '', open: 0, overdue: 0 },
      { owner: 'Checkout SRE', open: 0, overdue: 0 },
    ]);
  });
});
