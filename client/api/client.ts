/**
 * Typed fetch wrapper over the HTTP API. Every failure becomes an ApiError carrying the
 * server's stable error code, so screens can branch on `code` or `status`, never on text.
 */
import { z } from 'zod';
import {
  ROLES,
  type ChecksResponse,
  type CreatePostmortemRequest,
  type CreatePostmortemResponse,
  type PostmortemResponse,
  type PublishResponse,
} from '../../shared/api/index.ts';
import { CHECK_SEVERITIES, type Finding } from '../../shared/checks/types.ts';
// sections.ts, not index.ts: the schema index pulls yjs into the home page.
import { POSTMORTEM_STATUSES, SEVERITIES } from '../../shared/schema/sections.ts';

/** An HTTP failure: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Findings the server attached (a blocked publish lists the blocking ones). */
    readonly findings: readonly Finding[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// Lenient on purpose: new rules and fields may appear; what the app reads must be there.
const textFieldSchema = z.looseObject({ kind: z.string() });
const findingSchema = z.looseObject({
  id: z.string(),
  rule: z.string(),
  severity: z.enum(CHECK_SEVERITIES),
  section: z.string(),
  location: z.looseObject({ field: textFieldSchema.nullable(), start: z.number(), end: z.number() }),
  excerpt: z.string(),
  message: z.string(),
  suggestion: z.string(),
  reason: z.string(),
});
// The server and the browser share the Finding type; the schema only guards the shape.
const findingsSchema = z.array(findingSchema).transform((list) => list as unknown as Finding[]);

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), findings: findingsSchema.optional().catch(undefined) }),
});

const roleLinks = z.object({ facilitator: z.string(), participant: z.string(), viewer: z.string() });

const createResponse: z.ZodType<CreatePostmortemResponse> = z.object({
  id: z.string(),
  tokens: roleLinks,
  links: roleLinks,
});

/** The part of GET /api/postmortems/:id that the app relies on. */
export type PostmortemInfo = Pick<PostmortemResponse, 'id' | 'title' | 'severity' | 'status' | 'role'>;

const postmortemInfo: z.ZodType<PostmortemInfo> = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(POSTMORTEM_STATUSES),
  role: z.enum(ROLES),
});

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A body sent as is (e.g. Markdown) instead of JSON. */
  text?: { body: string; type: string };
  token?: string;
  signal?: AbortSignal;
}

/** One JSON call: the parsed answer, or an ApiError with the server's code and message. */
export async function request<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.text) headers['Content-Type'] = options.text.type;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBody.safeParse(data);
    if (parsed.success) {
      const { code, message, findings } = parsed.data.error;
      throw new ApiError(response.status, code, message, findings ?? []);
    }
    throw new ApiError(response.status, 'unknown', `The server answered with status ${response.status}.`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', 'The server sent an unexpected answer.');
  return parsed.data;
}

/** POST /api/postmortems: creates a postmortem and returns its one-time capability links. */
export function createPostmortem(input: CreatePostmortemRequest): Promise<CreatePostmortemResponse> {
  return request('/api/postmortems', createResponse, { method: 'POST', body: input });
}

/** GET /api/postmortems/:id with the link's token: tells which role the token opens. */
export function getPostmortem(id: string, token: string, signal?: AbortSignal): Promise<PostmortemInfo> {
  return request(`/api/postmortems/${encodeURIComponent(id)}`, postmortemInfo, { token, signal });
}

const dismissedSchema = z.array(
  z.looseObject({ ...findingSchema.shape, dismissal: z.object({ reason: z.string(), at: z.string() }) }),
);

const checksResponse = z.object({
  revision: z.number(),
  checkedAt: z.string().nullable(),
  findings: findingsSchema,
  dismissed: dismissedSchema.optional(),
});

/** What the checks need of GET /api/postmortems/:id: revisions, the stored report, publish details. */
export interface PostmortemChecksInfo {
  role: PostmortemResponse['role'];
  status: PostmortemResponse['status'];
  /** The document's current revision; the report is fresh when `checks.revision` equals it. */
  revision: number;
  checks: ChecksResponse;
  publish: { at: string; overrideReason: string | null } | null;
}

const checksInfo = z
  .object({
    role: z.enum(ROLES),
    status: z.enum(POSTMORTEM_STATUSES),
    revision: z.number(),
    checks: checksResponse,
    publish: z.object({ at: z.string(), overrideReason: z.string().nullable() }).nullable().optional(),
  })
  .transform(
    (body): PostmortemChecksInfo => ({
      ...body,
      checks: body.checks as ChecksResponse,
      publish: body.publish ?? null,
    }),
  );

/** GET /api/postmortems/:id, read for the stored check report and (facilitators) publish details. */
export function getPostmortemChecks(id: string, token: string, signal?: AbortSignal): Promise<PostmortemChecksInfo> {
  return request(`/api/postmortems/${encodeURIComponent(id)}`, checksInfo, { token, signal });
}

/** The `{"ok":true}` answer of most actions. */
export const ok = z.looseObject({ ok: z.literal(true) });

/** POST /api/postmortems/:id/checks/:findingId/dismiss (facilitator): marks a finding a false positive. */
export async function dismissFinding(id: string, token: string, findingId: string, reason: string): Promise<void> {
  const path = `/api/postmortems/${encodeURIComponent(id)}/checks/${encodeURIComponent(findingId)}/dismiss`;
  await request(path, ok, { method: 'POST', token, body: { reason } });
}

/** POST /api/postmortems/:id/checks/:findingId/restore (facilitator): undoes a dismissal. */
export async function restoreFinding(id: string, token: string, findingId: string): Promise<void> {
  const path = `/api/postmortems/${encodeURIComponent(id)}/checks/${encodeURIComponent(findingId)}/restore`;
  await request(path, ok, { method: 'POST', token });
}

const publishResponse: z.ZodType<PublishResponse> = z.object({
  ok: z.literal(true),
  status: z.literal('published'),
  revision: z.number(),
  overrideReason: z.string().nullable(),
});

/**
 * POST /api/postmortems/:id/publish (facilitator). A 409 carrying findings means errors block
 * publishing: the ApiError's `findings` lists them, and a second call with a reason overrides.
 */
export function publishPostmortem(id: string, token: string, overrideReason?: string): Promise<PublishResponse> {
  const body = overrideReason === undefined ? {} : { overrideReason };
  return request(`/api/postmortems/${encodeURIComponent(id)}/publish`, publishResponse, { method: 'POST', token, body });
}
