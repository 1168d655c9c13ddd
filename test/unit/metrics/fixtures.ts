/** Hand-made index entries for the metrics tests; every number they lead to is worked out in the tests. */
import type { IncidentEntry, IndexedAction } from '../../../shared/metrics/types.ts';

let next = 0;

/** An action item; open, no kind, no times unless given. */
export function action(overrides: Partial<IndexedAction> = {}): IndexedAction {
  next += 1;
  return { id: `a${next}`, action: `Action ${next}`, kind: '', owner: 'Platform team', due: '', status: 'open', createdAt: '', closedAt: '', factorIds: [], ...overrides };
}

/** An index entry; a draft with nothing filled in unless given. */
export function entry(id: string, overrides: Partial<IncidentEntry> = {}): IncidentEntry {
  return {
    id,
    title: `Incident ${id}`,
    severity: 'SEV3',
    status: 'draft',
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
    services: [],
    startedAt: '',
    detectedAt: '',
    mitigatedAt: '',
    resolvedAt: '',
    actions: [],
    factors: [],
    nearMisses: 0,
    publishedAt: null,
    repeatOf: null,
    ...overrides,
  };
}

/**
 * Four postmortems in March 2026:
 *   A published, detect 20 min, recover 120 min, published 3 days after resolution, 2 near-misses,
 *     actions: done control (10 days to close), won't do, open
 *   B published, a repeat of A, detect 40 min, recover 240 min, published 7 days after, actions:
 *     done without a kind (4 days), in progress
 *   C draft without detected/resolved times, 1 near-miss, no actions
 *   D in review without a started time (created 25 March), action: done automation (10 days)
 */
export function marchFixture(): IncidentEntry[] {
  return [
    entry('A', {
      status: 'published',
      startedAt: '2026-03-02T10:00:00.000Z',
      detectedAt: '2026-03-02T10:20:00.000Z',
      resolvedAt: '2026-03-02T12:00:00.000Z',
      publishedAt: '2026-03-05T12:00:00.000Z',
      nearMisses: 2,
      actions: [
        action({ status: 'done', kind: 'control', createdAt: '2026-03-03T00:00:00.000Z', closedAt: '2026-03-13T00:00:00.000Z' }),
        action({ status: 'wont-do', kind: 'interface', createdAt: '2026-03-03T00:00:00.000Z', closedAt: '2026-03-04T00:00:00.000Z' }),
        action({ status: 'open', kind: 'default', createdAt: '2026-03-03T00:00:00.000Z' }),
      ],
    }),
    entry('B', {
      status: 'published',
      repeatOf: 'A',
      startedAt: '2026-03-10T00:00:00.000Z',
      detectedAt: '2026-03-10T00:40:00.000Z',
      resolvedAt: '2026-03-10T04:00:00.000Z',
      publishedAt: '2026-03-17T04:00:00.000Z',
      actions: [
        action({ status: 'done', kind: '', createdAt: '2026-03-11T00:00:00.000Z', closedAt: '2026-03-15T00:00:00.000Z' }),
        action({ status: 'in-progress', kind: 'automation', createdAt: '2026-03-11T00:00:00.000Z' }),
      ],
    }),
    entry('C', { startedAt: '2026-03-20T00:00:00.000Z', nearMisses: 1 }),
    entry('D', {
      status: 'in-review',
      createdAt: '2026-03-25T00:00:00.000Z',
      actions: [action({ status: 'done', kind: 'automation', createdAt: '2026-03-26T00:00:00.000Z', closedAt: '2026-04-05T00:00:00.000Z' })],
    }),
  ];
}
