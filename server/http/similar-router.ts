/**
 * Similar past incidents and repeat marks of one postmortem:
 *   GET  /api/postmortems/:id/similar    any role of it, or the organisation token
 *   POST /api/postmortems/:id/repeat-of  facilitator: {postmortemId} marks it a repeat of an earlier one (null clears)
 * The mark lives in the private state and the index, never in the shared document.
 */
import express, { Router } from 'express';
import { repeatOfRequest, type RepeatOfResponse, type SimilarResponse } from '../../shared/api/dashboard.ts';
import { findSimilar } from '../../shared/metrics/similarity.ts';
import { refreshPrivateFields } from '../dashboard/index-patch.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { authorizeOrgOrRole, type OrgAuth } from './org-auth.ts';
import { parseBody, requireJson } from './validate.ts';

export function similarRouter(deps: { store: PostmortemStore; org: OrgAuth; bodyLimitBytes: number }): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: deps.bodyLimitBytes });

  router.get('/similar', async (req, res) => {
    const id = (req.params as { id: string }).id;
    await authorizeOrgOrRole(deps.store, deps.org, req, id);
    const entries = await deps.store.listIndex();
    const target = entries.find((e) => e.id === id);
    if (!target) throw new HttpError(404, 'not_found', 'no postmortem with this id');
    const body: SimilarResponse = { id, repeatOf: target.repeatOf ?? null, similar: findSimilar(target, entries) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/repeat-of', json, async (req, res) => {
    const id = (req.params as { id: string }).id;
    await authorize(deps.store, req, id, ['facilitator']);
    requireJson(req);
    const { postmortemId } = parseBody(repeatOfRequest, req.body);
    if (postmortemId === id) throw new HttpError(400, 'bad_request', 'a postmortem cannot be a repeat of itself');
    if (postmortemId !== null && !(await deps.store.getIndexEntry(postmortemId))) {
      throw new HttpError(404, 'not_found', 'no postmortem with that postmortemId');
    }
    await deps.store.updatePrivateState(id, (s) => {
      s.repeatOf = postmortemId === null ? null : { postmortemId, at: new Date().toISOString() };
    });
    await refreshPrivateFields(deps.store, id);
    const body: RepeatOfResponse = { ok: true, repeatOf: postmortemId };
    res.json(body);
  });

  return router;
}
