/**
 * The embedded store: files under DATA_DIR, no other service needed.
 *   index.json + index.log  the index: a snapshot and the entries changed since (index-file.ts)
 *   docs/<id>/record.json   token hashes and creation time (lowdb), written once
 *   docs/<id>/snapshot.bin  the last compacted Yjs state
 *   docs/<id>/wal.log       updates accepted since, appended one record each
 * Saving a document touches only its own files, so it costs the same with 1 or 10,000 postmortems.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { POSTMORTEM_ID } from '../../../shared/api/types.ts';
import type { Logger } from '../../logger.ts';
import {
  emptyPrivateState,
  type IndexEntry,
  type PendingNote,
  type PostmortemRecord,
  type PostmortemStore,
  type PrivateState,
  type StoreHealth,
  type StoredCheckReport,
  type StoredDocument,
} from '../store.ts';
import { IndexFile } from './index-file.ts';
import { readSnapshotFile, readSnapshotRevision, writeSnapshotFile } from './snapshot-file.ts';
import { WalWriter, readWal, truncateDamagedTail } from './wal-file.ts';

interface OpenDocument {
  wal: WalWriter;
  revision: number;
}

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger: Logger;
  walFsync?: boolean;
  /** Delay before changed index entries are written; changes in between are written once. */
  indexWriteDelayMs?: number;
  /** The index log is folded into index.json once larger than this (and than half of index.json). */
  indexCompactAfterBytes?: number;
}

export class EmbeddedStore implements PostmortemStore {
  private readonly docsDir: string;
  private readonly index: IndexFile;
  private readonly records = new Map<string, PostmortemRecord>();
  private readonly open = new Map<string, OpenDocument>();
  private readonly problems = new Set<string>();
  /** Per-document JSON files (check report, private state), opened once. */
  private readonly jsonFiles = new Map<string, Low<unknown>>();
  private readonly privateWrites = new Map<string, Promise<unknown>>();

  private constructor(private readonly options: EmbeddedStoreOptions) {
    this.docsDir = path.join(options.dataDir, 'docs');
    this.index = new IndexFile({
      dataDir: options.dataDir,
      logger: options.logger,
      writeDelayMs: options.indexWriteDelayMs ?? 250,
      compactAfterBytes: options.indexCompactAfterBytes,
    });
  }

  /** Opens (creating if needed) the store in `dataDir`. */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    fs.mkdirSync(path.join(options.dataDir, 'docs'), { recursive: true });
    const store = new EmbeddedStore(options);
    await store.loadIndex();
    return store;
  }

  private dir(id: string): string {
    // Ids reach here from URLs: refuse anything that could leave the docs folder.
    if (!POSTMORTEM_ID.test(id)) throw new Error('invalid postmortem id');
    return path.join(this.docsDir, id);
  }

  private async loadIndex(): Promise<void> {
    // A corrupt index is kept aside and rebuilt from the documents.
    this.index.load();
    // Documents created just before a crash may be missing from the index: add them back.
    let added = 0;
    for (const id of fs.readdirSync(this.docsDir)) {
      if (!POSTMORTEM_ID.test(id) || this.index.entries[id]) continue;
      const record = await this.getRecord(id);
      if (!record) continue;
      this.index.entries[id] = record.entry ?? {
        id,
        title: '(untitled)',
        severity: 'SEV3',
        status: 'draft',
        createdAt: record.createdAt,
        updatedAt: record.createdAt,
      };
      added += 1;
    }
    if (added > 0) {
      this.options.logger.warn('documents missing from the index were added back', { count: added });
      await this.index.compact();
    }
  }

  async create(record: PostmortemRecord, entry: IndexEntry, initialState: Uint8Array): Promise<void> {
    const dir = this.dir(record.id);
    fs.mkdirSync(dir, { recursive: false });
    writeSnapshotFile(path.join(dir, 'snapshot.bin'), { revision: 0, state: initialState });
    // The record carries the first index entry, so a crash before the index is written loses nothing.
    const stored: PostmortemRecord = { ...record, entry };
    const db = new Low<PostmortemRecord>(new JSONFile(path.join(dir, 'record.json')), stored);
    await db.write();
    this.records.set(record.id, stored);
    this.index.put(entry);
  }

  async getRecord(id: string): Promise<PostmortemRecord | null> {
    if (!POSTMORTEM_ID.test(id)) return null;
    const cached = this.records.get(id);
    if (cached) return cached;
    const file = path.join(this.dir(id), 'record.json');
    if (!fs.existsSync(file)) return null;
    const db = new Low<PostmortemRecord | null>(new JSONFile(file), null);
    await db.read();
    if (db.data) this.records.set(id, db.data);
    return db.data;
  }

  async getIndexEntry(id: string): Promise<IndexEntry | null> {
    return this.index.entries[id] ?? null;
  }

  async listIndex(): Promise<IndexEntry[]> {
    return Object.values(this.index.entries);
  }

  async updateIndexEntry(id: string, patch: Partial<Omit<IndexEntry, 'id'>>): Promise<void> {
    const current = this.index.entries[id];
    if (!current) return;
    // A new object, never a change in place: readers holding the old entry (and caches keyed on its parts) stay valid.
    this.index.put({ ...current, ...patch, id });
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    const dir = this.dir(id);
    const snapshot = readSnapshotFile(path.join(dir, 'snapshot.bin'));
    const walPath = path.join(dir, 'wal.log');
    const log = readWal(walPath);
    if (log.damagedBytes > 0) {
      const aside = truncateDamagedTail(walPath, log.validLength);
      this.options.logger.warn('write-ahead log had a torn or corrupt tail; intact records kept', {
        id,
        records: log.records.length,
        droppedBytes: log.damagedBytes,
        originalKeptAt: path.basename(aside),
      });
    }
    const base = snapshot?.revision ?? 0;
    const updates = log.records.filter((r) => r.revision > base);
    const revision = updates.length > 0 ? updates[updates.length - 1]!.revision : base;
    this.open.get(id)?.wal.close();
    this.open.set(id, { wal: new WalWriter(walPath, this.options.walFsync ?? false), revision });
    return { snapshot: snapshot?.state ?? null, updates: updates.map((r) => r.payload), revision };
  }

  private opened(id: string): OpenDocument {
    const doc = this.open.get(id);
    if (!doc) throw new Error(`document ${id} is not loaded`);
    return doc;
  }

  async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    const doc = this.opened(id);
    try {
      doc.wal.append(doc.revision + 1, update);
    } catch (err) {
      this.problems.add(`write-ahead log append failed (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      throw err;
    }
    doc.revision += 1;
    return doc.revision;
  }

  async compact(id: string, state: Uint8Array, revision: number): Promise<void> {
    const doc = this.opened(id);
    try {
      writeSnapshotFile(path.join(this.dir(id), 'snapshot.bin'), { revision, state });
      doc.wal.dropThrough(revision);
      doc.revision = Math.max(doc.revision, revision);
      for (const problem of this.problems) if (problem.startsWith('write-ahead log append failed')) this.problems.delete(problem);
    } catch (err) {
      this.problems.add(`snapshot write failed (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      throw err;
    }
  }

  async getRevision(id: string): Promise<number> {
    const open = this.open.get(id);
    if (open) return open.revision;
    const dir = this.dir(id);
    const base = readSnapshotRevision(path.join(dir, 'snapshot.bin'));
    const records = readWal(path.join(dir, 'wal.log')).records;
    return Math.max(base, records.length > 0 ? records[records.length - 1]!.revision : 0);
  }

  async release(id: string): Promise<void> {
    this.open.get(id)?.wal.close();
    this.open.delete(id);
    this.jsonFiles.delete(`${id}/checks`);
    this.jsonFiles.delete(`${id}/private`);
    this.jsonFiles.delete(`${id}/notes`);
  }

  private async json<T>(id: string, name: 'checks' | 'private' | 'notes', fallback: T): Promise<Low<T>> {
    const key = `${id}/${name}`;
    let db = this.jsonFiles.get(key) as Low<T> | undefined;
    if (!db) {
      db = new Low<T>(new JSONFile(path.join(this.dir(id), `${name}.json`)), fallback);
      await db.read();
      this.jsonFiles.set(key, db as Low<unknown>);
    }
    return db;
  }

  async getCheckReport(id: string): Promise<StoredCheckReport | null> {
    return (await this.json<StoredCheckReport | null>(id, 'checks', null)).data;
  }

  async saveCheckReport(id: string, report: StoredCheckReport): Promise<void> {
    const db = await this.json<StoredCheckReport | null>(id, 'checks', null);
    // Reports can finish out of order; an older revision never replaces a newer one.
    if (db.data && db.data.revision > report.revision) return;
    db.data = report;
    await db.write();
  }

  async getPrivateState(id: string): Promise<PrivateState> {
    return { ...emptyPrivateState(), ...(await this.json<PrivateState>(id, 'private', emptyPrivateState())).data };
  }

  updatePrivateState(id: string, change: (state: PrivateState) => void): Promise<PrivateState> {
    const previous = this.privateWrites.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const db = await this.json<PrivateState>(id, 'private', emptyPrivateState());
        const state = { ...emptyPrivateState(), ...db.data };
        change(state);
        db.data = state;
        await db.write();
        return state;
      });
    this.privateWrites.set(id, next);
    return next;
  }

  async getPendingNotes(id: string): Promise<PendingNote[]> {
    return [...(await this.json<PendingNote[]>(id, 'notes', [])).data];
  }

  updatePendingNotes(id: string, change: (notes: PendingNote[]) => PendingNote[]): Promise<void> {
    const key = `${id}/notes`;
    const previous = this.privateWrites.get(key) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const db = await this.json<PendingNote[]>(id, 'notes', []);
        db.data = change([...db.data]);
        await db.write();
      });
    this.privateWrites.set(key, next);
    return next;
  }

  health(): StoreHealth {
    const problems = [...this.problems, ...(this.index.writeFailing ? ['index write failed'] : [])];
    return { ok: problems.length === 0, problems };
  }

  async close(): Promise<void> {
    await this.index.close();
    await Promise.allSettled(this.privateWrites.values());
    for (const doc of this.open.values()) doc.wal.close();
    this.open.clear();
  }
}
