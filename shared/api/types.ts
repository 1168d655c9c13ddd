/** Request and response shapes of the HTTP API (CONTRACT.md), shared by server and app. */
import { z } from 'zod';
import type { Finding } from '../checks/types.ts';
import { POSTMORTEM_STATUSES, SEVERITIES } from '../schema/sections.ts';

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Postmortem ids: URL- and file-name-safe. */
export const POSTMORTEM_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const createPostmortemRequest = z.strictObject({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(200, 'title must be at most 200 characters'),
  severity: z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(', ')}` }).optional(),
});
export type CreatePostmortemRequest = z.infer<typeof createPostmortemRequest>;

export interface CreatePostmortemResponse {
  id: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

/** Media type of a Markdown import body and of the Markdown export. */
export const MARKDOWN_TYPE = 'text/markdown';

/** A Markdown import: the new postmortem, plus what the reader could not place. */
export interface ImportPostmortemResponse extends CreatePostmortemResponse {
  /** Headings and labels that map to no part of the template (their content was not imported). */
  unmapped: string[];
  /** What was read with a guess or not read at all, one sentence each. */
  warnings: string[];
}

export interface PostmortemResponse {
  id: string;
  title: string;
  severity: (typeof SEVERITIES)[number];
  status: (typeof POSTMORTEM_STATUSES)[number];
  role: Role;
  revision: number;
  createdAt: string;
  updatedAt: string;
  checks: ChecksResponse;
  /** Facilitators only: when and how the postmortem was published. */
  publish?: { at: string; overrideReason: string | null } | null;
}

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every HTTP error body: {"error":{"code","message"}}; a blocked publish adds the blocking findings. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; findings?: unknown[] };
}

export const dismissFindingRequest = z.strictObject({
  reason: z.string({ error: 'reason must be a string' }).trim().min(3, 'say why this is a false positive').max(1000),
});

export const publishRequest = z.strictObject({
  overrideReason: z.string({ error: 'overrideReason must be a string' }).trim().min(3, 'an override needs a reason').max(2000).optional(),
});

export const nearMissRequest = z.strictObject({
  text: z.string({ error: 'text must be a string' }).trim().min(3, 'write a few words').max(4000, 'at most 4,000 characters'),
});

/** A pending note as the facilitator sees it: the text and the hour, nothing about its author. */
export interface PendingNoteResponse {
  id: string;
  text: string;
  hour: string;
}

export const TRIAGE_ANSWERS = ['yes', 'no', 'unsure'] as const;
export const triageRequest = z.strictObject({
  decision: z.string().trim().min(3, 'describe the decision under review').max(2000),
  malice: z.enum(TRIAGE_ANSWERS).nullable().optional(),
  knowingViolation: z.enum(TRIAGE_ANSWERS).nullable().optional(),
  substitution: z.enum(TRIAGE_ANSWERS).nullable().optional(),
  notes: z.string().max(8000).optional(),
});
export type TriageRequest = z.infer<typeof triageRequest>;

export interface ChecksResponse {
  revision: number;
  checkedAt: string | null;
  findings: Finding[];
  /** Facilitators only: dismissed findings with their reasons. */
  dismissed?: (Finding & { dismissal: { reason: string; at: string } })[];
}

export interface PublishResponse {
  ok: true;
  status: 'published';
  revision: number;
  overrideReason: string | null;
}
