/** Postmortem records (token hashes and creation time), written once at creation. */
import type { Role } from '../../../shared/api/types.ts';
import type { PostmortemRecord } from '../store.ts';
import type { Database, Queryable } from './database.ts';

export async function insertRecord(tx: Queryable, record: PostmortemRecord): Promise<void> {
  await tx.query('INSERT INTO postmortems (id, token_hashes, created_at) VALUES ($1, $2, $3)', [
    record.id,
    JSON.stringify(record.tokenHashes),
    record.createdAt,
  ]);
}

export async function getRecord(db: Database, id: string): Promise<PostmortemRecord | null> {
  const { rows } = await db.query<{ token_hashes: Record<Role, string>; created_at: string }>(
    'SELECT token_hashes, created_at FROM postmortems WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { id, tokenHashes: row.token_hashes, createdAt: row.created_at } : null;
}
