/** The dashboard's lists over index entries: postmortems with filters, and the action-item tracker. */
import {
  postmortemPath,
  type ActionCounts,
  type ActionListItem,
  type ActionListQuery,
  type OwnerLoad,
  type PostmortemListItem,
  type PostmortemListQuery,
} from '../api/dashboard.ts';
import { incidentAt, timeToPublishDays } from './definitions.ts';
import { firstInOrder } from './first-in-order.ts';
import { dueDate, incidentInstant, instant, isOpenAction, isOverdueOn, todayOf } from './time.ts';
import type { IncidentEntry, IndexedAction } from './types.ts';

type ListFilter = Omit<PostmortemListQuery, 'limit' | 'offset'>;
type ActionFilter = Omit<ActionListQuery, 'limit' | 'offset'>;

/** The end of a `to` filter: a bare date includes that whole day (UTC). */
function endOf(to: string): number {
  const t = instant(to)!;
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? t + 86_400_000 - 1 : t;
}

function searchable(entry: IncidentEntry): string {
  return [entry.title, ...(entry.services ?? []), ...(entry.factors ?? [])].join('\n').toLowerCase();
}

/**
 * True when the entry passes every filter given: `q` (each word found in the title, services
 * or factor texts), `service` (one of its services, any case), `severity`, `status`, and
 * `from`/`to` on the incident's date (started time, else creation time).
 */
export function matchesFilter(entry: IncidentEntry, filter: ListFilter): boolean {
  if (filter.severity?.length && !filter.severity.includes(entry.severity)) return false;
  if (filter.status?.length && !filter.status.includes(entry.status)) return false;
  if (filter.service) {
    const wanted = filter.service.toLowerCase();
    if (!(entry.services ?? []).some((s) => s.toLowerCase() === wanted)) return false;
  }
  if (filter.from || filter.to) {
    const at = incidentInstant(entry);
    if (at === null) return false;
    if (filter.from && at < instant(filter.from)!) return false;
    if (filter.to && at > endOf(filter.to)) return false;
  }
  if (filter.q) {
    const text = searchable(entry);
    const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

/** Plain string order (not locale order: ids and dates sort the same everywhere, and fast). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of an entry's action items; `open` includes in-progress items. */
export function actionCounts(entry: IncidentEntry, now: Date | string): ActionCounts {
  const today = typeof now === 'string' ? now : todayOf(now);
  const counts: ActionCounts = { total: 0, open: 0, overdue: 0, done: 0, wontDo: 0 };
  for (const a of entry.actions ?? []) {
    counts.total += 1;
    if (isOpenAction(a)) counts.open += 1;
    if (isOverdueOn(a, today)) counts.overdue += 1;
    if (a.status === 'done') counts.done += 1;
    if (a.status === 'wont-do') counts.wontDo += 1;
  }
  return counts;
}

/** One row of the postmortem list. */
export function toListItem(entry: IncidentEntry, now: Date | string): PostmortemListItem {
  const days = timeToPublishDays(entry);
  return {
    id: entry.id,
    title: entry.title,
    severity: entry.severity,
    status: entry.status,
    services: entry.services ?? [],
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    startedAt: entry.startedAt ?? '',
    detectedAt: entry.detectedAt ?? '',
    mitigatedAt: entry.mitigatedAt ?? '',
    resolvedAt: entry.resolvedAt ?? '',
    publishedAt: entry.publishedAt ?? null,
    openFindings: entry.openFindings ?? { error: 0, warning: 0, info: 0 },
    actions: actionCounts(entry, now),
    nearMisses: entry.nearMisses ?? 0,
    repeatOf: entry.repeatOf ?? null,
    timeToPublishDays: days === null ? null : Math.round(days * 100) / 100,
    link: postmortemPath(entry.id),
  };
}

/** The entries passing `filter`, newest incident first; only the page asked for is built into rows. */
export function listPostmortems(
  entries: readonly IncidentEntry[],
  filter: ListFilter,
  now: Date,
  page: { offset: number; limit: number } = { offset: 0, limit: Number.POSITIVE_INFINITY },
): { total: number; items: PostmortemListItem[] } {
  const today = todayOf(now);
  const matching = entries.filter((e) => matchesFilter(e, filter)).map((e) => ({ e, at: incidentAt(e) ?? 0 }));
  const first = firstInOrder(matching, (a, b) => b.at - a.at || compare(a.e.id, b.e.id), page.offset + page.limit);
  return { total: matching.length, items: first.slice(page.offset).map(({ e }) => toListItem(e, today)) };
}

interface TrackedAction {
  action: IndexedAction;
  entry: IncidentEntry;
  overdue: boolean;
  /** 0 overdue, 1 open, 2 the rest. */
  rank: number;
  /** YYYY-MM-DD, or '9999-99-99' when none (last). */
  due: string;
}

/**
 * Tracker order: overdue first, then open items, then the rest; within each, oldest due date
 * first (none last), then by postmortem and item id. Compared field by field, not through one
 * joined key string per item: with 25,000 items, building and comparing those strings was most
 * of the tracker's time.
 */
function trackerOrder(a: TrackedAction, b: TrackedAction): number {
  return a.rank - b.rank || compare(a.due, b.due) || compare(a.entry.id, b.entry.id) || compare(a.action.id, b.action.id);
}

/**
 * Every action item across the entries that passes `filter`, in tracker order, with the load
 * per owner over all of them; only the page asked for is built into rows.
 */
export function listActions(
  entries: readonly IncidentEntry[],
  filter: ActionFilter,
  now: Date,
  page: { offset: number; limit: number } = { offset: 0, limit: Number.POSITIVE_INFINITY },
): { total: number; items: ActionListItem[]; owners: OwnerLoad[] } {
  const owner = filter.owner?.toLowerCase();
  const today = todayOf(now);
  const tracked: TrackedAction[] = [];
  const loads = new Map<string, OwnerLoad>();
  for (const entry of entries) {
    if (filter.postmortem && entry.id !== filter.postmortem) continue;
    for (const action of entry.actions ?? []) {
      if (filter.status?.length && !filter.status.includes(action.status)) continue;
      if (filter.kind?.length && !filter.kind.includes(action.kind === '' ? 'none' : action.kind)) continue;
      const ownerName = action.owner.trim();
      const ownerKey = ownerName.toLowerCase();
      if (owner !== undefined && ownerKey !== owner) continue;
      const overdue = isOverdueOn(action, today);
      if (filter.overdue !== undefined && overdue !== filter.overdue) continue;
      tracked.push({ action, entry, overdue, rank: overdue ? 0 : isOpenAction(action) ? 1 : 2, due: dueDate(action) ?? '9999-99-99' });
      let load = loads.get(ownerKey);
      if (!load) loads.set(ownerKey, (load = { owner: ownerName, open: 0, overdue: 0 }));
      if (isOpenAction(action)) load.open += 1;
      if (overdue) load.overdue += 1;
    }
  }
  const items = firstInOrder(tracked, trackerOrder, page.offset + page.limit).slice(page.offset).map(({ action, entry, overdue }) => ({
    ...action,
    factorIds: [...action.factorIds],
    overdue,
    postmortem: { id: entry.id, title: entry.title, severity: entry.severity, status: entry.status, link: postmortemPath(entry.id) },
  }));
  const owners = [...loads.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || compare(a.owner, b.owner));
  return { total: tracked.length, items, owners };
}
