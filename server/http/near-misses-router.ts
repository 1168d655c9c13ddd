/**
 * Anonymous near-miss notes. The guarantee (PRODUCT.md): nothing stored, logged or returned
 * links a note to its author. Submission keeps only the text and the hour; the pending queue is
 * stored and listed in random order; an approved note is written into the shared document by
 * the server itself; the submission rate limit counts notes per postmortem, never who sent them.
 */
import { randomBytes, randomInt } from 'node:crypto';
import express, { Router } from 'express';
import { nearMissRequest } from '../../shared/api/types.ts';
import { ROOTS } from '../../shared/schema/roots.ts';
import * as Y from 'yjs';
import type { RoomManager } from '../collab/rooms.ts';
import type { PostmortemStore } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody, requireJson } from './validate.ts';

/** The current hour, ISO 8601 UTC: the only time kept for a note. */
export function currentHour(now = new Date()): string {
  const hour = new Date(now);
  hour.setUTCMinutes(0, 0, 0);
  return hour.toISOString();
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Per-postmortem submission counter: a burst limit that knows nothing about senders. */
class NoteRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}
  take(docId: string): boolean {
    const now = Date.now();
    const w = this.windows.get(docId);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(docId, { start: now, count: 1 });
      if (this.windows.size > 10_000) this.windows.delete(this.windows.keys().next().value as string);
      return true;
    }
    w.count += 1;
    return w.count <= this.max;
  }
}

export function nearMissesRouter(deps: { store: PostmortemStore; rooms: RoomManager; bodyLimitBytes: number; notesPerWindow: number }): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: deps.bodyLimitBytes });
  const limit = new NoteRateLimit(deps.notesPerWindow, 10 * 60_000);

  router.post('/', json, async (req, res) => {
    const id = (req.params as { id: string }).id;
    await authorize(deps.store, req, id, ['participant', 'facilitator']);
    requireJson(req);
    const { text } = parseBody(nearMissRequest, req.body);
    if (!limit.take(id)) throw new HttpError(429, 'rate_limited', 'many notes were sent to this postmortem just now; try again in a few minutes');
    const note = { id: randomBytes(9).toString('base64url'), text, hour: currentHour() };
    await deps.store.updatePendingNotes(id, (notes) => {
      notes.splice(randomInt(notes.length + 1), 0, note);
      return notes;
    });
    res.status(202).json({ ok: true });
  });

  router.get('/', async (req, res) => {
    const id = (req.params as { id: string }).id;
    await authorize(deps.store, req, id, ['facilitator']);
    res.json({ notes: shuffled(await deps.store.getPendingNotes(id)) });
  });

  router.post('/:noteId/approve', async (req, res) => {
    const { id, noteId } = req.params as { id: string; noteId: string };
    await authorize(deps.store, req, id, ['facilitator']);
    const note = (await deps.store.getPendingNotes(id)).find((n) => n.id === noteId);
    if (!note) throw new HttpError(404, 'not_found', 'no such pending note');
    const room = await deps.rooms.acquire(id);
    try {
      if (room.doc.getMap(ROOTS.moderation).get('status') === 'published') {
        throw new HttpError(409, 'conflict', 'a published postmortem is read-only');
      }
      // Written by the server: the author's client (and its Yjs client id) never touches it.
      await room.change((doc) => {
        const row = new Y.Map<unknown>();
        row.set('id', note.id);
        row.set('text', note.text);
        row.set('hour', note.hour);
        doc.getArray(ROOTS.nearMisses).push([row]);
      });
    } finally {
      deps.rooms.release(id, room);
    }
    await deps.store.updatePendingNotes(id, (notes) => notes.filter((n) => n.id !== noteId));
    res.json({ ok: true });
  });

  router.post('/:noteId/dismiss', async (req, res) => {
    const { id, noteId } = req.params as { id: string; noteId: string };
    await authorize(deps.store, req, id, ['facilitator']);
    let found = false;
    await deps.store.updatePendingNotes(id, (notes) => {
      found = notes.some((n) => n.id === noteId);
      return notes.filter((n) => n.id !== noteId);
    });
    if (!found) throw new HttpError(404, 'not_found', 'no such pending note');
    res.json({ ok: true });
  });

  return router;
}
