import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countOpenFindings, SUMMARY_LIMITS, summarizeSnapshot } from '../../../shared/metrics/summary.ts';
import { addAction, addFactor, readSnapshot, roots, seedPostmortem, setActionStatus } from '../../../shared/schema/index.ts';

describe('index summary of a snapshot', () => {
  it('takes the header, shortened action items and factor texts, and the approved near-miss count', () => {
    const doc = new Y.Doc();
    seedPostmortem(doc, { title: 'Checkout errors', severity: 'SEV2' }, new Date('2026-03-01T00:00:00Z'));
    const r = roots(doc);
    r.meta.set('startedAt', '2026-03-01T10:00:00.000Z');
    r.meta.set('detectedAt', '2026-03-01T10:12:00.000Z');
    (r.meta.get('services') as Y.Array<string>).push(['checkout-api', ' checkout-api ', '', 'eu-west']);
    const f1 = addFactor(doc, { category: 'tooling', body: 'Config changes bypass canary analysis.' });
    addFactor(doc, { category: 'process', body: `Long ${'words '.repeat(100)}` });
    addAction(doc, { action: 'Canary analysis for config', kind: 'automation', owner: 'Deploy tooling', due: '2026-04-01', factorIds: [f1] }, null, new Date('2026-03-02T00:00:00Z'));
    addAction(doc, {}, null); // an empty row the editor just added: not an action item yet
    addAction(doc, { action: 'x'.repeat(500), owner: 'SRE' });
    setActionStatus(r.actions.get(0), 'done', new Date('2026-03-09T00:00:00Z'));
    const note = new Y.Map<unknown>();
    note.set('id', 'n1');
    note.set('text', 'This almost happened before.');
    note.set('hour', '2026-03-01T11:00:00.000Z');
    r.nearMisses.push([note]);

    const summary = summarizeSnapshot(readSnapshot(doc));
    expect(summary).toMatchObject({
      title: 'Checkout errors',
      severity: 'SEV2',
      status: 'draft',
      services: ['checkout-api', 'eu-west'],
      startedAt: '2026-03-01T10:00:00.000Z',
      detectedAt: '2026-03-01T10:12:00.000Z',
      resolvedAt: '',
      nearMisses: 1,
    });
    expect(summary.actions).toHaveLength(2);
    expect(summary.actions[0]).toMatchObject({
      action: 'Canary analysis for config',
      kind: 'automation',
      status: 'done',
      createdAt: '2026-03-02T00:00:00.000Z',
      closedAt: '2026-03-09T00:00:00.000Z',
      factorIds: [f1],
    });
    expect(summary.actions[1]!.action).toHaveLength(SUMMARY_LIMITS.actionText);
    expect(summary.factors[0]).toBe('Config changes bypass canary analysis.');
    expect(summary.factors[1]!.length).toBe(SUMMARY_LIMITS.factorText);
    expect(summary.factors[1]!.endsWith('…')).toBe(true);
    doc.destroy();
  });

  it('counts findings by severity, leaving dismissed ones out', () => {
    const findings = [
      { id: '1', severity: 'error' },
      { id: '2', severity: 'warning' },
      { id: '3', severity: 'warning' },
      { id: '4', severity: 'info' },
    ] as const;
    expect(countOpenFindings(findings)).toEqual({ error: 1, warning: 2, info: 1 });
    expect(countOpenFindings(findings, (id) => id === '2' || id === '1')).toEqual({ error: 0, warning: 1, info: 1 });
  });
});
