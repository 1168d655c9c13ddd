/**
 * The dashboard's HTTP calls, with the organisation token. Answers are checked only for what the
 * screens read (lenient, so new fields do not break the app); the types come from shared/api.
 */
import { z } from 'zod';
import type {
  ActionListResponse,
  MetricsResponse,
  PostmortemListResponse,
  RepeatOfResponse,
  SimilarResponse,
} from '../../shared/api/dashboard.ts';
import { ApiError, request } from '../api/client.ts';

const listShape = z.looseObject({ total: z.number(), offset: z.number(), limit: z.number(), items: z.array(z.looseObject({ id: z.string() })) });
const postmortemList = listShape.transform((body) => body as unknown as PostmortemListResponse);
const actionList = listShape
  .extend({ owners: z.array(z.looseObject({ owner: z.string(), open: z.number(), overdue: z.number() })) })
  .transform((body) => body as unknown as ActionListResponse);
const metrics = z
  .looseObject({ from: z.string(), to: z.string(), months: z.array(z.looseObject({ period: z.string() })), definitions: z.array(z.looseObject({ id: z.string() })) })
  .transform((body) => body as unknown as MetricsResponse);
const similar = z
  .looseObject({ id: z.string(), repeatOf: z.string().nullable(), similar: z.array(z.looseObject({ id: z.string() })) })
  .transform((body) => body as unknown as SimilarResponse);
const repeatOf = z.looseObject({ ok: z.literal(true), repeatOf: z.string().nullable() }).transform((b) => b as RepeatOfResponse);

/** Query parameters without the empty ones. */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function listPostmortems(token: string, query: string, signal?: AbortSignal): Promise<PostmortemListResponse> {
  return request(`/api/postmortems${query}`, postmortemList, { token, signal });
}

export function listActions(token: string, query: string, signal?: AbortSignal): Promise<ActionListResponse> {
  return request(`/api/actions${query}`, actionList, { token, signal });
}

export function getMetrics(token: string, query: string, signal?: AbortSignal): Promise<MetricsResponse> {
  return request(`/api/metrics${query}`, metrics, { token, signal });
}

/** GET /api/postmortems/:id/similar, with a role token of that postmortem or the organisation token. */
export function getSimilar(id: string, token: string, signal?: AbortSignal): Promise<SimilarResponse> {
  return request(`/api/postmortems/${encodeURIComponent(id)}/similar`, similar, { token, signal });
}

/** POST /api/postmortems/:id/repeat-of (facilitator): null clears the mark. */
export function markRepeatOf(id: string, token: string, postmortemId: string | null): Promise<RepeatOfResponse> {
  return request(`/api/postmortems/${encodeURIComponent(id)}/repeat-of`, repeatOf, { method: 'POST', token, body: { postmortemId } });
}

/** Downloads the metrics as a file (the token goes in a header, so a plain link cannot do it). */
export async function downloadMetrics(token: string, query: string, format: 'json' | 'csv'): Promise<void> {
  const separator = query ? '&' : '?';
  let response: Response;
  try {
    response = await fetch(`/api/metrics${query}${separator}format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw new ApiError(response.status, 'download_failed', `The download failed (status ${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `second-story-metrics.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
