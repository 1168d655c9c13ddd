/**
 * POST /api/postmortems/:id/publish: the publish gate. Error findings that are not dismissed
 * block it (409 with the findings) unless the facilitator records an override reason.
 */
import express, { Router } from 'express';
import { publishRequest, type PublishResponse } from '../../shared/api/types.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import type { RoomManager } from '../collab/rooms.ts';
import { refreshPrivateFields } from '../dashboard/index-patch.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody } from './validate.ts';

export function publishRouter(deps: { store: PostmortemStore; rooms: RoomManager; checks: CheckRunner; bodyLimitBytes: number }): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: deps.bodyLimitBytes });

  router.post('/', json, async (req, res) => {
    const id = (req.params as { id: string }).id;
    await authorize(deps.store, req, id, ['facilitator']);
    const { overrideReason } = parseBody(publishRequest, req.body ?? {});
    const room = await deps.rooms.acquire(id);
    try {
      if (room.doc.getMap(ROOTS.moderation).get('status') === 'published') {
        throw new HttpError(409, 'conflict', 'this postmortem is already published');
      }
      // Check exactly what will be published, not a report from before the last edits.
      const report = await deps.checks.run(room);
      const dismissals = (await deps.store.getPrivateState(id)).dismissals;
      const blocking = report.findings.filter((f) => f.severity === 'error' && !dismissals[f.id]);
      if (blocking.length > 0 && !overrideReason) {
        throw new HttpError(
          409,
          'conflict',
          `${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}: resolve or dismiss them, or publish with an overrideReason`,
          undefined,
          blocking,
        );
      }
      await room.change((doc) => doc.getMap(ROOTS.moderation).set('status', 'published'));
      const reason = blocking.length > 0 ? (overrideReason ?? null) : null;
      await deps.store.updatePrivateState(id, (s) => {
        s.publish = {
          at: new Date().toISOString(),
          overrideReason: reason,
          blocking: blocking.map((f) => ({ rule: f.rule, excerpt: f.excerpt, message: f.message })),
        };
      });
      // The dashboard sees the publication now, not at the next save (a published postmortem has none).
      await refreshPrivateFields(deps.store, id);
      const body: PublishResponse = { ok: true, status: 'published', revision: room.revision, overrideReason: reason };
      res.json(body);
    } finally {
      deps.rooms.release(id, room);
    }
  });

  return router;
}
