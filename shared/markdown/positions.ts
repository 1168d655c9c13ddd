/**
 * Where the snapshot's texts came from in the Markdown source, so that a finding (an offset into
 * a snapshot text) can be reported as file:line:column.
 */
import type { FindingLocation, FindingSection } from '../checks/types.ts';
import { fieldKey } from '../checks/types.ts';
import type { MappedText } from './mapped-text.ts';

/** A 1-based place in the source. */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

/** `length` consecutive units of a field's text, from text offset `at`, that sit at consecutive columns of one line. */
export interface SourceRun {
  readonly at: number;
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

/** Plain data: safe to keep, send or compare. */
export interface SourcePositions {
  /** Per text field (keyed by fieldKey): runs from text offsets to source places. */
  readonly fields: Readonly<Record<string, readonly SourceRun[]>>;
  /** Line of each section's heading (the header: the title's line). */
  readonly sections: Readonly<Partial<Record<FindingSection, number>>>;
  /** Line of each row (timeline entry, factor, defense, action item) by its id. */
  readonly rows: Readonly<Record<string, number>>;
}

/** Turns source offsets into lines and columns. Lines end as in CommonMark: \n, \r\n or a lone \r. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (const m of source.matchAll(/\r\n?|\n/g)) this.starts.push(m.index + m[0].length);
  }

  point(offset: number): SourcePoint {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** Collects positions while the parser reads. */
export class PositionsBuilder {
  private readonly fields: Record<string, SourceRun[]> = {};
  private readonly sections: Partial<Record<FindingSection, number>> = {};
  private readonly rows: Record<string, number> = {};

  private readonly lines: LineIndex;

  constructor(private readonly source: string) {
    this.lines = new LineIndex(source);
  }

  field(key: string, text: MappedText): void {
    const runs: SourceRun[] = [];
    let last: { at: number; line: number; column: number; length: number; source: number } | null = null;
    text.offsets.forEach((offset, at) => {
      if (offset < 0) return;
      if (last && offset === last.source + last.length && at === last.at + last.length && this.source[offset - 1] !== '\n' && this.source[offset - 1] !== '\r') {
        last.length += 1;
        return;
      }
      const p = this.lines.point(offset);
      last = { at, line: p.line, column: p.column, length: 1, source: offset };
      runs.push(last);
    });
    this.fields[key] = runs.map(({ at, line, column, length }) => ({ at, line, column, length }));
  }

  section(section: FindingSection, offset: number): void {
    if (this.sections[section] === undefined) this.sections[section] = this.lines.point(offset).line;
  }

  row(id: string, offset: number): void {
    this.rows[id] = this.lines.point(offset).line;
  }

  build(): SourcePositions {
    return { fields: this.fields, sections: this.sections, rows: this.rows };
  }
}

/** The source place of `offset` in a field's text: exact for every character read from the source. */
export function locateOffset(positions: SourcePositions, key: string, offset: number): SourcePoint | null {
  const runs = positions.fields[key];
  if (!runs || runs.length === 0) return null;
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo]!;
  if (offset < run.at) return { line: run.line, column: run.column };
  if (offset < run.at + run.length) return { line: run.line, column: run.column + (offset - run.at) };
  // A character we added (a joiner): report the next character that came from the source.
  const next = runs[lo + 1];
  if (next) return { line: next.line, column: next.column };
  return { line: run.line, column: run.column + run.length };
}

function rowId(location: FindingLocation): string | null {
  const field = location.field;
  if (!field || field.kind === 'title' || field.kind === 'root') return null;
  return field.id;
}

/** Where a finding points in the source: its text, else its row, else its section heading, else 1:1. */
export function locateFinding(positions: SourcePositions, finding: { section: FindingSection; location: FindingLocation }): SourcePoint {
  const { location } = finding;
  if (location.field) {
    const exact = locateOffset(positions, fieldKey(location.field), location.start);
    if (exact) return exact;
    const id = rowId(location);
    const rowLine = id ? positions.rows[id] : undefined;
    if (rowLine !== undefined) return { line: rowLine, column: 1 };
  }
  const line = positions.sections[finding.section];
  return { line: line ?? 1, column: 1 };
}
