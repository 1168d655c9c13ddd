/**
 * Times as postmortems write them — "2026-11-02 14:05 UTC", ISO 8601, "Nov 2, 2026 2:05 PM PST",
 * "14:05" under a date — read into ISO 8601 UTC. A time without a zone reads in the document's
 * zone (front matter `timezone`, or an "All times UTC" note), else as UTC.
 */
import { isValidTimeZone, localInputToUtcIso } from '../schema/time.ts';

/** A fixed offset from UTC (minutes, east positive) or an IANA zone name. */
export type Zone = { readonly offsetMinutes: number; readonly name: string } | { readonly iana: string };

export interface TimeContext {
  /** YYYY-MM-DD that a bare "14:05" belongs to; '' when unknown. */
  date: string;
  zone: Zone | null;
}

/** Abbreviations seen in postmortems. Ambiguous ones take their most common reading (IST: India). */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  IST: 330, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600,
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_SOURCE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2}|${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4})`;
const ZONE_SOURCE = '(?:Z|(?:UTC|GMT)(?:\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}:?\\d{2}|[A-Z]{2,5})';
const LEADING = new RegExp(
  `^[\\[(]?\\s*(?:(${DATE_SOURCE})(?:\\s*,?\\s*(?:T|at\\s+)?|T))?` +
    `(?:(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:\\s*([ap])\\.?m\\.?)?(?:\\s*\\(?(${ZONE_SOURCE})\\)?(?![A-Za-z]))?)?`,
  'i',
);
const SEPARATOR = /^\s*[\])]?\s*(?:[—–:|]|-{1,2}|\.(?=\s))?\s*/;

/** YYYY-MM-DD from "2026-11-02", "2026/11/02", "Nov 2, 2026", "2 November 2026" or an ISO time; null otherwise. */
export function parseDay(text: string): string | null {
  const t = text.trim().toLowerCase();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = new RegExp(`^(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`).exec(t))) {
    [y, m, d] = [Number(match[3]), MONTHS.indexOf(match[1]!.slice(0, 3)) + 1, Number(match[2])];
  } else if ((match = new RegExp(`^(\\d{1,2})\\s+(${MONTH}),?\\s+(\\d{4})`).exec(t))) {
    [y, m, d] = [Number(match[3]), MONTHS.indexOf(match[2]!.slice(0, 3)) + 1, Number(match[1])];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const WHOLE_DAY = new RegExp(`^${DATE_SOURCE}$`, 'i');

/** YYYY-MM-DD when the whole text is a date ("2026-03-15", "Mar 15, 2026"); null otherwise. */
export function parseWholeDay(text: string): string | null {
  const t = text.trim();
  return WHOLE_DAY.test(t) ? parseDay(t) : null;
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A zone named in text: "UTC", "PDT", "UTC+2", "+05:30", or an IANA name such as "Europe/Berlin". */
export function parseZone(text: string): Zone | null {
  const t = text.trim();
  if (t.includes('/') && isValidTimeZone(t)) return { iana: t };
  const upper = t.toUpperCase().replace(/\s+/g, '');
  if (upper in ABBREVIATIONS) return { offsetMinutes: ABBREVIATIONS[upper]!, name: upper };
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(upper);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes <= 14 * 60 ? { offsetMinutes: m[1] === '-' ? -minutes : minutes, name: upper } : null;
}

function toIso(day: string, hour: number, minute: number, second: number, zone: Zone | null): string {
  if (zone && 'iana' in zone) {
    const local = `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
    return localInputToUtcIso(local, zone.iana) ?? '';
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour, minute, second) - (zone?.offsetMinutes ?? 0) * 60_000).toISOString();
}

export interface LeadingTime {
  /** ISO 8601 UTC; '' when the text gave a time of day but no date was known. */
  readonly iso: string;
  /** Units of the text taken by the time and the separator after it. */
  readonly length: number;
  /** Units of the time itself (without the separator). */
  readonly timeLength: number;
  /** The date written or used (YYYY-MM-DD), for the next bare times. */
  readonly day: string;
  readonly dateWritten: boolean;
  /** A time of day was written (not only a date). */
  readonly timeOfDay: boolean;
  /** No zone written and none known: read as UTC. */
  readonly assumedUtc: boolean;
}

/** A time at the start of `text` (a timeline line or cell); null when the text does not start with one. */
export function leadingTime(text: string, ctx: TimeContext): LeadingTime | null {
  const m = LEADING.exec(text);
  if (!m || m[0].trim() === '' || (!m[1] && !m[2])) return null;
  const [, dateText, h, min, sec, ampm, zoneText] = m;
  const day = dateText ? parseDay(dateText) : null;
  if (dateText && !day) return null;
  let hour = h === undefined ? 0 : Number(h);
  const minute = min === undefined ? 0 : Number(min);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || Number(sec ?? 0) > 59) return null;
  let zone: Zone | null = null;
  let timeLength = m[0].trimEnd().length;
  if (zoneText) {
    zone = parseZone(zoneText);
    if (!zone) {
      // A word after the time ("14:05 Deploy"): not a zone, not part of the time.
      timeLength = m[0].slice(0, m[0].lastIndexOf(zoneText)).replace(/[\s(]+$/, '').length;
    }
  }
  const rest = text.slice(timeLength);
  // The time must stand alone: not "14:05x" or "2026-11-02abc".
  if (/^[A-Za-z0-9]/.test(rest)) return null;
  const sep = SEPARATOR.exec(rest);
  const length = timeLength + (sep ? sep[0].length : 0);
  const useDay = day ?? ctx.date;
  const effectiveZone = zone ?? ctx.zone;
  const iso = useDay ? toIso(useDay, hour, minute, Number(sec ?? 0), effectiveZone) : '';
  return {
    iso,
    length,
    timeLength,
    day: useDay,
    dateWritten: Boolean(day),
    timeOfDay: h !== undefined,
    assumedUtc: Boolean(useDay) && h !== undefined && !effectiveZone,
  };
}

/** A whole cell or field that is only a time; null otherwise. */
export function parseTime(text: string, ctx: TimeContext): LeadingTime | null {
  const t = text.trim();
  const lead = leadingTime(t, ctx);
  return lead && t.slice(lead.timeLength).trim().replace(/^[)\]]/, '') === '' ? lead : null;
}
