/**
 * Private state (dismissals, roster, publication, triage, repeat mark): one JSON row per
 * document, changed under SELECT … FOR UPDATE so changes from several processes apply one after
 * another, each on the result of the last.
 */
import { emptyPrivateState, type PrivateState } from '../store.ts';
import type { Database, Queryable } from './database.ts';

export async function insertPrivateState(tx: Queryable, id: string): Promise<void> {
  await tx.query('INSERT INTO private_states (doc_id, state) VALUES ($1, $2)', [id, JSON.stringify(emptyPrivateState())]);
}

export async function getPrivateState(db: Database, id: string): Promise<PrivateState> {
  const { rows } = await db.query<{ state: Partial<PrivateState> }>('SELECT state FROM private_states WHERE doc_id = $1', [id]);
  return { ...emptyPrivateState(), ...rows[0]?.state };
}

export async function updatePrivateState(db: Database, id: string, change: (state: PrivateState) => void): Promise<PrivateState> {
  return db.transaction(async (tx) => {
    // A document created before this table existed has no row yet: make one (a no-op otherwise).
    await tx.query('INSERT INTO private_states (doc_id, state) VALUES ($1, $2) ON CONFLICT (doc_id) DO NOTHING', [
      id,
      JSON.stringify(emptyPrivateState()),
    ]);
    const { rows } = await tx.query<{ state: Partial<PrivateState> }>('SELECT state FROM private_states WHERE doc_id = $1 FOR UPDATE', [id]);
    const state = { ...emptyPrivateState(), ...rows[0]?.state };
    change(state);
    await tx.query('UPDATE private_states SET state = $2 WHERE doc_id = $1', [id, JSON.stringify(state)]);
    return state;
  });
}
