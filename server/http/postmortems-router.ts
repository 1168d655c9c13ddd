/** /api/postmortems: create or import, read one postmortem's header and revision, export it. */
import express, { Router } from 'express';
import { createPostmortemRequest, type CreatePostmortemResponse, type PostmortemResponse, type Role } from '../../shared/api/types.ts';
import type { RoomManager } from '../collab/rooms.ts';
import { createPostmortem, shareLink } from '../postmortems.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody, requireJson } from './validate.ts';
import { visibleReport } from '../checks/visible-report.ts';
import type { CheckRunner } from '../checks/check-runner.ts';
import { checksRouter } from './checks-router.ts';
import { publishRouter } from './publish-router.ts';
import { nearMissesRouter } from './near-misses-router.ts';
import { triageRouter } from './triage-router.ts';
import { importRouter } from './import-router.ts';
import type { MarkdownReader } from '../markdown/markdown-reader.ts';
import { exportRouter } from './export-router.ts';
import type { OrgAuth } from './org-auth.ts';
import { similarRouter } from './similar-router.ts';

export interface PostmortemsRouterDeps {
  store: PostmortemStore;
  rooms: RoomManager;
  checks: CheckRunner;
  markdown: MarkdownReader;
  notesPerWindow: number;
  publicUrl: string | undefined;
  bodyLimitBytes: number;
  /** The organisation token: also opens the similar-incidents view of any postmortem. */
  org: OrgAuth;
}

export function postmortemsRouter(deps: PostmortemsRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: deps.bodyLimitBytes, strict: true });

  router.post('/', json, async (req, res) => {
    requireJson(req);
    const input = parseBody(createPostmortemRequest, req.body);
    const { id, tokens } = await createPostmortem(deps.store, input, undefined, (pmId, state, now) => deps.checks.checkNew(pmId, state, now));
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const links = Object.fromEntries(
      Object.entries(tokens).map(([role, token]) => [role, shareLink(base, id, token)]),
    ) as Record<Role, string>;
    const body: CreatePostmortemResponse = { id, tokens, links };
    res.status(201).location(`/api/postmortems/${id}`).json(body);
  });

  router.use('/import', importRouter(deps));

  router.get('/:id', async (req, res) => {
    const { role } = await authorize(deps.store, req, req.params.id);
    const id = req.params.id;
    const entry = await deps.store.getIndexEntry(id);
    const room = await deps.rooms.peek(id);
    const revision = room ? room.revision : await deps.store.getRevision(id);
    if (!entry) throw new HttpError(404, 'not_found', 'no postmortem with this id');
    const priv = await deps.store.getPrivateState(id);
    const body: PostmortemResponse = {
      id,
      title: entry.title,
      severity: entry.severity,
      status: entry.status,
      role,
      revision,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      checks: visibleReport(await deps.store.getCheckReport(id), priv, role),
      ...(role === 'facilitator' ? { publish: priv.publish && { at: priv.publish.at, overrideReason: priv.publish.overrideReason } } : {}),
    };
    res.json(body);
  });

  router.use('/:id/checks', checksRouter(deps.store, deps.bodyLimitBytes));
  router.use('/:id/publish', publishRouter(deps));
  router.use('/:id/near-misses', nearMissesRouter({ ...deps, notesPerWindow: deps.notesPerWindow }));
  router.use('/:id/triage', triageRouter(deps.store, deps.bodyLimitBytes));
  router.use('/:id', similarRouter(deps));
  router.use('/:id', exportRouter(deps));
  return router;
}
