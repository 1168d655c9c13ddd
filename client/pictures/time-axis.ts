/**
 * A time axis in the viewer's zone: the domain around known instants, wall-clock tick marks
 * ("14:30") and day labels for incidents that cross midnight. Pure; positions are fractions 0–1.
 */
import { localInputToUtcIso, utcIsoToLocalInput } from '../../shared/schema/time.ts';

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** Tick steps in minutes, smallest first. */
const STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10_080];
const MAX_TICKS = 7;
/** Day labels drawn at most (a month-long incident shows its first days' boundaries only). */
const MAX_DAYS = 40;

export interface Domain {
  from: number;
  to: number;
}

export interface AxisTick {
  x: number;
  label: string;
}

export interface DayMark {
  x: number;
  label: string;
  /** A local midnight inside the domain (false for the first day's label at the left edge). */
  boundary: boolean;
}

/** The span shown: the known instants with a little room either side (an hour around a single one). */
export function domainAround(instants: readonly number[]): Domain | null {
  if (instants.length === 0) return null;
  const min = Math.min(...instants);
  const max = Math.max(...instants);
  if (max === min) return { from: min - 30 * MINUTE, to: max + 30 * MINUTE };
  const pad = Math.max((max - min) * 0.04, MINUTE);
  return { from: min - pad, to: max + pad };
}

/** Where an instant sits on the axis, 0 at the left edge and 1 at the right. */
export function position(domain: Domain, at: number): number {
  return (at - domain.from) / (domain.to - domain.from);
}

/** The tick step in minutes giving at most MAX_TICKS ticks. */
export function tickStep(domain: Domain): number {
  const minutes = (domain.to - domain.from) / MINUTE;
  return STEPS.find((s) => minutes / s <= MAX_TICKS) ?? STEPS[STEPS.length - 1]!;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "Mon 2 Nov" in `zone`. */
export function dayLabel(at: number, zone: string): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short' });
    dayFormats.set(zone, f);
  }
  return f.format(new Date(at));
}

/** "14:58": the wall-clock time of an instant in `zone`. */
export function clockLabel(at: number, zone: string): string {
  return utcIsoToLocalInput(new Date(at).toISOString(), zone).slice(11, 16);
}

/** "2026-11-02": the local date of an instant in `zone`. */
export function localDate(at: number, zone: string): string {
  return utcIsoToLocalInput(new Date(at).toISOString(), zone).slice(0, 10);
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Tick marks at round wall-clock times in `zone` (dates when the step is a day or more). */
export function axisTicks(domain: Domain, zone: string): AxisTick[] {
  const step = tickStep(domain);
  const ticks: AxisTick[] = [];
  if (step >= DAY_MINUTES) {
    for (const mark of dayMarks(domain, zone, Math.round(step / DAY_MINUTES))) {
      if (mark.boundary) ticks.push({ x: mark.x, label: mark.label });
    }
    return ticks;
  }
  // Round in the zone's wall clock, so half-hour and 45-minute offsets still give "14:30".
  const stepMs = step * MINUTE;
  const offset = wallOffset(domain.from, zone);
  let at = Math.ceil((domain.from + offset) / stepMs) * stepMs - offset;
  for (; at <= domain.to && ticks.length < 50; at += stepMs) {
    const shift = wallOffset(at, zone) - offset;
    ticks.push({ x: position(domain, at - shift), label: clockLabel(at - shift, zone) });
  }
  return ticks;
}

function wallOffset(at: number, zone: string): number {
  const local = utcIsoToLocalInput(new Date(at).toISOString(), zone);
  const [date, time] = local.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - Math.floor(at / MINUTE) * MINUTE;
}

/** Label of the first day at the left edge, then one at every local midnight inside the domain. */
export function dayMarks(domain: Domain, zone: string, every = 1): DayMark[] {
  const marks: DayMark[] = [{ x: 0, label: dayLabel(domain.from, zone), boundary: false }];
  let date = localDate(domain.from, zone);
  for (let i = 0; marks.length < MAX_DAYS; i += 1) {
    date = nextDate(date);
    const iso = localInputToUtcIso(`${date}T00:00`, zone);
    if (!iso) break;
    const at = Date.parse(iso);
    if (at > domain.to) break;
    if ((i + 1) % every === 0) marks.push({ x: position(domain, at), label: dayLabel(at, zone), boundary: true });
  }
  return marks;
}
