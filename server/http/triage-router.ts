/** /api/postmortems/:id/triage: the private Just Culture triage, for facilitators only. */
import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { triageOutcome } from '../../shared/api/triage.ts';
import { triageRequest, type TriageRequest } from '../../shared/api/types.ts';
import type { PostmortemStore, TriageRecord } from '../storage/store.ts';
import { authorize } from './auth.ts';
import { HttpError } from './errors.ts';
import { parseBody, requireJson } from './validate.ts';

const docId = (params: unknown) => (params as { id: string }).id;

/** The stored fields of a record, with the outcome its answers lead to. */
function answers(input: TriageRequest): Omit<TriageRecord, 'id' | 'createdAt' | 'updatedAt'> {
  return {
    decision: input.decision,
    malice: input.malice ?? null,
    knowingViolation: input.knowingViolation ?? null,
    substitution: input.substitution ?? null,
    outcome: triageOutcome(input),
    notes: input.notes ?? '',
  };
}

export function triageRouter(store: PostmortemStore, bodyLimitBytes: number): Router {
  const router = Router({ mergeParams: true });
  const json = express.json({ limit: bodyLimitBytes });

  router.get('/', async (req, res) => {
    const id = docId(req.params);
    await authorize(store, req, id, ['facilitator']);
    res.json({ records: (await store.getPrivateState(id)).triage });
  });

  router.post('/', json, async (req, res) => {
    const id = docId(req.params);
    await authorize(store, req, id, ['facilitator']);
    requireJson(req);
    const now = new Date().toISOString();
    const record: TriageRecord = { id: randomBytes(6).toString('base64url'), ...answers(parseBody(triageRequest, req.body)), createdAt: now, updatedAt: now };
    await store.updatePrivateState(id, (s) => {
      s.triage.push(record);
    });
    res.status(201).json(record);
  });

  router.put('/:recordId', json, async (req, res) => {
    const { id, recordId } = req.params as { id: string; recordId: string };
    await authorize(store, req, id, ['facilitator']);
    requireJson(req);
    const input = parseBody(triageRequest, req.body);
    let updated: TriageRecord | undefined;
    await store.updatePrivateState(id, (s) => {
      const record = s.triage.find((r) => r.id === recordId);
      if (!record) return;
      Object.assign(record, answers(input), { updatedAt: new Date().toISOString() });
      updated = record;
    });
    if (!updated) throw new HttpError(404, 'not_found', 'no such triage record');
    res.json(updated);
  });

  router.delete('/:recordId', async (req, res) => {
    const { id, recordId } = req.params as { id: string; recordId: string };
    await authorize(store, req, id, ['facilitator']);
    let found = false;
    await store.updatePrivateState(id, (s) => {
      found = s.triage.some((r) => r.id === recordId);
      s.triage = s.triage.filter((r) => r.id !== recordId);
    });
    if (!found) throw new HttpError(404, 'not_found', 'no such triage record');
    res.json({ ok: true });
  });

  return router;
}
