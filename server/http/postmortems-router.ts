/** /api/postmortems: create, and read one postmortem's header and revision. */
import express, { Router, type Request } from 'express';
import { createPostmortemRequest, type CreatePostmortemResponse, type PostmortemResponse, type Role } from '../../shared/api/types.ts';
import type { RoomManager } from '../collab/rooms.ts';
import { createPostmortem, shareLink } from '../postmortems.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody } from './validate.ts';

export interface PostmortemsRouterDeps {
  store: PostmortemStore;
  rooms: RoomManager;
  publicUrl: string | undefined;
  bodyLimitBytes: number;
}

function requireJson(req: Request): void {
  if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send Content-Type: application/json');
}

export function postmortemsRouter(deps: PostmortemsRouterDeps): Router {
  const router = Router();
  const json = express.json({ limit: deps.bodyLimitBytes, strict: true });

  router.post('/', json, async (req, res) => {
    requireJson(req);
    const input = parseBody(createPostmortemRequest, req.body);
    const { id, tokens } = await createPostmortem(deps.store, input);
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const links = Object.fromEntries(
      Object.entries(tokens).map(([role, token]) => [role, shareLink(base, id, token)]),
    ) as Record<Role, string>;
    const body: CreatePostmortemResponse = { id, tokens, links };
    res.status(201).location(`/api/postmortems/${id}`).json(body);
  });

  router.get('/:id', async (req, res) => {
    const { role } = await authorize(deps.store, req, req.params.id);
    const id = req.params.id;
    const entry = await deps.store.getIndexEntry(id);
    const room = await deps.rooms.peek(id);
    const revision = room ? room.revision : await deps.store.getRevision(id);
    if (!entry) throw new HttpError(404, 'not_found', 'no postmortem with this id');
    const body: PostmortemResponse = {
      id,
      title: entry.title,
      severity: entry.severity,
      status: entry.status,
      role,
      revision,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      // The blameless checks engine fills this in (issue 3); until then no report exists.
      checks: { revision: 0, findings: [] },
    };
    res.json(body);
  });

  return router;
}
