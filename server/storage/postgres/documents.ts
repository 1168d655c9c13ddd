/**
 * Documents: a snapshot row and the updates accepted since, one row each. The revision is
 * bumped and the update inserted in one statement, so it is committed (durable, with the default
 * synchronous_commit) when appendUpdate resolves, and two processes never take the same number.
 */
import type { StoredDocument } from '../store.ts';
import type { Database, Queryable } from './database.ts';

/** pg returns bytea as a Buffer; callers get a plain Uint8Array view of the same bytes. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function insertDocument(tx: Queryable, id: string, initialState: Uint8Array): Promise<void> {
  await tx.query('INSERT INTO documents (id, snapshot, snapshot_revision, revision) VALUES ($1, $2, 0, 0)', [id, Buffer.from(initialState)]);
}

export async function loadDocument(db: Database, id: string): Promise<StoredDocument> {
  // One snapshot of the database for both reads: a compaction in between cannot drop updates we then miss.
  return db.transaction(async (tx) => {
    const doc = await tx.query<{ snapshot: Buffer | null; snapshot_revision: string; revision: string }>(
      'SELECT snapshot, snapshot_revision, revision FROM documents WHERE id = $1',
      [id],
    );
    const row = doc.rows[0];
    if (!row) throw new Error(`no document ${id}`);
    const updates = await tx.query<{ payload: Buffer }>(
      'SELECT payload FROM document_updates WHERE doc_id = $1 AND revision > $2 ORDER BY revision',
      [id, row.snapshot_revision],
    );
    return {
      snapshot: row.snapshot ? bytes(row.snapshot) : null,
      updates: updates.rows.map((u) => bytes(u.payload)),
      revision: Number(row.revision),
    };
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

export async function appendUpdate(db: Database, id: string, update: Uint8Array): Promise<number> {
  const { rows } = await db.query<{ revision: string }>(
    `WITH bumped AS (UPDATE documents SET revision = revision + 1 WHERE id = $1 RETURNING revision)
     INSERT INTO document_updates (doc_id, revision, payload) SELECT $1, revision, $2 FROM bumped RETURNING revision`,
    [id, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
  );
  if (!rows[0]) throw new Error(`no document ${id}`);
  return Number(rows[0].revision);
}

/**
 * Replaces the snapshot and drops the updates it folds, in one transaction. The UPDATE only wins
 * over an older snapshot: when two processes compact at once, the second waits for the first's
 * row lock, re-reads the row and does nothing if its state is not newer. Updates numbered after
 * `revision` stay. Returns false when a newer snapshot was already there.
 */
export async function compactDocument(db: Database, id: string, state: Uint8Array, revision: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE documents SET snapshot = $2, snapshot_revision = $3, revision = GREATEST(revision, $3)
       WHERE id = $1 AND snapshot_revision < $3`,
      [id, Buffer.from(state.buffer, state.byteOffset, state.byteLength), revision],
    );
    if (updated.rowCount !== 1) return false;
    await tx.query('DELETE FROM document_updates WHERE doc_id = $1 AND revision <= $2', [id, revision]);
    return true;
  });
}

export async function getRevision(db: Database, id: string): Promise<number> {
  const { rows } = await db.query<{ revision: string }>('SELECT revision FROM documents WHERE id = $1', [id]);
  return rows[0] ? Number(rows[0].revision) : 0;
}

/** What a process that missed updates of a loaded document needs to catch up (cluster/catch-up.ts). */
export interface UpdatesSince {
  /** The snapshot, when a compaction already folded in updates numbered after `after`; else null. */
  snapshot: Uint8Array | null;
  /** Updates numbered after `after` (or after the snapshot), in order. */
  updates: { revision: number; update: Uint8Array }[];
  /** Every update up to this revision is in the snapshot or the updates. */
  revision: number;
}

export async function updatesSince(db: Database, id: string, after: number): Promise<UpdatesSince> {
  // One snapshot of the database, as in loadDocument: revision and rows agree.
  return db.transaction(async (tx) => {
    // The snapshot only when it folds in updates the caller has not seen (they are deleted from the log).
    const doc = await tx.query<{ snapshot: Buffer | null; snapshot_revision: string; revision: string }>(
      'SELECT CASE WHEN snapshot_revision > $2 THEN snapshot END AS snapshot, snapshot_revision, revision FROM documents WHERE id = $1',
      [id, after],
    );
    const row = doc.rows[0];
    if (!row) throw new Error(`no document ${id}`);
    const snapshotRevision = Number(row.snapshot_revision);
    const updates = await tx.query<{ revision: string; payload: Buffer }>(
      'SELECT revision, payload FROM document_updates WHERE doc_id = $1 AND revision > $2 ORDER BY revision',
      [id, Math.max(after, snapshotRevision)],
    );
    return {
      snapshot: row.snapshot ? bytes(row.snapshot) : null,
      updates: updates.rows.map((u) => ({ revision: Number(u.revision), update: bytes(u.payload) })),
      revision: Number(row.revision),
    };
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
}

/** The revisions of several documents in one query (documents that do not exist are left out). */
export async function getRevisions(db: Database, ids: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ id: string; revision: string }>('SELECT id, revision FROM documents WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.id, Number(r.revision)]));
}
