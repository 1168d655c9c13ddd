/** createApp(deps): the Express app with every route; no listening and no side effects at import. */
import express, { type ErrorRequestHandler } from 'express';
import type { CheckRunner } from './checks/check-runner.ts';
import { StoreUnavailableError } from './collab/room.ts';
import type { RoomManager } from './collab/rooms.ts';
import type { Config } from './config.ts';
import { dashboardRouter } from './http/dashboard-router.ts';
import { errorHandler, notFound, sendError } from './http/errors.ts';
import type { FailureLimiter } from './http/failure-limiter.ts';
import { orgAuth } from './http/org-auth.ts';
import { postmortemsRouter } from './http/postmortems-router.ts';
import { securityHeadersFor } from './http/security-headers.ts';
import { staticClient } from './http/static-client.ts';
import type { Logger } from './logger.ts';
import type { MarkdownReader } from './markdown/markdown-reader.ts';
import type { PostmortemStore } from './storage/store.ts';

export interface AppDeps {
  config: Config;
  store: PostmortemStore;
  rooms: RoomManager;
  checks: CheckRunner;
  /** Reads imported Markdown off the socket loop. */
  markdown: MarkdownReader;
  authFailures: FailureLimiter;
  logger: Logger;
  /** The organisation token that opens the dashboard (resolved at start-up). */
  orgToken: string;
}

/** Errors of a store that cannot read or write right now (full, read-only, damaged): 503, retry later. */
const STORE_FAILURE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EFBIG']);

function storeFailures(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    const failed =
      err instanceof StoreUnavailableError ||
      (err as Error | null)?.name === 'CorruptSnapshotError' ||
      (code !== undefined && STORE_FAILURE_CODES.has(code));
    if (!failed || res.headersSent) return next(err);
    logger.warn('request refused: the store could not do it right now', { method: req.method, path: req.path, error: err as Error });
    sendError(res, 503, 'unavailable', 'this could not be stored or read right now; try again later');
  };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.locals.authFailures = deps.authFailures;
  app.use(securityHeadersFor(deps.config.publicUrl));

  app.get('/healthz', (_req, res) => {
    const health = deps.store.health();
    if (health.ok) res.json({ ok: true });
    else res.status(503).json({ ok: false, degraded: health.problems });
  });

  const org = orgAuth(deps.orgToken);
  // authorize() lets the organisation token read every postmortem as a viewer.
  app.locals.isOrgToken = org.matches;
  // Before the postmortems router: GET /api/postmortems is the dashboard's list.
  app.use('/api', dashboardRouter({ store: deps.store, org }));
  app.use(
    '/api/postmortems',
    postmortemsRouter({
      org,
      store: deps.store,
      rooms: deps.rooms,
      checks: deps.checks,
      markdown: deps.markdown,
      notesPerWindow: deps.config.notesPerWindow,
      publicUrl: deps.config.publicUrl,
      bodyLimitBytes: deps.config.bodyLimitBytes,
    }),
  );
  app.use('/api', notFound);
  app.use(staticClient(deps.config.clientDir));
  app.use((req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') sendError(res, 404, 'not_found', 'no such page');
    else notFound(req, res, () => {});
  });
  app.use(storeFailures(deps.logger));
  app.use(errorHandler(deps.logger));
  return app;
}
