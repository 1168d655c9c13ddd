/**
 * The facilitation calls that never touch the shared document: anonymous near-miss notes and
 * the private Just Culture triage. Both live on the server only (PRODUCT.md).
 */
import { z } from 'zod';
import { TRIAGE_ANSWERS, type PendingNoteResponse, type TriageRequest } from '../../shared/api/types.ts';
import { ok, request } from './client.ts';

const base = (id: string) => `/api/postmortems/${encodeURIComponent(id)}`;

/**
 * POST …/near-misses: sends a note anonymously. Only the text goes out; the server keeps it
 * with the hour, and writes it into the document itself if the facilitator approves it.
 */
export async function submitNearMiss(id: string, token: string, text: string): Promise<void> {
  await request(`${base(id)}/near-misses`, ok, { method: 'POST', token, body: { text } });
}

const pendingNote: z.ZodType<PendingNoteResponse> = z.object({ id: z.string(), text: z.string(), hour: z.string() });
const pendingNotes = z.object({ notes: z.array(pendingNote) }).transform((body) => body.notes);

/** GET …/near-misses (facilitator): the pending notes, in random order. */
export function listPendingNotes(id: string, token: string, signal?: AbortSignal): Promise<PendingNoteResponse[]> {
  return request(`${base(id)}/near-misses`, pendingNotes, { token, signal });
}

/** POST …/near-misses/:noteId/approve | dismiss (facilitator). */
export async function decideNote(id: string, token: string, noteId: string, decision: 'approve' | 'dismiss'): Promise<void> {
  await request(`${base(id)}/near-misses/${encodeURIComponent(noteId)}/${decision}`, ok, { method: 'POST', token });
}

const answer = z.enum(TRIAGE_ANSWERS).nullable();

const triageRecord = z.looseObject({
  id: z.string(),
  decision: z.string(),
  malice: answer,
  knowingViolation: answer,
  substitution: answer,
  outcome: z.enum(['blameless', 'accountability', 'undecided']),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A stored triage record, as the facilitator sees it. */
export type TriageRecord = z.infer<typeof triageRecord>;

const triageList = z.object({ records: z.array(triageRecord) }).transform((body) => body.records);

/** GET …/triage (facilitator). */
export function listTriage(id: string, token: string, signal?: AbortSignal): Promise<TriageRecord[]> {
  return request(`${base(id)}/triage`, triageList, { token, signal });
}

/** POST …/triage, or PUT …/triage/:recordId when `recordId` is given (facilitator). */
export function saveTriage(id: string, token: string, input: TriageRequest, recordId?: string): Promise<TriageRecord> {
  return recordId
    ? request(`${base(id)}/triage/${encodeURIComponent(recordId)}`, triageRecord, { method: 'PUT', token, body: input })
    : request(`${base(id)}/triage`, triageRecord, { method: 'POST', token, body: input });
}

/** DELETE …/triage/:recordId (facilitator). */
export async function deleteTriage(id: string, token: string, recordId: string): Promise<void> {
  await request(`${base(id)}/triage/${encodeURIComponent(recordId)}`, ok, { method: 'DELETE', token });
}
