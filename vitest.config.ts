import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/fuzz/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        // kill -9 loop against a real server process; CRASH_CYCLES sets its length (npm run test:crash).
        test: { name: 'crash', include: ['test/crash/**/*.test.ts'], environment: 'node', hookTimeout: 30_000 },
      },
      // A few server tests again on the PostgreSQL store (test/helpers/server.ts makes a database
      // per server); DATABASE_URL is only the admin connection, set by .ci/run.
      ...(process.env.DATABASE_URL
        ? [
            {
              test: {
                name: 'integration-postgres',
                // Kept to two files for CI time; any server test runs so with STORE=postgres.
                include: ['test/integration/near-misses.test.ts', 'test/integration/persistence.test.ts'],
                environment: 'node',
                env: { STORE: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      // The permission and anonymity tests again with REDIS_URL as well (one of several processes);
      // test/integration/cluster.test.ts runs three processes. .ci/run sets both URLs.
      ...(process.env.DATABASE_URL && process.env.REDIS_URL
        ? [
            {
              test: {
                name: 'integration-cluster',
                include: ['test/integration/permissions.test.ts', 'test/integration/near-misses.test.ts'],
                environment: 'node',
                env: { STORE: 'cluster' },
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser-heavy file at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
