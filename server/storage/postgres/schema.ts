/**
 * The schema, created on start. Each migration runs once, in order, recorded in schema_version;
 * an advisory lock makes several processes starting together take turns. Statements say
 * IF NOT EXISTS so a half-applied change from an older, unversioned start does no harm.
 */
import type { Database } from './database.ts';

interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- Token hashes and creation time: written once, read on every request.
      CREATE TABLE IF NOT EXISTS postmortems (
        id text PRIMARY KEY,
        token_hashes jsonb NOT NULL,
        created_at text NOT NULL
      );
      -- The last compacted Yjs state; revision counts every update ever accepted.
      CREATE TABLE IF NOT EXISTS documents (
        id text PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
        snapshot bytea,
        snapshot_revision bigint NOT NULL DEFAULT 0,
        revision bigint NOT NULL DEFAULT 0
      );
      -- Updates accepted since the snapshot, one row each, numbered by revision.
      CREATE TABLE IF NOT EXISTS document_updates (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        revision bigint NOT NULL,
        payload bytea NOT NULL,
        PRIMARY KEY (doc_id, revision)
      );
      -- What lists and the dashboard read, apart from the documents.
      CREATE TABLE IF NOT EXISTS index_entries (
        id text PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
        entry jsonb NOT NULL
      );
      CREATE TABLE IF NOT EXISTS check_reports (
        doc_id text PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
        revision bigint NOT NULL,
        report jsonb NOT NULL
      );
      -- Dismissals, roster, publication, triage, repeat mark: never part of the shared document.
      CREATE TABLE IF NOT EXISTS private_states (
        doc_id text PRIMARY KEY REFERENCES postmortems (id) ON DELETE CASCADE,
        state jsonb NOT NULL
      );
      -- Anonymous notes: these columns and nothing else (no serial, no timestamp, no author).
      CREATE TABLE IF NOT EXISTS pending_notes (
        doc_id text NOT NULL REFERENCES postmortems (id) ON DELETE CASCADE,
        id text NOT NULL,
        text text NOT NULL,
        hour text NOT NULL,
        PRIMARY KEY (doc_id, id)
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any fixed number, the same in every process: the lock taken while migrating. */
const MIGRATION_LOCK = 7_130_411;

/** Brings the database to SCHEMA_VERSION; refuses one written by a newer server. */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version integer PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(`the database schema is version ${current}, newer than this server's ${SCHEMA_VERSION}: upgrade the server`);
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await tx.query(migration.sql);
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version]);
    }
    return SCHEMA_VERSION;
  });
}
