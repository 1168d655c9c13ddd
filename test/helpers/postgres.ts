/**
 * Temporary PostgreSQL databases for tests. DATABASE_URL is only the admin connection (.ci/run
 * sets it): each test run creates databases of its own, named uniquely, and drops them after.
 */
import { randomBytes } from 'node:crypto';
import { Client, type QueryResultRow } from 'pg';

/** The admin connection, or undefined when PostgreSQL tests cannot run here. */
export const ADMIN_DATABASE_URL: string | undefined = process.env.DATABASE_URL || undefined;

export const POSTGRES_SKIP_REASON = 'DATABASE_URL is unset: PostgreSQL store tests skipped (set it to an admin connection, e.g. postgres://postgres@127.0.0.1:5432/postgres)';

export interface TempDatabase {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

async function asAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  if (!ADMIN_DATABASE_URL) throw new Error(POSTGRES_SKIP_REASON);
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `second_story_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A fresh schema in an existing database, much quicker to make than a database: the URL sets
 * search_path, so a store using it sees only its own tables.
 */
export async function createTempSchema(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}

/** Every row of every table in the database's current schema, as text: what a look at the database shows. */
export async function dumpDatabase(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
      parts.push(`-- ${name}`, ...rows.rows.map((r) => r.row));
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}

/** The rows a query returns, on a connection of its own. */
export async function queryRows<R extends QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
