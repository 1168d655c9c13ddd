/**
 * The connection pool, transactions, and what health() reports. Only errors that mean the
 * database cannot be reached mark the store degraded; a constraint violation or a throwing
 * callback does not. A background ping clears (or finds) the problem while nothing else runs.
 */
import { Pool, type QueryResult, type QueryResultRow } from 'pg';
import type { Logger } from '../../logger.ts';

/** What runs queries: the pool itself or one transaction's client. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export interface DatabaseOptions {
  url: string;
  logger: Logger;
  /** Largest number of open connections of this process. */
  maxConnections?: number;
  /** How often the database is pinged to keep health() current. */
  healthCheckMs?: number;
}

/** True for errors that say the database is out of reach, not that a statement was refused. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  // SQLSTATE: 08 connection exception, 57P admin/crash shutdown or starting up, 53300 too many connections.
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('08') || code.startsWith('57P') || code === '53300';
  // Socket errors (ECONNREFUSED, ECONNRESET…), "Connection terminated", connect timeouts.
  return err instanceof Error;
}

export class Database {
  private readonly pool: Pool;
  private problem: string | null = null;
  private readonly timer: NodeJS.Timeout;
  private lastPing = 0;
  private pinging = false;
  private closed = false;

  constructor(private readonly options: DatabaseOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5_000,
      // Idle connections are dropped by the server or a proxy after a while; say so, do not crash.
      keepAlive: true,
    });
    this.pool.on('error', (err) => this.failed(err));
    this.timer = setInterval(() => void this.ping(), options.healthCheckMs ?? 5_000);
    this.timer.unref();
  }

  /** Why the database is out of reach, or null. */
  get unreachable(): string | null {
    // health() is synchronous: it reports what is known and asks for a fresh answer.
    if (Date.now() - this.lastPing > 1_000) void this.ping();
    return this.problem;
  }

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    return this.tracked(() => this.pool.query<R>(text, values));
  }

  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. A client
   * whose connection broke is destroyed instead of going back to the pool.
   */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.tracked(() => this.pool.connect());
    const tx: Queryable = { query: (text, values) => this.tracked(() => client.query(text, values)) };
    let broken: Error | undefined;
    try {
      await tx.query(begin);
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError as Error;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  private async tracked<T>(run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.recovered();
      return result;
    } catch (err) {
      if (isConnectionError(err)) this.failed(err);
      throw err;
    }
  }

  private async ping(): Promise<void> {
    if (this.pinging || this.closed) return;
    this.pinging = true;
    this.lastPing = Date.now();
    try {
      await this.query('SELECT 1');
    } catch {
      // recorded by tracked()
    } finally {
      this.pinging = false;
    }
  }

  private failed(err: unknown): void {
    const why = `database unreachable (${(err as { code?: string }).code ?? (err as Error).message ?? 'error'})`;
    if (this.problem === null) this.options.logger.error('database unreachable', { error: err as Error });
    this.problem = why;
  }

  private recovered(): void {
    if (this.problem === null) return;
    this.problem = null;
    this.options.logger.info('database reachable again');
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.pool.end();
  }
}
