/** Starts the real server in-process on port 0 with a temporary data folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import type { CreatePostmortemResponse } from '../../shared/api/types.ts';
import { createTempDatabase, type TempDatabase } from './postgres.ts';
import { uniquePrefix } from './redis.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** The PostgreSQL database the server stores in (STORE=postgres), else undefined. */
  databaseUrl: string | undefined;
  logLines: string[];
  wsUrl: string;
  /** Stops the server and removes its data folder. */
  stop(): Promise<void>;
}

export function tempDir(prefix = 'second-story-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * With STORE=postgres (the integration-postgres project) the server keeps everything in a
 * temporary database instead: one per data folder, so a restart on the same folder finds it.
 * STORE=cluster (integration-cluster) adds REDIS_URL, as one of several processes would run.
 */
const databases = new Map<string, TempDatabase>();

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  let database = databases.get(dataDir);
  const store = process.env.STORE;
  if (!database && (store === 'postgres' || store === 'cluster') && overrides.databaseUrl === undefined) {
    database = await createTempDatabase();
    databases.set(dataDir, database);
  }
  const logLines: string[] = [];
  const cluster = store === 'cluster' ? { redisUrl: process.env.REDIS_URL, redisPrefix: uniquePrefix() } : {};
  // No checks warm-up: it would spend seconds of CPU in every test's server (test/unit/checks/warm-up.test.ts covers it).
  const config = testConfig({ dataDir, databaseUrl: database?.url, unloadDelayMs: 0, checksSettleMs: 30, checksWarmUpRuns: 0, ...cluster, ...overrides });
  const server = await startServer(config, createLogger('debug', (line) => logLines.push(line)));
  return Object.assign(server, {
    dataDir,
    databaseUrl: config.databaseUrl,
    logLines,
    wsUrl: server.url.replace(/^http/, 'ws') + '/collab',
    async stop() {
      await server.close();
      if (!overrides.dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        await databases.get(dataDir)?.drop();
        databases.delete(dataDir);
      }
    },
  });
}

/** Creates a postmortem over HTTP, as a person would from the home page. */
export async function createPostmortemOverHttp(
  baseUrl: string,
  body: Record<string, unknown> = { title: 'Checkout outage', severity: 'SEV2' },
): Promise<CreatePostmortemResponse> {
  const res = await fetch(`${baseUrl}/api/postmortems`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatePostmortemResponse;
}
