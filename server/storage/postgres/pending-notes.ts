/**
 * Anonymous notes waiting for the facilitator. Only id, text and hour are written, whatever else
 * a caller's object holds; the queue is rewritten in random order on every change and read in
 * random order, so neither the rows nor an answer tell the order of submission.
 */
import { randomInt } from 'node:crypto';
import type { PendingNote } from '../store.ts';
import type { Database } from './database.ts';

/** The namespace of this table's advisory locks (the second key is the document's). */
const NOTES_LOCK = 2;

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function getPendingNotes(db: Database, id: string): Promise<PendingNote[]> {
  const { rows } = await db.query<PendingNote>('SELECT id, text, hour FROM pending_notes WHERE doc_id = $1 ORDER BY random()', [id]);
  return rows.map(({ id: noteId, text, hour }) => ({ id: noteId, text, hour }));
}

export async function updatePendingNotes(db: Database, id: string, change: (notes: PendingNote[]) => PendingNote[]): Promise<void> {
  await db.transaction(async (tx) => {
    // One writer per document at a time, across processes; the lock ends with the transaction.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [NOTES_LOCK, id]);
    const { rows } = await tx.query<PendingNote>('SELECT id, text, hour FROM pending_notes WHERE doc_id = $1', [id]);
    const next = shuffled(change(rows.map(({ id: noteId, text, hour }) => ({ id: noteId, text, hour }))));
    await tx.query('DELETE FROM pending_notes WHERE doc_id = $1', [id]);
    if (next.length === 0) return;
    await tx.query('INSERT INTO pending_notes (doc_id, id, text, hour) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])', [
      id,
      next.map((n) => n.id),
      next.map((n) => n.text),
      next.map((n) => n.hour),
    ]);
  });
}
