/**
 * The incident time bar as data: started → detected → mitigated → resolved on a time axis in
 * the viewer's zone, the timeline entries as ticks, the time to detect and to recover, and in
 * words what is missing or out of order. Pure; positions are fractions 0–1 of the axis.
 */
import { formatDuration, formatInZone, zoneLabel } from '../../shared/schema/time.ts';
import type { PostmortemSnapshot } from '../../shared/schema/snapshot.ts';
import { axisTicks, clockLabel, dayLabel, dayMarks, domainAround, localDate, position, type AxisTick, type DayMark } from './time-axis.ts';

export const MILESTONES = [
  { key: 'started', field: 'startedAt', label: 'Started' },
  { key: 'detected', field: 'detectedAt', label: 'Detected' },
  { key: 'mitigated', field: 'mitigatedAt', label: 'Mitigated' },
  { key: 'resolved', field: 'resolvedAt', label: 'Resolved' },
] as const;
export type MilestoneKey = (typeof MILESTONES)[number]['key'];

/** Milestones closer than this (fraction of the axis) get their labels on separate rows. */
const LABEL_GAP = 0.15;

export interface Milestone {
  key: MilestoneKey;
  label: string;
  at: number;
  x: number;
  /** "14:58", or "2 Nov 14:58" when the incident spans days. */
  time: string;
  /** "2026-11-02 14:58 CET". */
  full: string;
  /** Label row, 0 or 1, so that close milestones do not overlap. */
  row: number;
}

export interface EntryTick {
  id: string;
  /** The entry's number in the timeline (1-based). */
  number: number;
  x: number;
  time: string;
  text: string;
}

export interface Span {
  key: 'detect' | 'recover';
  label: string;
  duration: string;
  x0: number;
  x1: number;
}

export interface TimeBar {
  /** No time is known at all: nothing to draw. */
  empty: boolean;
  /** Known milestones, in time order. */
  milestones: Milestone[];
  /** Labels of the milestones not set yet, in the template's order. */
  missing: string[];
  /** Milestones out of order, in words. */
  problems: string[];
  ticks: EntryTick[];
  /** Timeline entries without a time (not drawn). */
  untimed: number;
  spans: Span[];
  /** Started → detected, highlighted. */
  detectionGap: { x0: number; x1: number } | null;
  axis: AxisTick[];
  /** Day labels, only when the incident crosses a midnight in the viewer's zone. */
  days: DayMark[];
  multiDay: boolean;
  zone: string;
  /** "Europe/Berlin (UTC+01:00)". */
  zoneName: string;
  description: string;
}

function epoch(iso: string): number | null {
  if (!iso) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : at;
}

function oneLine(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function assignRows(milestones: Milestone[]): void {
  const lastX = [-Infinity, -Infinity];
  for (const m of milestones) {
    const row = m.x - lastX[0]! >= LABEL_GAP ? 0 : m.x - lastX[1]! >= LABEL_GAP ? 1 : lastX[0]! <= lastX[1]! ? 0 : 1;
    m.row = row;
    lastX[row] = m.x;
  }
}

/** The time bar of a postmortem, with every time shown in `zone`. */
export function buildTimeBar(snapshot: Pick<PostmortemSnapshot, 'meta' | 'timeline'>, zone: string): TimeBar {
  const known = MILESTONES.flatMap((m) => {
    const at = epoch(snapshot.meta[m.field]);
    return at === null ? [] : [{ ...m, at, iso: snapshot.meta[m.field] }];
  });
  const missing = MILESTONES.filter((m) => !known.some((k) => k.key === m.key)).map((m) => m.label);
  const entries = snapshot.timeline.map((e, i) => ({ e, number: i + 1, at: epoch(e.at) }));
  const timed = entries.filter((t): t is typeof t & { at: number } => t.at !== null);
  const instants = [...known.map((k) => k.at), ...timed.map((t) => t.at)];
  const domain = domainAround(instants);
  const zoneName = zoneLabel(zone, instants[0] ?? Date.now());
  if (!domain) {
    return {
      empty: true,
      milestones: [],
      missing,
      problems: [],
      ticks: [],
      untimed: entries.length,
      spans: [],
      detectionGap: null,
      axis: [],
      days: [],
      multiDay: false,
      zone,
      zoneName,
      description: 'No incident time and no timed timeline entry is set yet, so there is nothing to draw.',
    };
  }

  const min = Math.min(...instants);
  const max = Math.max(...instants);
  const multiDay = localDate(min, zone) !== localDate(max, zone);
  const timeOf = (at: number) => (multiDay ? `${dayLabel(at, zone).replace(/^\w+ /, '')} ${clockLabel(at, zone)}` : clockLabel(at, zone));

  const milestones: Milestone[] = known
    .map((k) => ({ key: k.key, label: k.label, at: k.at, x: position(domain, k.at), time: timeOf(k.at), full: formatInZone(k.iso, zone), row: 0 }))
    .sort((a, b) => a.at - b.at || MILESTONES.findIndex((m) => m.key === a.key) - MILESTONES.findIndex((m) => m.key === b.key));
  assignRows(milestones);

  const problems: string[] = [];
  for (let i = 1; i < known.length; i += 1) {
    const before = known[i - 1]!;
    const after = known[i]!;
    if (after.at < before.at) problems.push(`${after.label} (${timeOf(after.at)}) is before ${before.label.toLowerCase()} (${timeOf(before.at)}).`);
  }

  const iso = (key: MilestoneKey) => known.find((k) => k.key === key)?.iso ?? '';
  const spans: Span[] = [];
  const detect = formatDuration(iso('started'), iso('detected'));
  const recover = formatDuration(iso('started'), iso('resolved'));
  const x = (key: MilestoneKey) => position(domain, Date.parse(iso(key)));
  if (detect) spans.push({ key: 'detect', label: 'Time to detect', duration: detect, x0: x('started'), x1: x('detected') });
  if (recover) spans.push({ key: 'recover', label: 'Time to recover', duration: recover, x0: x('started'), x1: x('resolved') });

  const ticks: EntryTick[] = timed.map((t) => ({ id: t.e.id, number: t.number, x: position(domain, t.at), time: timeOf(t.at), text: oneLine(t.e.body) }));
  const untimed = entries.length - timed.length;

  const said = milestones.map((m) => `${m.label.toLowerCase()} ${m.full}`).join(', ');
  const parts = [
    `Incident time bar, times in ${zoneName}.`,
    said ? `${said.charAt(0).toUpperCase()}${said.slice(1)}.` : '',
    ...spans.map((s) => `${s.label}: ${s.duration}.`),
    `${ticks.length} timed timeline ${ticks.length === 1 ? 'entry' : 'entries'}.`,
    missing.length ? `Not set yet: ${missing.join(', ').toLowerCase()}.` : '',
    ...problems,
  ];
  return {
    empty: false,
    milestones,
    missing,
    problems,
    ticks,
    untimed,
    spans,
    detectionGap: detect ? { x0: x('started'), x1: x('detected') } : null,
    axis: axisTicks(domain, zone),
    days: multiDay ? dayMarks(domain, zone) : [],
    multiDay,
    zone,
    zoneName,
    description: parts.filter(Boolean).join(' '),
  };
}
