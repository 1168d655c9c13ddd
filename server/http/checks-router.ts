/** /api/postmortems/:id/checks: the stored report, and a facilitator's dismissals. */
import express, { Router } from 'express';
import { dismissFindingRequest } from '../../shared/api/types.ts';
import { visibleReport } from '../checks/visible-report.ts';
import { refreshPrivateFields } from '../dashboard/index-patch.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody, requireJson } from './validate.ts';

/**
 * Publishing settles the findings (it records which ones blocked it). Checked before the work and
 * again inside the private-state write, which publishing goes through too.
 */
const published = (): HttpError =>
  new HttpError(409, 'conflict', 'a published postmortem is read-only: its findings can no longer be dismissed or restored');

export function checksRouter(store: PostmortemStore, bodyLimitBytes: number): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: bodyLimitBytes });

  router.get('/', async (req, res) => {
    const id = (req.params as { id: string }).id;
    const { role } = await authorize(store, req, id);
    res.json(visibleReport(await store.getCheckReport(id), await store.getPrivateState(id), role));
  });

  router.post('/:findingId/dismiss', json, async (req, res) => {
    const { id, findingId } = req.params as { id: string; findingId: string };
    await authorize(store, req, id, ['facilitator']);
    requireJson(req);
    const { reason } = parseBody(dismissFindingRequest, req.body);
    if ((await store.getPrivateState(id)).publish) throw published();
    const finding = (await store.getCheckReport(id))?.findings.find((f) => f.id === findingId);
    if (!finding) throw new HttpError(404, 'not_found', 'no such finding in the current report');
    await store.updatePrivateState(id, (state) => {
      if (state.publish) throw published();
      state.dismissals[finding.id] = { findingId: finding.id, rule: finding.rule, excerpt: finding.excerpt, reason, at: new Date().toISOString() };
    });
    await refreshPrivateFields(store, id);
    res.json({ ok: true });
  });

  router.post('/:findingId/restore', async (req, res) => {
    const { id, findingId } = req.params as { id: string; findingId: string };
    await authorize(store, req, id, ['facilitator']);
    const state = await store.getPrivateState(id);
    if (state.publish) throw published();
    if (!state.dismissals[findingId]) throw new HttpError(404, 'not_found', 'this finding is not dismissed');
    await store.updatePrivateState(id, (s) => {
      if (s.publish) throw published();
      delete s.dismissals[findingId];
    });
    await refreshPrivateFields(store, id);
    res.json({ ok: true });
  });

  return router;
}
