/**
 * Builds the running server from a Config: store, rooms, HTTP app and collaboration socket on
 * one port. Tests call startServer with port 0 and a temporary DATA_DIR.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { MarkdownReader } from './markdown/markdown-reader.ts';
import { CheckRunner } from './checks/check-runner.ts';
import { FailureLimiter } from './http/failure-limiter.ts';
import { createCollabServer } from './collab/socket-server.ts';
import { RoomManager } from './collab/rooms.ts';
import type { Config } from './config.ts';
import { resolveOrgToken, type OrgToken } from './dashboard/org-token.ts';
import { orgTokenMatcher } from './tokens.ts';
import { createLogger, type Logger } from './logger.ts';
import { EmbeddedStore } from './storage/embedded/embedded-store.ts';
import type { PostmortemStore } from './storage/store.ts';

export interface RunningServer {
  /** http://host:port */
  url: string;
  port: number;
  store: PostmortemStore;
  rooms: RoomManager;
  checks: CheckRunner;
  /** The dashboard's organisation token and where it came from ('generated' on the start that created it). */
  org: OrgToken;
  /** Open collaboration sockets. */
  readonly connections: number;
  /** Stops accepting, closes sockets (1001), flushes every document and the store. */
  close(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const org = resolveOrgToken(config.dataDir, config.orgToken);
  // PostgreSQL and Redis (with their client libraries) are loaded only when configured: the
  // default set-up never needs them, and its socket loop's heap stays smaller without them.
  const postgresStore = config.databaseUrl
    ? await (await import('./storage/postgres/postgres-store.ts')).PostgresStore.open({ url: config.databaseUrl, logger })
    : null;
  const store: PostmortemStore =
    postgresStore ?? (await EmbeddedStore.open({ dataDir: config.dataDir, logger, walFsync: config.walFsync }));
  const checks = new CheckRunner({ store, logger, settleMs: config.checksSettleMs, warmUpRuns: config.checksWarmUpRuns });
  // Several processes (REDIS_URL): config.ts makes sure the store is PostgreSQL then.
  const cluster =
    config.redisUrl && postgresStore
      ? await (await import('./cluster/cluster.ts')).Cluster.start({ redisUrl: config.redisUrl, prefix: config.redisPrefix, log: postgresStore, logger })
      : undefined;
  const rooms = new RoomManager({
    store,
    logger,
    unloadDelayMs: config.unloadDelayMs,
    compactAfterUpdates: config.compactAfterUpdates,
    cluster,
    onChange: (room) => checks.schedule(room),
    onPresenceName: (room, name) => checks.noteName(room.id, name),
    beforeUnload: (room) => checks.flush(room),
    afterUnload: (id) => checks.forget(id),
  });
  const markdown = new MarkdownReader(config.importTimeLimitMs);
  const authFailures = new FailureLimiter(config.authFailuresPerMinute, { trustProxy: config.trustProxy });
  const app = createApp({ config, store, rooms, checks, markdown, authFailures, logger, orgToken: org.token });
  const httpServer = http.createServer(app);
  const collab = createCollabServer({
    store,
    rooms,
    logger,
    maxMessageBytes: config.maxMessageBytes,
    pingIntervalMs: config.pingIntervalMs,
    allowedOrigins: config.allowedOrigins,
    authFailures,
    isOrgToken: orgTokenMatcher(org.token),
  });
  httpServer.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    rooms,
    checks,
    org,
    get connections() {
      return collab.connections;
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await collab.close();
        httpServer.closeAllConnections();
        await stopped;
        await checks.close();
        await markdown.close();
        await cluster?.close();
        await store.close();
      })();
      return closing;
    },
  };
}
