/**
 * GET /api/postmortems/:id/export.md and export.json, for every role: the live shared document
 * (the loaded room's, or loaded for the read), never anything private.
 */
import { Router, type Request, type Response } from 'express';
import { MARKDOWN_TYPE } from '../../shared/api/types.ts';
import { exportFileName } from '../../shared/export/file-name.ts';
import { exportPostmortemJson } from '../../shared/export/json.ts';
import { exportPostmortemMarkdown } from '../../shared/markdown/export.ts';
import { readSnapshot, type PostmortemSnapshot } from '../../shared/schema/snapshot.ts';
import type { RoomManager } from '../collab/rooms.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';

/** Download headers: a file name from the title, and no caching of the document's content. */
function download(res: Response, title: string, extension: 'md' | 'json'): void {
  res.set('Cache-Control', 'no-store');
  res.attachment(exportFileName(title, extension));
}

/** The export routes, mounted at /api/postmortems/:id. */
export function exportRouter(deps: { store: PostmortemStore; rooms: RoomManager }): Router {
  const router = Router({ mergeParams: true });

  /** Authorizes any role, then reads the document as it is in memory now. */
  async function snapshotFor(req: Request): Promise<{ id: string; snapshot: PostmortemSnapshot }> {
    const id = (req.params as { id: string }).id;
    await authorize(deps.store, req, id);
    const room = await deps.rooms.acquire(id);
    try {
      return { id, snapshot: readSnapshot(room.doc) };
    } finally {
      deps.rooms.release(id, room);
    }
  }

  router.get('/export.md', async (req, res) => {
    const { snapshot } = await snapshotFor(req);
    download(res, snapshot.meta.title, 'md');
    res.type(`${MARKDOWN_TYPE}; charset=utf-8`).send(exportPostmortemMarkdown(snapshot));
  });

  router.get('/export.json', async (req, res) => {
    const { id, snapshot } = await snapshotFor(req);
    download(res, snapshot.meta.title, 'json');
    res.json(exportPostmortemJson(id, snapshot));
  });

  return router;
}
