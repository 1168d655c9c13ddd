/** Serves the built web app; unknown non-API paths get index.html so client routes load. */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { sendError } from './errors.ts';

export function staticClient(clientDir: string): Router {
  const router = Router();
  const indexFile = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false, index: false }),
  );
  router.use(express.static(clientDir, { index: false }));
  router.get(['/', '/p/{*rest}', '/dashboard'], (_req, res) => {
    if (!fs.existsSync(indexFile)) {
      sendError(res, 503, 'unavailable', 'the web app is not built: run `npm run build` (npm start does it)');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
