/**
 * Time-zone handling without a DOM or a date library: times are stored as ISO 8601 UTC and
 * entered and shown in the viewer's zone, named. Intl knows every IANA zone and its DST rules.
 */

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of the zone from UTC at the given instant, in minutes (east positive). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const w = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** True when the zone name is one Intl knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts a wall-clock time typed in `timeZone` ("2026-11-02T14:05", the value of an
 * <input type="datetime-local">) to ISO 8601 UTC. A time skipped by a DST jump moves forward
 * by the jump; an ambiguous time (clocks going back) takes the earlier instant. Returns null for
 * anything that is not such a time.
 */
export function localInputToUtcIso(local: string, timeZone: string): string | null {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59) return null;
  const naive = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(naive);
  if (check.getUTCDate() !== day) return null; // 31 February and the like
  // Try the offsets in force just before and after; prefer the earlier instant that reads back right.
  const candidates = [
    naive - zoneOffsetMinutes(naive - 86_400_000, timeZone) * 60_000,
    naive - zoneOffsetMinutes(naive + 86_400_000, timeZone) * 60_000,
    naive - zoneOffsetMinutes(naive, timeZone) * 60_000,
  ].sort((a, b) => a - b);
  for (const epoch of candidates) {
    const w = wallClockAt(epoch, timeZone);
    if (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === naive) {
      return new Date(epoch).toISOString();
    }
  }
  // In a DST gap no instant reads back: use the offset from before the jump, which lands after it.
  return new Date(candidates[candidates.length - 1]!).toISOString();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The value for an <input type="datetime-local"> showing `iso` in `timeZone`; '' when unset. */
export function utcIsoToLocalInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return '';
  const w = wallClockAt(epoch, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** "UTC+05:30" style offset label. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Short zone name at an instant, e.g. "CET", "PDT" or "GMT+5:30" where the zone has none. */
export function zoneAbbreviation(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(epochMs));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Europe/Berlin (UTC+01:00)": names the zone in which times are entered and shown. */
export function zoneLabel(timeZone: string, epochMs: number = Date.now()): string {
  return `${timeZone} (${offsetLabel(zoneOffsetMinutes(epochMs, timeZone))})`;
}

/** "2026-11-02 15:05 CET": an instant shown in the viewer's zone with the zone named. */
export function formatInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return '';
  return `${utcIsoToLocalInput(iso, timeZone).replace('T', ' ')} ${zoneAbbreviation(epoch, timeZone)}`;
}

/** "1h 25m" between two ISO instants; null when either is missing or the order is reversed. */
export function formatDuration(fromIso: string | null | undefined, toIso: string | null | undefined): string | null {
  if (!fromIso || !toIso) return null;
  const ms = Date.parse(toIso) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return null;
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (mins || parts.length === 0) parts.push(`${mins}m`);
  return parts.join(' ');
}
