/** Instants, calendar months and durations for the metrics: ISO 8601 in, numbers out, no DOM. */
import { utcIsoToLocalInput } from '../schema/time.ts';
import type { IncidentEntry, IndexedAction } from './types.ts';

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Epoch milliseconds of an ISO 8601 time (any offset), or null when unset or unreadable. */
export function instant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
}

/** When the incident happened: the header's started time, else the postmortem's creation. */
export function incidentInstant(entry: Pick<IncidentEntry, 'startedAt' | 'createdAt'>): number | null {
  return instant(entry.startedAt) ?? instant(entry.createdAt);
}

/** True for a month key like "2026-03". */
export function isMonthKey(value: string): boolean {
  const m = MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The calendar month ("YYYY-MM") of an instant in `timeZone` (an IANA name; UTC by default). */
export function monthOf(epochMs: number, timeZone = 'UTC'): string {
  const date = new Date(epochMs);
  const utcMonth = date.toISOString().slice(0, 7);
  if (timeZone === 'UTC') return utcMonth;
  // No zone is a day or more away from UTC, so a day or more inside a UTC month the month is the
  // same everywhere: the slow zone lookup (Intl) is needed only near the edges of months.
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  if (epochMs - monthStart >= MS_PER_DAY && nextMonth - epochMs > MS_PER_DAY) return utcMonth;
  return utcIsoToLocalInput(date.toISOString(), timeZone).slice(0, 7);
}

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
}

/** How many months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthCount(from: string, to: string): number {
  return Math.max(0, monthIndex(to) - monthIndex(from) + 1);
}

/** Every month from `from` to `to`, both included (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Milliseconds from `start` to `end`, or null when either is missing or `end` is before `start`. */
export function elapsedMs(start: string | null | undefined, end: string | null | undefined): number | null {
  const a = instant(start);
  const b = instant(end);
  if (a === null || b === null || b < a) return null;
  return b - a;
}

export function msToDays(ms: number): number {
  return ms / MS_PER_DAY;
}

export function msToMinutes(ms: number): number {
  return ms / MS_PER_MINUTE;
}

/** Middle value (mean of the two middle ones for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per comparison: several times faster.
  const sorted = new Float64Array(values).sort();
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The due date of an action as YYYY-MM-DD, or null when it is not a date. */
export function dueDate(action: Pick<IndexedAction, 'due'>): string | null {
  const due = action.due.trim();
  return DATE.test(due) ? due.slice(0, 10) : null;
}

/** Open or in progress. */
export function isOpenAction(action: Pick<IndexedAction, 'status'>): boolean {
  return action.status === 'open' || action.status === 'in-progress';
}

/**
 * Overdue: still open or in progress and due before today (UTC), as the action-untracked check
 * has it. An action without a readable due date is never overdue (that check flags it instead).
 */
export function isOverdue(action: Pick<IndexedAction, 'due' | 'status'>, now: Date): boolean {
  return isOverdueOn(action, todayOf(now));
}

/** Today's date (UTC), YYYY-MM-DD: what due dates are compared with. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** isOverdue with today's date worked out once, for loops over many items. */
export function isOverdueOn(action: Pick<IndexedAction, 'due' | 'status'>, today: string): boolean {
  if (!isOpenAction(action)) return false;
  const due = dueDate(action);
  return due !== null && due < today;
}
