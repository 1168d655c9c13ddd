/**
 * The index: one JSON entry per postmortem in its own table, so listing it (the dashboard)
 * never reads a document. A patch is merged inside the database, so concurrent patches of
 * different fields from several processes do not undo each other.
 */
import type { IndexEntry } from '../store.ts';
import type { Database, Queryable } from './database.ts';

export async function insertIndexEntry(tx: Queryable, entry: IndexEntry): Promise<void> {
  await tx.query('INSERT INTO index_entries (id, entry) VALUES ($1, $2)', [entry.id, JSON.stringify(entry)]);
}

export async function getIndexEntry(db: Database, id: string): Promise<IndexEntry | null> {
  const { rows } = await db.query<{ entry: IndexEntry }>('SELECT entry FROM index_entries WHERE id = $1', [id]);
  return rows[0]?.entry ?? null;
}

export async function listIndex(db: Database): Promise<IndexEntry[]> {
  const { rows } = await db.query<{ entry: IndexEntry }>('SELECT entry FROM index_entries');
  return rows.map((r) => r.entry);
}

export async function patchIndexEntry(db: Database, id: string, patch: Partial<Omit<IndexEntry, 'id'>>): Promise<void> {
  // The id is put back last: a patch cannot rename an entry.
  await db.query("UPDATE index_entries SET entry = entry || $2::jsonb || jsonb_build_object('id', id) WHERE id = $1", [
    id,
    JSON.stringify(patch),
  ]);
}
