/**
 * The embedded store: files under DATA_DIR, no other service needed.
 *   index.json + index.log  the index: a snapshot and the entries changed since (index-file.ts)
 *   docs/<id>/record.json   token hashes and creation time (lowdb), written once
 *   docs/<id>/snapshot.bin  the last compacted Yjs state
 *   docs/<id>/wal.log       updates accepted since, appended one record each
 * Saving a document touches only its own files, so it costs the same with 1 or 10,000 postmortems.
 * When the folder cannot be written (full, read-only) every write fails cleanly and health()
 * says so; damaged files are kept aside, never overwritten (see README "Reliability").
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
import { CorruptSnapshotError, readSnapshotFile, readSnapshotRevision, writeSnapshotFile } from './snapshot-file.ts';
import { WalWriter, keepAside, readWal, truncateDamagedTail, writeWalFile } from './wal-file.ts';
import { describeWriteError, errorCode, isWriteFailure, probeWritable } from './write-failure.ts';

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

/**
 * Notes keep only the hour they were sent: so do the file's times and its folder's (the rename
 * of a write changes the folder too). The inode change time cannot be set; it stays exact.
 */
function hideWriteTime(dir: string, file: string): void {
  const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  fs.utimesSync(path.join(dir, file), hour, hour);
  fs.utimesSync(dir, hour, hour);
}

export class EmbeddedStore implements PostmortemStore {
  private readonly docsDir: string;
  private readonly index: IndexFile;
  private readonly records = new Map<string, PostmortemRecord>();
  private readonly open = new Map<string, OpenDocument>();
  /** The last failed write to the data folder, until a write succeeds again. */
  private writeFailure: { code: string; what: string; since: string } | null = null;
  private lastProbe = 0;
  /** Damage found in a document's files, by "<id>:snapshot" or "<id>:wal", for health(). */
  private readonly damaged = new Map<string, string>();
  /** Per-document JSON files (check report, private state), opened once. */
  /** Each open JSON file's one instance, as a promise: callers that arrive while it is read share it. */
  private readonly jsonFiles = new Map<string, Promise<Low<unknown>>>();
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
    // A read-only folder still serves what it holds; health() says it cannot store anything.
    try {
      probeWritable(options.dataDir);
    } catch (err) {
      store.writeFailed('start-up check', err);
    }
    await store.loadIndex();
    return store;
  }

  /** Records a failed write: logged once when it starts, reported by health() until a write succeeds. */
  private writeFailed(what: string, err: unknown): void {
    const code = errorCode(err);
    if (!this.writeFailure || this.writeFailure.code !== code) {
      this.options.logger.error(`cannot write to the data folder: ${describeWriteError(code)}; edits are refused (4503) until it can`, {
        code,
        what,
        dataDir: this.options.dataDir,
      });
    }
    this.writeFailure = { code, what, since: this.writeFailure?.since ?? new Date().toISOString() };
    this.lastProbe = Date.now();
  }

  private writeSucceeded(): void {
    if (!this.writeFailure) return;
    this.options.logger.warn('the data folder can be written again; edits are stored again', { since: this.writeFailure.since });
    this.writeFailure = null;
  }

  /** Runs a write, keeping the write-failure state up to date. */
  private async writing<T>(what: string, write: () => T | Promise<T>): Promise<T> {
    try {
      const result = await write();
      this.writeSucceeded();
      return result;
    } catch (err) {
      if (isWriteFailure(err)) this.writeFailed(what, err);
      throw err;
    }
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
    // The record carries the first index entry, so a crash before the index is written loses nothing.
    const stored: PostmortemRecord = { ...record, entry };
    await this.writing('new postmortem', async () => {
      fs.mkdirSync(dir, { recursive: false });
      try {
        writeSnapshotFile(path.join(dir, 'snapshot.bin'), { revision: 0, state: initialState });
        await new Low<PostmortemRecord>(new JSONFile(path.join(dir, 'record.json')), stored).write();
      } catch (err) {
        // Half a postmortem (a full disk) is removed again: it has no record, so nobody can open it.
        fs.rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    });
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
    const snapshot = this.readSnapshot(id, path.join(dir, 'snapshot.bin'));
    const walPath = path.join(dir, 'wal.log');
    const log = readWal(walPath);
    if (log.damagedInMiddle) {
      // Corruption, not a crash: keep the file as it was, then a log of the intact records only.
      const aside = await this.writing('repairing a damaged log', () => {
        const copy = keepAside(walPath, 'corrupt');
        writeWalFile(walPath, log.records);
        return copy;
      });
      const problem = `document ${id}: write-ahead log had corrupt records (${log.damagedBytes} bytes unreadable); the intact records were kept and the original file is at ${path.basename(aside)}`;
      this.damaged.set(`${id}:wal`, problem);
      this.options.logger.error('write-ahead log had corrupt records in the middle; intact records kept, original kept aside', {
        id,
        records: log.records.length,
        droppedBytes: log.damagedBytes,
        originalKeptAt: path.basename(aside),
      });
    } else if (log.damagedBytes > 0) {
      // A record cut off by a crash mid-append: never acknowledged to anyone, so nothing is lost.
      const aside = await this.writing('cutting a torn log tail', () => truncateDamagedTail(walPath, log.validLength));
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

  /**
   * Reads a snapshot. A corrupt one is copied aside (once) and left in place, so the document is
   * refused rather than loaded without it and later compacted over it.
   */
  private readSnapshot(id: string, file: string) {
    try {
      const snapshot = readSnapshotFile(file);
      this.damaged.delete(`${id}:snapshot`);
      return snapshot;
    } catch (err) {
      if (!(err instanceof CorruptSnapshotError)) throw err;
      if (!this.damaged.has(`${id}:snapshot`)) {
        let keptAt = 'in place (copying it aside failed)';
        try {
          keptAt = path.basename(keepAside(file, 'corrupt'));
        } catch {
          // The original is still in place and is never written over while it does not verify.
        }
        this.damaged.set(`${id}:snapshot`, `document ${id}: snapshot.bin does not verify (${err.message.split(': ').pop()}); the document is refused until it is restored; a copy is at ${keptAt}`);
        this.options.logger.error('snapshot does not verify; document refused, file left untouched', { id, error: err, copy: keptAt });
      }
      throw err;
    }
  }

  private opened(id: string): OpenDocument {
    const doc = this.open.get(id);
    if (!doc) throw new Error(`document ${id} is not loaded`);
    return doc;
  }

  async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    return this.appendUpdateNow(id, update);
  }

  appendUpdateNow(id: string, update: Uint8Array): number {
    const doc = this.opened(id);
    // Synchronous from here to the return: concurrent calls get their revisions in call order.
    try {
      doc.wal.append(doc.revision + 1, update);
    } catch (err) {
      if (isWriteFailure(err)) this.writeFailed('write-ahead log append', err);
      throw err;
    }
    this.writeSucceeded();
    doc.revision += 1;
    return doc.revision;
  }

  async compact(id: string, state: Uint8Array, revision: number): Promise<void> {
    const doc = this.opened(id);
    if (this.damaged.has(`${id}:snapshot`)) throw new Error(`document ${id} has a corrupt snapshot; it is not written over`);
    await this.writing('compaction', () => {
      writeSnapshotFile(path.join(this.dir(id), 'snapshot.bin'), { revision, state });
      doc.wal.dropThrough(revision);
    });
    doc.revision = Math.max(doc.revision, revision);
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
    // Writes still in flight finish first (a later read must find them in the file); a file
    // opened again meanwhile (the document was loaded again) stays open.
    const keys = [`${id}/checks`, `${id}/private`, `${id}/notes`];
    const held = keys.map((key) => this.jsonFiles.get(key));
    await Promise.allSettled([this.privateWrites.get(id), this.privateWrites.get(`${id}/notes`)]);
    keys.forEach((key, i) => {
      if (this.jsonFiles.get(key) === held[i]) this.jsonFiles.delete(key);
    });
  }

  private json<T>(id: string, name: 'checks' | 'private' | 'notes', fallback: T): Promise<Low<T>> {
    const key = `${id}/${name}`;
    let db = this.jsonFiles.get(key) as Promise<Low<T>> | undefined;
    if (!db) {
      // Cached before the read finishes: two readers of a file that is not open yet must get the
      // same instance, or a change made through one is missing from the other (and written over).
      const low = new Low<T>(new JSONFile(path.join(this.dir(id), `${name}.json`)), fallback);
      db = low.read().then(() => low);
      this.jsonFiles.set(key, db as Promise<Low<unknown>>);
      db.catch(() => {
        if (this.jsonFiles.get(key) === (db as Promise<Low<unknown>>)) this.jsonFiles.delete(key);
      });
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
    await this.writing('check report', () => db.write());
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
        await this.writing('private state', () => db.write());
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
        await this.writing('near-miss queue', async () => {
          await db.write();
          hideWriteTime(this.dir(id), 'notes.json');
        });
      });
    this.privateWrites.set(key, next);
    return next;
  }

  health(): StoreHealth {
    // While writes fail, check again (at most once a second) so health recovers with no edit needed.
    if (this.writeFailure && Date.now() - this.lastProbe >= 1000) {
      this.lastProbe = Date.now();
      try {
        probeWritable(this.options.dataDir);
        this.writeSucceeded();
      } catch (err) {
        this.writeFailed('health check', err);
      }
    }
    const problems: string[] = [];
    if (this.writeFailure) {
      const { code, what, since } = this.writeFailure;
      problems.push(`data folder cannot be written: ${describeWriteError(code)} (${what}, since ${since}); edits are refused until it can`);
    }
    if (this.index.writeFailing) problems.push('index write failed; it is kept in memory and retried');
    problems.push(...this.damaged.values());
    return { ok: problems.length === 0, problems };
  }

  async close(): Promise<void> {
    await this.index.close();
    await Promise.allSettled(this.privateWrites.values());
    for (const doc of this.open.values()) doc.wal.close();
    this.open.clear();
  }
}
