/**
 * Typed fetch wrapper over the HTTP API. Every failure becomes an ApiError carrying the
 * server's stable error code, so screens can branch on `code` or `status`, never on text.
 */
import { z } from 'zod';
import {
  ROLES,
  type CreatePostmortemRequest,
  type CreatePostmortemResponse,
  type PostmortemResponse,
} from '../../shared/api/index.ts';
// sections.ts, not index.ts: the schema index pulls yjs into the home page.
import { POSTMORTEM_STATUSES, SEVERITIES } from '../../shared/schema/sections.ts';

/** An HTTP failure: `status` 0 means the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

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

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
}

async function request<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBody.safeParse(data);
    if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
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
