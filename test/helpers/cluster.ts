/**
 * Several real server processes sharing one temporary PostgreSQL database and Redis (with a
 * channel prefix of their own), as in production behind a load balancer.
 */
import fs from 'node:fs';
import { startChildServer, type ChildServer } from './child-server.ts';
import { createTempDatabase, type TempDatabase } from './postgres.ts';
import { REDIS_URL, uniquePrefix } from './redis.ts';
import { tempDir } from './server.ts';

export interface TestCluster {
  servers: ChildServer[];
  database: TempDatabase;
  /** Stops every process still running, drops the database and removes the data folders. */
  stop(): Promise<void>;
}

export async function startCluster(count: number, env: Record<string, string> = {}): Promise<TestCluster> {
  const database = await createTempDatabase();
  const shared = {
    DATABASE_URL: database.url,
    REDIS_URL: REDIS_URL ?? '',
    REDIS_PREFIX: uniquePrefix(),
    ORG_TOKEN: 'cluster-test-organisation-token',
    CHECKS_SETTLE_MS: '50',
    ...env,
  };
  const dirs = Array.from({ length: count }, () => tempDir('second-story-cluster-'));
  const servers = await Promise.all(dirs.map((dir) => startChildServer(dir, shared)));
  return {
    servers,
    database,
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
