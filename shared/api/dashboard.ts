/**
 * The learning dashboard's HTTP API (organisation token): query schemas and answers of
 * GET /api/postmortems, /api/actions, /api/metrics, and of /api/postmortems/:id/similar and
 * /api/postmortems/:id/repeat-of. Shared by the server and the app.
 */
import { z } from 'zod';
import { POSTMORTEM_STATUSES, SEVERITIES, ACTION_KINDS, ACTION_STATUSES } from '../schema/sections.ts';
import { isValidTimeZone } from '../schema/time.ts';
import { isMonthKey } from '../metrics/time.ts';
import type { FindingCounts, IndexedAction } from '../metrics/types.ts';
import type { MetricsReport } from '../metrics/series.ts';
import { POSTMORTEM_ID } from './types.ts';

/** A comma-separated list of allowed values ("open,in-progress"). */
function listOf<T extends string>(values: readonly T[], name: string) {
  return z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]], { error: `${name} must be one or more of ${values.join(', ')}, comma-separated` })));
}

const DAY_OR_TIME = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const dayOrTime = (name: string) =>
  z.string().refine((v) => DAY_OR_TIME.test(v) && !Number.isNaN(Date.parse(v)), `${name} must be a date (YYYY-MM-DD) or an ISO 8601 time`);

const page = (max: number, fallback: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(fallback),
  offset: z.coerce.number().int().min(0).default(0),
});

export const postmortemListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  service: z.string().trim().min(1).max(100).optional(),
  severity: listOf(SEVERITIES, 'severity').optional(),
  status: listOf(POSTMORTEM_STATUSES, 'status').optional(),
  from: dayOrTime('from').optional(),
  to: dayOrTime('to').optional(),
  ...page(1000, 100),
});
export type PostmortemListQuery = z.infer<typeof postmortemListQuery>;

export const ACTION_KIND_FILTERS = [...ACTION_KINDS, 'none'] as const;

export const actionListQuery = z.strictObject({
  status: listOf(ACTION_STATUSES, 'status').optional(),
  owner: z.string().trim().min(1).max(100).optional(),
  kind: listOf(ACTION_KIND_FILTERS, 'kind').optional(),
  overdue: z.enum(['true', 'false'], { error: 'overdue must be true or false' }).transform((v) => v === 'true').optional(),
  postmortem: z.string().regex(POSTMORTEM_ID, 'postmortem must be a postmortem id').optional(),
  ...page(5000, 500),
});
export type ActionListQuery = z.infer<typeof actionListQuery>;

/** Longest range of months one metrics request may ask for. */
export const MAX_METRIC_MONTHS = 120;

export const metricsQuery = z
  .strictObject({
    from: z.string().refine(isMonthKey, 'from must be a month, YYYY-MM').optional(),
    to: z.string().refine(isMonthKey, 'to must be a month, YYYY-MM').optional(),
    tz: z.string().max(64).refine(isValidTimeZone, 'tz must be an IANA time zone such as Europe/Berlin').optional(),
    format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type MetricsQuery = z.infer<typeof metricsQuery>;

/** Where the app shows a postmortem. The org token does not open it: a role link does. */
export function postmortemPath(id: string): string {
  return `/p/${encodeURIComponent(id)}`;
}

export interface ActionCounts {
  total: number;
  open: number;
  overdue: number;
  done: number;
  wontDo: number;
}

/** One row of GET /api/postmortems. */
export interface PostmortemListItem {
  id: string;
  title: string;
  severity: (typeof SEVERITIES)[number];
  status: (typeof POSTMORTEM_STATUSES)[number];
  services: string[];
  createdAt: string;
  updatedAt: string;
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  publishedAt: string | null;
  openFindings: FindingCounts;
  actions: ActionCounts;
  nearMisses: number;
  repeatOf: string | null;
  /** Days from resolution to publication; null until published or without a resolved time. */
  timeToPublishDays: number | null;
  link: string;
}

export interface PostmortemListResponse {
  total: number;
  offset: number;
  limit: number;
  items: PostmortemListItem[];
}

/** One row of GET /api/actions: an action item with the postmortem it belongs to. */
export interface ActionListItem extends IndexedAction {
  overdue: boolean;
  postmortem: { id: string; title: string; severity: (typeof SEVERITIES)[number]; status: (typeof POSTMORTEM_STATUSES)[number]; link: string };
}

export interface OwnerLoad {
  /** '' for items without an owner. */
  owner: string;
  open: number;
  overdue: number;
}

export interface ActionListResponse {
  total: number;
  offset: number;
  limit: number;
  items: ActionListItem[];
  /** Open (open or in progress) and overdue items per owner, over every item that matched the filters. */
  owners: OwnerLoad[];
}

export type MetricsResponse = MetricsReport;

/** One earlier postmortem like this one, with why. */
export interface SimilarIncident {
  id: string;
  title: string;
  severity: (typeof SEVERITIES)[number];
  status: (typeof POSTMORTEM_STATUSES)[number];
  startedAt: string;
  /** 0–1: the mean of the services' Jaccard index and the factors' similarity. */
  score: number;
  sharedServices: string[];
  /** TF-IDF cosine similarity of the contributing factors, 0–1. */
  factorSimilarity: number;
  /** The content words contributing most to the factor similarity. */
  sharedTerms: string[];
  /** e.g. "shares checkout-api; factors 0.42 similar (canary, pool)". */
  explanation: string;
  /** This postmortem is marked as a repeat of that one. */
  markedRepeat: boolean;
  link: string;
}

export interface SimilarResponse {
  id: string;
  repeatOf: string | null;
  similar: SimilarIncident[];
}

export const repeatOfRequest = z.strictObject({
  postmortemId: z.string({ error: 'postmortemId must be a postmortem id or null' }).regex(POSTMORTEM_ID, 'postmortemId must be a postmortem id').nullable(),
});

export interface RepeatOfResponse {
  ok: true;
  repeatOf: string | null;
}
