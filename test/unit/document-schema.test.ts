import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  RICH_TEXT_ROOTS,
  SECTIONS,
  addAction,
  addDefense,
  addFactor,
  addTimelineEntry,
  fragmentText,
  readSnapshot,
  removeRow,
  roots,
  seedPostmortem,
  setActionStatus,
} from '../../shared/schema/index.ts';

function seeded(): Y.Doc {
  const doc = new Y.Doc();
  seedPostmortem(doc, { title: 'Payments down', severity: 'SEV1' });
  return doc;
}

describe('document schema', () => {
  it('has the eight sections of PRODUCT.md in order', () => {
    expect(SECTIONS.map((s) => s.title)).toEqual([
      'Summary',
      'What happened (timeline)',
      'Impact',
      'Detection gap',
      'Control gap',
      'Contributing factors',
      'Action items',
      'How do we prevent recurrence?',
    ]);
  });

  it('seeds the header, moderation and one empty paragraph per rich-text root', () => {
    const doc = seeded();
    const snap = readSnapshot(doc);
    expect(snap.meta).toMatchObject({ title: 'Payments down', severity: 'SEV1', services: [] });
    expect(snap.moderation.status).toBe('draft');
    for (const name of RICH_TEXT_ROOTS) {
      const fragment = doc.getXmlFragment(name);
      expect(fragment.length).toBe(1);
      expect((fragment.get(0) as Y.XmlElement).nodeName).toBe('paragraph');
    }
  });

  it('keeps the timeline in time order, entries without a time last', () => {
    const doc = seeded();
    addTimelineEntry(doc, { at: '2026-11-02T14:10:00.000Z', body: 'second' });
    addTimelineEntry(doc, { body: 'untimed' });
    addTimelineEntry(doc, { at: '2026-11-02T14:00:00.000Z', body: 'first' });
    addTimelineEntry(doc, { at: '2026-11-02T14:20:00.000Z', body: 'third', known: 'dashboards green\nno page' });
    const timeline = readSnapshot(doc).timeline;
    expect(timeline.map((e) => e.body)).toEqual(['first', 'second', 'third', 'untimed']);
    expect(timeline[2]!.known).toBe('dashboards green\nno page');
  });

  it('stamps createdAt and keeps closedAt true to the status', () => {
    const doc = seeded();
    const id = addAction(doc, { action: 'Add a deploy freeze check', kind: 'control' }, null, new Date('2026-11-03T10:00:00Z'));
    const row = roots(doc).actions.get(0);
    expect(readSnapshot(doc).actions[0]).toMatchObject({ id, createdAt: '2026-11-03T10:00:00.000Z', closedAt: '', status: 'open' });
    setActionStatus(row, 'done', new Date('2026-11-10T10:00:00Z'));
    expect(row.get('closedAt')).toBe('2026-11-10T10:00:00.000Z');
    setActionStatus(row, 'wont-do', new Date('2026-11-11T10:00:00Z'));
    expect(row.get('closedAt')).toBe('2026-11-10T10:00:00.000Z');
    setActionStatus(row, 'in-progress');
    expect(row.get('closedAt')).toBe('');
  });

  it('adds and removes factors and defenses by id', () => {
    const doc = seeded();
    const f = addFactor(doc, { category: 'tooling', body: 'Deploy tool had no canary stage' });
    addDefense(doc, { name: 'Canary', state: 'absent', failure: 'latent' });
    expect(readSnapshot(doc).factors).toEqual([{ id: f, category: 'tooling', body: 'Deploy tool had no canary stage' }]);
    expect(readSnapshot(doc).defenses[0]).toMatchObject({ name: 'Canary', state: 'absent', failure: 'latent' });
    expect(removeRow(roots(doc).factors, f)).toBe(true);
    expect(removeRow(roots(doc).factors, f)).toBe(false);
    expect(readSnapshot(doc).factors).toEqual([]);
  });

  it('reads rich text as lines, ignoring marks', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('summary');
    const p1 = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    p1.insert(0, [text]);
    const p2 = new Y.XmlElement('paragraph');
    p2.insert(0, [new Y.XmlText('second line')]);
    fragment.insert(0, [p1, p2]);
    text.insert(0, 'bold ', { bold: true });
    text.insert(5, 'plain');
    expect(fragmentText(fragment)).toBe('bold plain\nsecond line');
  });

  it('keeps one line per textblock, empty ones included, so offsets map onto the editor', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('summary');
    const empty = new Y.XmlElement('paragraph');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const inItem = new Y.XmlElement('paragraph');
    inItem.insert(0, [new Y.XmlText('a <b> typed literally')]);
    item.insert(0, [inItem]);
    list.insert(0, [item]);
    const heading = new Y.XmlElement('heading');
    fragment.insert(0, [empty, list, heading, new Y.XmlElement('paragraph')]);
    expect(fragmentText(fragment)).toBe('\na <b> typed literally');
  });

  it('reads a document with missing or odd fields without throwing', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 42);
    doc.getArray('actions').push([new Y.Map()]);
    const snap = readSnapshot(doc);
    expect(snap.meta.title).toBe('');
    expect(snap.actions[0]).toMatchObject({ action: '', status: 'open', factorIds: [] });
  });
});
