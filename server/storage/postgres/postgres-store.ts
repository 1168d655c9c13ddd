/**
 * The PostgreSQL store, chosen when DATABASE_URL is set. Several server processes can share one
 * database: revisions are numbered by the database, compaction only ever moves a snapshot
 * forward, and private state and pending notes are changed under a lock. Tables (schema.ts):
 *   postmortems       token hashes and creation time (records.ts)
 *   documents         snapshot and revision; document_updates: updates since (documents.ts)
 *   index_entries     what lists and the dashboard read (index-table.ts)
 *   check_reports, private_states, pending_notes (one file each)
 */
import type { Logger } from '../../logger.ts';
import type {
  IndexEntry,
  PendingNote,
  PostmortemRecord,
  PostmortemStore,
  PrivateState,
  StoreHealth,
  StoredCheckReport,
  StoredDocument,
} from '../store.ts';
import * as checkReports from './check-reports.ts';
import { Database } from './database.ts';
import * as documents from './documents.ts';
import * as index from './index-table.ts';
import { KeyedQueue } from './keyed-queue.ts';
import * as notes from './pending-notes.ts';
import * as privateState from './private-state.ts';
import * as records from './records.ts';
import { migrate } from './schema.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  logger: Logger;
  maxConnections?: number;
  healthCheckMs?: number;
}

export class PostgresStore implements PostmortemStore {
  /** This process's writes of one document, in the order they were asked for. */
  private readonly queue = new KeyedQueue();

  private constructor(private readonly db: Database) {}

  /** Connects and creates or upgrades the schema; fails when the database cannot be reached. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const db = new Database(options);
    try {
      await migrate(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    return new PostgresStore(db);
  }

  async create(record: PostmortemRecord, entry: IndexEntry, initialState: Uint8Array): Promise<void> {
    // One transaction: a crash leaves either the whole postmortem or nothing.
    await this.db.transaction(async (tx) => {
      await records.insertRecord(tx, record);
      await documents.insertDocument(tx, record.id, initialState);
      await index.insertIndexEntry(tx, entry);
      await privateState.insertPrivateState(tx, record.id);
    });
  }

  getRecord(id: string): Promise<PostmortemRecord | null> {
    return records.getRecord(this.db, id);
  }

  getIndexEntry(id: string): Promise<IndexEntry | null> {
    return index.getIndexEntry(this.db, id);
  }

  listIndex(): Promise<IndexEntry[]> {
    return index.listIndex(this.db);
  }

  updateIndexEntry(id: string, patch: Partial<Omit<IndexEntry, 'id'>>): Promise<void> {
    return index.patchIndexEntry(this.db, id, patch);
  }

  loadDocument(id: string): Promise<StoredDocument> {
    return documents.loadDocument(this.db, id);
  }

  appendUpdate(id: string, update: Uint8Array): Promise<number> {
    return this.queue.run(`doc:${id}`, () => documents.appendUpdate(this.db, id, update));
  }

  async compact(id: string, state: Uint8Array, revision: number): Promise<void> {
    // Behind this process's pending appends of the document, so the log it trims is complete.
    await this.queue.run(`doc:${id}`, () => documents.compactDocument(this.db, id, state, revision));
  }

  getRevision(id: string): Promise<number> {
    return documents.getRevision(this.db, id);
  }

  /** Updates of a document numbered after `after`, for a process that missed them (several processes, REDIS_URL). */
  updatesSince(id: string, after: number): Promise<documents.UpdatesSince> {
    return documents.updatesSince(this.db, id, after);
  }

  /** The revisions of several documents at once (several processes: a periodic look for missed updates). */
  getRevisions(ids: readonly string[]): Promise<Map<string, number>> {
    return documents.getRevisions(this.db, ids);
  }

  async release(): Promise<void> {
    // Nothing is held per document: every write is committed when it resolves.
  }

  getCheckReport(id: string): Promise<StoredCheckReport | null> {
    return checkReports.getCheckReport(this.db, id);
  }

  saveCheckReport(id: string, report: StoredCheckReport): Promise<void> {
    return checkReports.saveCheckReport(this.db, id, report);
  }

  getPrivateState(id: string): Promise<PrivateState> {
    return privateState.getPrivateState(this.db, id);
  }

  updatePrivateState(id: string, change: (state: PrivateState) => void): Promise<PrivateState> {
    return this.queue.run(`private:${id}`, () => privateState.updatePrivateState(this.db, id, change));
  }

  getPendingNotes(id: string): Promise<PendingNote[]> {
    return notes.getPendingNotes(this.db, id);
  }

  updatePendingNotes(id: string, change: (notes: PendingNote[]) => PendingNote[]): Promise<void> {
    return this.queue.run(`notes:${id}`, () => notes.updatePendingNotes(this.db, id, change));
  }

  health(): StoreHealth {
    const problem = this.db.unreachable;
    return problem ? { ok: false, problems: [problem] } : { ok: true, problems: [] };
  }

  async close(): Promise<void> {
    await this.queue.drain();
    await this.db.close();
  }
}
