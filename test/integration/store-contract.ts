/**
 * What every PostmortemStore promises, run against each store (embedded-store.test.ts,
 * postgres-store.test.ts). A fixture is one place the store keeps things (a data folder, a
 * database); open() may be called again on it, after close() or, for a crash, without it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPostmortem } from '../../server/postmortems.ts';
import type { PendingNote, PostmortemStore } from '../../server/storage/store.ts';
import { hashToken } from '../../server/tokens.ts';

export interface StoreFixture {
  open(): Promise<PostmortemStore>;
  /** Removes the place (closing anything still open is the test's job). */
  dispose(): Promise<void>;
}

/** A Yjs update that sets `key` to `value` in a map named `m`, as a client would send. */
function update(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, value);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The document as a fresh client would see it after loading what is stored. */
function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

export function storeContract(name: string, makeFixture: () => Promise<StoreFixture>): void {
  describe(`${name}: the store contract`, () => {
    let fixture: StoreFixture;
    const opened: PostmortemStore[] = [];
    const open = async () => {
      const store = await fixture.open();
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      fixture = await makeFixture();
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close().catch(() => undefined);
      await fixture.dispose();
    });

    it('creates a postmortem with its record, index entry, first document and first report', async () => {
      const store = await open();
      const { id, tokens } = await createPostmortem(store, { title: 'Queue backlog', severity: 'SEV2' });
      const record = await store.getRecord(id);
      expect(record).toMatchObject({ id, tokenHashes: { facilitator: hashToken(tokens.facilitator), viewer: hashToken(tokens.viewer) } });
      expect(JSON.stringify(record)).not.toContain(tokens.facilitator);
      expect(await store.getIndexEntry(id)).toMatchObject({ id, title: 'Queue backlog', severity: 'SEV2', status: 'draft' });
      expect((await store.listIndex()).map((e) => e.id)).toEqual([id]);
      const stored = await store.loadDocument(id);
      expect(stored).toMatchObject({ updates: [], revision: 0 });
      expect(rebuild(stored).getMap('meta').get('title')).toBe('Queue backlog');
      expect((await store.getCheckReport(id))?.revision).toBe(0);
      expect(await store.getRecord('nosuchpostmortem0000')).toBeNull();
      expect(await store.getIndexEntry('nosuchpostmortem0000')).toBeNull();
      expect(store.health()).toEqual({ ok: true, problems: [] });
    });

    it('numbers updates in call order and returns them in that order, durably before close', async () => {
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      await store.loadDocument(id);
      const doc = new Y.Doc();
      const updates = Array.from({ length: 40 }, (_, i) => update(doc, `k${i}`, `v${i}`));
      // Not awaited one by one: the store itself must keep the order.
      const revisions = await Promise.all(updates.map((u) => store.appendUpdate(id, u)));
      expect(revisions).toEqual(updates.map((_, i) => i + 1));
      expect(await store.getRevision(id)).toBe(40);

      // Another store on the same place, the first never closed (as after kill -9).
      const other = await open();
      const stored = await other.loadDocument(id);
      expect(stored.revision).toBe(40);
      expect(stored.updates.map((u) => Buffer.from(u).toString('hex'))).toEqual(updates.map((u) => Buffer.from(u).toString('hex')));
      expect(rebuild(stored).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    });

    it('compacts: the snapshot replaces the folded updates, later ones stay, the revision keeps counting', async () => {
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      const first = await store.loadDocument(id);
      const doc = rebuild(first);
      for (let i = 0; i < 5; i += 1) await store.appendUpdate(id, update(doc, `a${i}`, 'x'));
      await store.compact(id, Y.encodeStateAsUpdate(doc), 5);
      for (let i = 0; i < 3; i += 1) await store.appendUpdate(id, update(doc, `b${i}`, 'y'));

      const loaded = await store.loadDocument(id);
      expect(loaded.updates).toHaveLength(3);
      expect(loaded.revision).toBe(8);
      expect(rebuild(loaded).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
      expect(await store.getRevision(id)).toBe(8);
      expect(await store.appendUpdate(id, update(doc, 'c', 'z'))).toBe(9);

      await store.close();
      const reopened = await open();
      expect(await reopened.getRevision(id)).toBe(9);
      const again = await reopened.loadDocument(id);
      expect(again.revision).toBe(9);
      expect(again.updates).toHaveLength(4);
      expect(rebuild(again).getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
    });

    it('patches index entries without losing other fields, and ignores unknown ids', async () => {
      const store = await open();
      const a = await createPostmortem(store, { title: 'Alpha' });
      const b = await createPostmortem(store, { title: 'Beta' });
      await store.updateIndexEntry(a.id, { title: 'Alpha, renamed', status: 'in-review' });
      await store.updateIndexEntry(a.id, { severity: 'SEV1' });
      await store.updateIndexEntry('nosuchpostmortem0000', { title: 'ghost' });
      expect(await store.getIndexEntry(a.id)).toMatchObject({ id: a.id, title: 'Alpha, renamed', status: 'in-review', severity: 'SEV1' });
      expect((await store.listIndex()).map((e) => e.title).sort()).toEqual(['Alpha, renamed', 'Beta']);
      await store.close();
      const reopened = await open();
      expect((await reopened.getIndexEntry(a.id))?.title).toBe('Alpha, renamed');
      expect((await reopened.getIndexEntry(b.id))?.title).toBe('Beta');
    });

    it('never replaces a newer check report with an older one', async () => {
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      await store.saveCheckReport(id, { revision: 5, checkedAt: 'b', findings: [] });
      await store.saveCheckReport(id, { revision: 3, checkedAt: 'a', findings: [] });
      expect((await store.getCheckReport(id))?.revision).toBe(5);
      await store.saveCheckReport(id, { revision: 6, checkedAt: 'c', findings: [] });
      expect(await store.getCheckReport(id)).toEqual({ revision: 6, checkedAt: 'c', findings: [] });
    });

    it('applies private-state changes of one document in order, each on the last result', async () => {
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      expect(await store.getPrivateState(id)).toEqual({ dismissals: {}, roster: [], publish: null, triage: [], repeatOf: null });
      const names = Array.from({ length: 20 }, (_, i) => `person ${i}`);
      const results = await Promise.all(names.map((n) => store.updatePrivateState(id, (s) => void s.roster.push(n))));
      expect(results[19]!.roster).toEqual(names);
      // A change that throws is refused and changes nothing; the next one still runs.
      await expect(
        store.updatePrivateState(id, (s) => {
          s.roster = [];
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await store.updatePrivateState(id, (s) => {
        s.repeatOf = { postmortemId: 'other', at: '2026-01-01T00:00:00.000Z' };
      });
      await store.close();
      const reopened = await open();
      expect(await reopened.getPrivateState(id)).toMatchObject({ roster: names, repeatOf: { postmortemId: 'other' } });
    });

    it('keeps pending notes apart, applying concurrent changes one after another', async () => {
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      expect(await store.getPendingNotes(id)).toEqual([]);
      const notes: PendingNote[] = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, text: `note ${i}`, hour: '2026-03-01T10:00:00.000Z' }));
      await Promise.all(notes.map((n) => store.updatePendingNotes(id, (list) => [...list, n])));
      expect((await store.getPendingNotes(id)).map((n) => n.id).sort()).toEqual(notes.map((n) => n.id).sort());
      await store.updatePendingNotes(id, (list) => list.filter((n) => n.id !== 'n3'));
      await store.close();
      const reopened = await open();
      const kept = await reopened.getPendingNotes(id);
      expect(kept).toHaveLength(11);
      expect(kept.find((n) => n.id === 'n5')).toEqual({ id: 'n5', text: 'note 5', hour: '2026-03-01T10:00:00.000Z' });
      expect(kept.some((n) => n.id === 'n3')).toBe(false);
    });
  });
}
