/**
 * The Swiss cheese picture as data: one slice per defense in list order, a hole where a defense
 * failed or was absent, and the hazard's trajectory through the aligned holes until a defense
 * that held stops it. Geometry is in SVG user units; the component only draws it.
 */
import { LABELS, type DefenseFailure, type DefenseState } from '../../shared/schema/sections.ts';
import type { Defense } from '../../shared/schema/snapshot.ts';

export const CHEESE = {
  left: 84,
  right: 150,
  top: 40,
  sliceHeight: 150,
  sliceWidth: 50,
  /** How far the back edge of a slice rises: the slices are seen slightly from the side. */
  skew: 18,
  labelGap: 22,
  legendHeight: 40,
  /** Wide enough for the legend whatever the number of slices. */
  minWidth: 640,
} as const;

export interface CheeseHole {
  failure: DefenseFailure;
  cx: number;
  cy: number;
  /** On the trajectory: the hazard passes through this hole. */
  aligned: boolean;
}

export interface CheeseSlice {
  id: string;
  index: number;
  name: string;
  /** The name wrapped for the label under the slice (at most two lines). */
  lines: string[];
  state: DefenseState;
  failure: DefenseFailure;
  /** "Failed · active failure", "Held". */
  stateLabel: string;
  /** The same on short lines for under the slice: ["Failed", "active failure"], ["Held"]. */
  stateLines: string[];
  x: number;
  hole: CheeseHole | null;
}

export type PathOutcome = 'through' | 'stopped';

export interface CheesePath {
  x0: number;
  x1: number;
  y: number;
  outcome: PathOutcome;
  /** Index of the defense that held, when one did. */
  stoppedAt: number | null;
  stoppedBy: string | null;
  /** Indexes of the slices whose holes the path passes through. */
  through: number[];
}

export interface SwissCheese {
  width: number;
  height: number;
  slices: CheeseSlice[];
  /** Null when no defense is listed yet. */
  path: CheesePath | null;
  title: string;
  description: string;
}

const LINE_CHARS = 15;

/** Wraps a label into at most `max` lines of about `width` characters; the last line ends in "…" if cut. */
export function wrapLabel(text: string, width = LINE_CHARS, max = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  while (words.length > 0 && lines.length < max - 1) {
    const word = words[0]!;
    const next = line ? `${line} ${word}` : word;
    if (line && next.length > width) {
      lines.push(line);
      line = '';
      continue;
    }
    line = next;
    words.shift();
  }
  const last = [line, ...words].filter(Boolean).join(' ');
  if (last) lines.push(last.length > width ? `${last.slice(0, width - 1).trimEnd()}…` : last);
  return lines.map((l, i) => (i < lines.length - 1 && l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

function stateLines(state: DefenseState, failure: DefenseFailure): string[] {
  if (state === 'held') return ['Held'];
  return [LABELS[state] ?? state, (LABELS[failure] ?? failure).toLowerCase()];
}

function describe(slices: readonly CheeseSlice[], path: CheesePath | null): string {
  if (!path) return 'No defenses are listed yet, so there are no slices to draw.';
  const list = slices
    .map((s) => `${s.name}: ${s.state === 'held' ? 'held' : `${s.state}, ${(LABELS[s.failure] ?? s.failure).toLowerCase()}`}`)
    .join('; ');
  const names = path.through.map((i) => slices[i]!.name);
  const passed =
    names.length === 0 ? '' : `The hazard passes through the aligned holes of ${joinWords(names)}`;
  const end =
    path.outcome === 'through'
      ? `${passed} and reaches the incident: no defense held.`
      : names.length === 0
        ? `The first defense, ${path.stoppedBy}, held and stopped the hazard.`
        : `${passed} and is stopped by ${path.stoppedBy}, which held.`;
  const n = slices.length;
  return `${n} ${n === 1 ? 'defense' : 'defenses'} in order. ${list}. ${end}`;
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Spacing between slices: narrower when there are many, so the picture stays readable. */
function spacingFor(n: number): number {
  return n > 6 ? 90 : 118;
}

/** Label lines under a slice: as wide as the spacing allows, three of them when slices are close. */
function labelShape(spacing: number, n: number): { chars: number; lines: number } {
  return { chars: Math.floor((spacing - 8) / 7), lines: n > 6 ? 3 : 2 };
}

/** Lays out the defenses as slices and finds where the trajectory stops. */
export function buildSwissCheese(defenses: readonly Defense[]): SwissCheese {
  const { left, right, top, sliceHeight, sliceWidth, labelGap, legendHeight, minWidth } = CHEESE;
  const spacing = spacingFor(defenses.length);
  const label = labelShape(spacing, defenses.length);
  const pathY = top + sliceHeight / 2;
  const firstHeld = defenses.findIndex((d) => d.state === 'held');
  const stop = firstHeld < 0 ? null : firstHeld;

  const slices = defenses.map((d, index): CheeseSlice => {
    const name = d.name.trim() || `Defense ${index + 1}`;
    const x = left + index * spacing;
    const aligned = stop === null || index < stop;
    // Holes beyond the defense that held are out of line: the hazard never reaches them.
    const offset = index % 2 === 0 ? -34 : 36;
    const hole: CheeseHole | null =
      d.state === 'held' ? null : { failure: d.failure, cx: x + sliceWidth / 2, cy: aligned ? pathY : pathY + offset, aligned };
    const states = stateLines(d.state, d.failure);
    return { id: d.id, index, name, lines: wrapLabel(name, label.chars, label.lines), state: d.state, failure: d.failure, stateLabel: states.join(' · '), stateLines: states, x, hole };
  });

  const lastRight = left + Math.max(defenses.length - 1, 0) * spacing + sliceWidth;
  const width = Math.max(minWidth, lastRight + right);
  const nameLines = Math.max(1, ...slices.map((s) => s.lines.length));
  const height = top + sliceHeight + labelGap + nameLines * 15 + 2 + 2 * 13 + 20 + legendHeight;
  let path: CheesePath | null = null;
  if (slices.length > 0) {
    const through = slices.filter((s) => s.hole?.aligned).map((s) => s.index);
    path =
      stop === null
        ? { x0: 16, x1: lastRight + 64, y: pathY, outcome: 'through', stoppedAt: null, stoppedBy: null, through }
        : { x0: 16, x1: slices[stop]!.x, y: pathY, outcome: 'stopped', stoppedAt: stop, stoppedBy: slices[stop]!.name, through };
  }
  return {
    width,
    height,
    slices,
    path,
    title: 'Swiss cheese diagram of the defenses',
    description: describe(slices, path),
  };
}
