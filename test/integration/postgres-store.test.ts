/**
 * The PostgreSQL store: the shared contract, then what only a shared database must guarantee
 * (several processes at once, the schema, anonymity of the notes table, health). This file
 * creates a database of its own from DATABASE_URL (the admin connection) and drops it after;
 * each test gets a fresh schema in it (much quicker to make than a database).
 */
import net from 'node:net';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/logger.ts';
import { createPostmortem } from '../../server/postmortems.ts';
import { PostgresStore } from '../../server/storage/postgres/postgres-store.ts';
import { SCHEMA_VERSION } from '../../server/storage/postgres/schema.ts';
import { ADMIN_DATABASE_URL, POSTGRES_SKIP_REASON, createTempDatabase, createTempSchema, type TempDatabase } from '../helpers/postgres.ts';
import { storeContract } from './store-contract.ts';

const openStore = (url: string) => PostgresStore.open({ url, logger: createLogger('silent'), healthCheckMs: 200 });

/** A Yjs update that sets `key` in map `m` of `doc`. */
function setKey(doc: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, key);
  return Y.encodeStateAsUpdate(doc, before);
}

if (!ADMIN_DATABASE_URL) console.log(POSTGRES_SKIP_REASON);

describe.skipIf(!ADMIN_DATABASE_URL)('postgres store', () => {
  let database: TempDatabase;
  beforeAll(async () => {
    database = await createTempDatabase();
  });
  afterAll(() => database?.drop());

  storeContract('postgres', async () => {
    const place = await createTempSchema(database.url);
    return { open: () => openStore(place.url), dispose: () => place.drop() };
  });

  describe('postgres store, shared by several processes', () => {
    let db: { url: string };
    const cleanups: (() => Promise<unknown>)[] = [];
    const open = async (url = db.url) => {
      const store = await openStore(url);
      cleanups.push(() => store.close());
      return store;
    };
    /** A plain connection to the test database, to look at what is stored. */
    const inspect = async () => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      cleanups.push(() => client.end());
      return client;
    };
    const fresh = async () => {
      const place = await createTempSchema(database.url);
      db = place;
      cleanups.push(() => place.drop());
    };
    afterEach(async () => {
      for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
    });

    it('creates the schema once, with its version, however many processes start together', async () => {
      await fresh();
      const [a, b, c] = await Promise.all([open(), open(), open()]);
      await createPostmortem(a, { title: 'x' });
      expect(await b.listIndex()).toHaveLength(1);
      expect(c.health().ok).toBe(true);
      const client = await inspect();
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual([SCHEMA_VERSION]);
    });

    it('refuses a database whose schema is newer than the server', async () => {
      await fresh();
      await (await open()).close();
      const client = await inspect();
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
      await expect(openStore(db.url)).rejects.toThrow(/newer than this server/);
    });

    it('numbers appends from two processes without a gap or a repeat', async () => {
      await fresh();
      const [a, b] = await Promise.all([open(), open()]);
      const { id } = await createPostmortem(a, { title: 'x' });
      const docA = new Y.Doc();
      const docB = new Y.Doc();
      const updatesA = Array.from({ length: 25 }, (_, i) => setKey(docA, `a${i}`));
      const updatesB = Array.from({ length: 25 }, (_, i) => setKey(docB, `b${i}`));
      const revisions = (await Promise.all([...updatesA.map((u) => a.appendUpdate(id, u)), ...updatesB.map((u) => b.appendUpdate(id, u))])).sort(
        (x, y) => x - y,
      );
      expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const loaded = await a.loadDocument(id);
      const doc = new Y.Doc();
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const u of loaded.updates) Y.applyUpdate(doc, u);
      expect(Object.keys(doc.getMap('m').toJSON())).toHaveLength(50);
    });

    it('lets one of two simultaneous compactions win and loses no update appended meanwhile', async () => {
      await fresh();
      const [a, b] = await Promise.all([open(), open()]);
      const client = await inspect();
      for (let round = 0; round < 8; round += 1) {
        const { id } = await createPostmortem(a, { title: `round ${round}` });
        const doc = new Y.Doc();
        Y.applyUpdate(doc, (await a.loadDocument(id)).snapshot!);
        const states: Uint8Array[] = [];
        const append = async (store: PostgresStore, key: string) => {
          const before = Y.encodeStateVector(doc);
          doc.getMap('m').set(key, key);
          const revision = await store.appendUpdate(id, Y.encodeStateAsUpdate(doc, before));
          states[revision] = Y.encodeStateAsUpdate(doc);
        };
        for (let i = 1; i <= 10; i += 1) await append(a, `k${i}`);
        // Process A compacts at 10, process B (behind) at 6, while B keeps appending.
        await Promise.all([a.compact(id, states[10]!, 10), b.compact(id, states[6]!, 6), append(b, 'k11'), append(b, 'k12')]);

        const { rows } = await client.query<{ snapshot_revision: string; revision: string }>(
          'SELECT snapshot_revision, revision FROM documents WHERE id = $1',
          [id],
        );
        expect(rows[0]).toEqual({ snapshot_revision: '10', revision: '12' });
        const loaded = await (round % 2 ? a : b).loadDocument(id);
        expect(loaded.revision).toBe(12);
        const rebuilt = new Y.Doc();
        Y.applyUpdate(rebuilt, loaded.snapshot!);
        for (const u of loaded.updates) Y.applyUpdate(rebuilt, u);
        expect(rebuilt.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
      }
    });

    it('applies private-state changes from two processes one after another', async () => {
      await fresh();
      const [a, b] = await Promise.all([open(), open()]);
      const { id } = await createPostmortem(a, { title: 'x' });
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).updatePrivateState(id, (s) => void s.roster.push(`name ${i}`))),
      );
      expect((await a.getPrivateState(id)).roster.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `name ${i}`).sort());
    });

    it('stores pending notes as id, text and hour only, and lists them in random order', async () => {
      await fresh();
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'x' });
      for (let i = 0; i < 8; i += 1) {
        // A careless caller's extra fields must not reach the table.
        const note = { id: `note${i}`, text: `text ${i}`, hour: '2026-03-01T10:00:00.000Z', author: 'Ana Authorname', clientId: 4242 };
        await store.updatePendingNotes(id, (notes) => [...notes, note]);
      }
      const client = await inspect();
      const columns = await client.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'pending_notes' ORDER BY column_name",
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual(['doc_id', 'hour', 'id', 'text']);
      const rows = await client.query('SELECT row_to_json(p)::text AS row FROM pending_notes p');
      expect(rows.rows).toHaveLength(8);
      for (const { row } of rows.rows as { row: string }[]) {
        expect(row).not.toContain('Ana');
        expect(row).not.toContain('4242');
      }
      const orders = new Set<string>();
      for (let i = 0; i < 10; i += 1) orders.add((await store.getPendingNotes(id)).map((n) => n.id).join());
      // 8 notes: ten reads in the same order would happen once in (8!)^9.
      expect(orders.size).toBeGreaterThan(1);
      for (const note of await store.getPendingNotes(id)) expect(Object.keys(note).sort()).toEqual(['hour', 'id', 'text']);
    });

    it('lists the index without touching a document', async () => {
      await fresh();
      const store = await open();
      const { id } = await createPostmortem(store, { title: 'Listed' });
      const locker = await inspect();
      // Nobody can read the documents while this lock is held: a listing that read one would wait (and time out).
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE documents, document_updates IN ACCESS EXCLUSIVE MODE');
      expect((await store.listIndex()).map((e) => e.title)).toEqual(['Listed']);
      expect((await store.getIndexEntry(id))?.title).toBe('Listed');
      await locker.query('ROLLBACK');
    });

    it('reports degraded while the database cannot be reached, and recovers', async () => {
      await fresh();
      const target = new URL(db.url);
      const sockets = new Set<net.Socket>();
      const proxy = net.createServer((socket) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [socket, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => {
            socket.destroy();
            upstream.destroy();
          });
        }
        socket.pipe(upstream).pipe(socket);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const port = (proxy.address() as net.AddressInfo).port;
      const viaProxy = new URL(db.url);
      viaProxy.hostname = '127.0.0.1';
      viaProxy.port = String(port);
      const store = await open(viaProxy.toString());
      const { id } = await createPostmortem(store, { title: 'x' });
      expect(store.health()).toEqual({ ok: true, problems: [] });

      // The database goes away: open connections are cut and new ones refused.
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await expect(store.getIndexEntry(id)).rejects.toBeInstanceOf(Error);
      const degraded = store.health();
      expect(degraded.ok).toBe(false);
      expect(degraded.problems.join()).toMatch(/database unreachable/);

      await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
      cleanups.push(async () => {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      });
      expect((await store.getIndexEntry(id))?.id).toBe(id);
      expect(store.health()).toEqual({ ok: true, problems: [] });
    });
  });
});
