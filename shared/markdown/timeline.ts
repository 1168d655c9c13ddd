/**
 * The timeline, as the template's table (`| Time | What happened | What was known |`, or with
 * separate Date and Time columns; other columns are not read, with a warning) or as list items
 * and lines that start with a time ("- 14:05 UTC — Deploy starts", "* 2026-11-02 14:05: ...").
 * Entries keep the file's order, so the checks can see entries out of order. A date line
 * ("2015-10-21 (all times UTC)") or "All times PDT" sets the date and zone of the bare times
 * after it; a bare time marked "(next day)", or one that runs back past midnight (23:50, then
 * 00:10), moves on to the next day.
 */
import type { List, RootContent, Table } from 'mdast';
import { inlineText, lineOf, MappedText } from './mapped-text.ts';
import { itemParts, matchColumns, nodeOffset, rowCells, tableHeader, unusedColumns } from './blocks.ts';
import type { SnapshotBuilder } from './builder.ts';
import { leadingTime, nextDay, parseTime, parseZone, type LeadingTime } from './times.ts';

interface Pending {
  at: string;
  body: MappedText;
  known: MappedText;
  offset: number;
  /** Continuation pieces, joined once at the end (joining per line would be quadratic). */
  more?: { body: MappedText[]; known: MappedText[] };
}

const ZONE_NOTE = /^[(*_\s]*(?:note:\s*)?(?:all )?times?(?: are| shown| listed| given| below)*(?: in)?\s+([A-Za-z][A-Za-z/_]*(?:[+-]\d{1,2}(?::?\d{2})?)?)\b[^]{0,40}$/i;
const KNOWN = /(\s*[([]\s*|\s*[.;—–-]?\s*)\b(?:what was known|what we knew|known at the time|known)\s*:\s*/i;
const NO_DATE = 'Timeline times without a date (like "14:05") were kept in the text, with no time set: give a date in the front matter or a date line.';
const NO_TIME = 'Timeline text that does not start with a time was read as entries without a time.';
const NEXT_DAY_NOTE = String.raw`[([]\s*(?:(?:the\s+)?(?:next|following)\s+day|\+\s*1\s*(?:d|days?)?)\s*[)\]]`;
/** "(next day)", "(+1d)" right after a bare time, with the separator after it. */
const NEXT_DAY = new RegExp(String.raw`^${NEXT_DAY_NOTE}\s*(?:[—–:|]|-{1,2})?\s*`, 'i');
/** The same note at the end of a time cell ("00:45 (next day)"). */
const NEXT_DAY_AFTER = new RegExp(String.raw`\s*${NEXT_DAY_NOTE}\s*$`, 'i');
/** A bare time earlier than the entry before by more than this ran past midnight. */
const HALF_DAY = 12 * 60 * 60 * 1000;

/** Splits "Deploy starts (known: dashboards green)" into body and known. */
function splitKnown(text: MappedText): { body: MappedText; known: MappedText } {
  const m = KNOWN.exec(text.text);
  if (!m) return { body: text, known: MappedText.EMPTY };
  let known = text.slice(m.index + m[0].length).trim();
  if (/[([]/.test(m[1] ?? '')) {
    const close = known.text.search(/[)\]]\s*$/);
    if (close >= 0) known = known.slice(0, close);
  }
  return { body: text.slice(0, m.index), known: known.trim() };
}

class TimelineReader {
  readonly entries: Pending[] = [];
  /** Time of the last entry read with one (epoch ms), for bare times that run past midnight. */
  private lastAt: number | null = null;

  constructor(
    private readonly source: string,
    private readonly b: SnapshotBuilder,
  ) {}

  /** A zone note or a date line: changes the context and is not an entry. */
  private contextLine(text: string): boolean {
    const zoneNote = ZONE_NOTE.exec(text.trim());
    if (zoneNote) {
      const zone = parseZone(zoneNote[1]!);
      if (zone) {
        this.b.time.zone = zone;
        return true;
      }
    }
    const lead = leadingTime(text.trim(), this.b.time);
    if (!lead || lead.timeOfDay || !lead.dateWritten) return false;
    const rest = text.trim().slice(lead.timeLength).trim();
    const note = /^\((.*)\)$/.exec(rest)?.[1];
    if (rest !== '' && rest !== ':' && !(note && ZONE_NOTE.test(note))) return false;
    this.b.time.date = lead.day;
    if (note) this.contextLine(note);
    return true;
  }

  /**
   * `lead` (the time at the start of `text`), on the next day when it is a bare time `marked` as
   * such or earlier than the entry before by more than half a day; the next bare times follow it.
   */
  private dayOf(text: string, lead: LeadingTime, marked: boolean): LeadingTime {
    if (!lead.iso || lead.dateWritten || !lead.timeOfDay) return lead;
    const back = this.lastAt === null ? 0 : this.lastAt - Date.parse(lead.iso);
    if (!marked && back <= HALF_DAY) return lead;
    this.b.time.date = nextDay(lead.day);
    return leadingTime(text, this.b.time) ?? lead;
  }

  /** Notes the time of an entry: the date for the bare times after it, and the last time seen. */
  private seen(lead: LeadingTime): void {
    if (lead.dateWritten) this.b.time.date = lead.day;
    if (lead.assumedUtc) this.b.assumedUtc = true;
    if (lead.iso) this.lastAt = Date.parse(lead.iso);
  }

  private timed(line: MappedText, found: LeadingTime, offset: number): Pending {
    const note = found.iso && !found.dateWritten ? NEXT_DAY.exec(line.text.slice(found.length)) : null;
    const lead = this.dayOf(line.text, found, note !== null);
    this.seen(lead);
    const { body, known } = splitKnown(lead.iso ? line.slice(lead.length + (note?.[0].length ?? 0)) : line);
    if (!lead.iso) this.b.warn(NO_DATE);
    return { at: lead.iso, body, known, offset };
  }

  /** A line that starts a new entry: timed, or untimed when `untimed` allows it. */
  private startEntry(line: MappedText, offset: number, untimed: boolean): boolean {
    const t = line.trim();
    if (t.length === 0 || this.contextLine(t.text)) return true;
    const lead = leadingTime(t.text, this.b.time);
    if (lead && (lead.timeOfDay || lead.dateWritten)) {
      this.entries.push(this.timed(t, lead, offset));
      return true;
    }
    if (!untimed) return false;
    this.b.warn(NO_TIME);
    const { body, known } = splitKnown(t);
    this.entries.push({ at: '', body, known, offset });
    return true;
  }

  private continueLast(line: MappedText, separator: string): void {
    const last = this.entries.at(-1);
    const t = line.trim();
    if (!last || t.length === 0) return;
    const split = splitKnown(t);
    last.more ??= { body: [], known: [] };
    if (split.known.length > 0 && split.body.trim().length === 0) {
      if (last.known.length > 0 || last.more.known.length > 0) last.more.known.push(MappedText.synthetic('\n'));
      last.more.known.push(split.known);
    } else last.more.body.push(MappedText.synthetic(separator), t);
  }

  paragraphLines(lines: readonly MappedText[], offset: number): void {
    let first = true;
    for (const line of lines) {
      const lineOffset = line.sourceOffset() >= 0 ? line.sourceOffset() : offset;
      if (this.startEntry(line, lineOffset, false)) first = false;
      else if (this.entries.length > 0) this.continueLast(line, first ? '\n' : ' ');
      else this.startEntry(line, lineOffset, true);
      first = false;
    }
  }

  list(list: List): void {
    for (const item of list.children) {
      const { head, rest, nested } = itemParts(item, this.source);
      const before = this.entries.length;
      this.startEntry(head, nodeOffset(item), true);
      const own = this.entries.length > before;
      for (const block of rest) this.blocks([block], own);
      for (const sub of nested) {
        // Nested items: "Known: ..." lines, further detail, or entries of their own.
        for (const child of sub.children) {
          const parts = itemParts(child, this.source);
          if (!own) this.startEntry(parts.head, nodeOffset(child), true);
          else if (!this.startEntry(parts.head, nodeOffset(child), false)) this.continueLast(parts.head, '\n');
        }
      }
    }
  }

  /** The time of a table row from its time cell and, when the table has one, its date cell. */
  private rowTime(date: MappedText, time: MappedText): { lead: LeadingTime | null; written: MappedText } {
    const note = NEXT_DAY_AFTER.exec(time.text);
    const bare = note ? time.slice(0, note.index) : time;
    const written = MappedText.join([date, time].filter((t) => t.length > 0), ' ');
    // A time cell that holds its own date needs no date cell.
    const own = bare.length ? parseTime(bare.text, this.b.time) : null;
    const text = own?.dateWritten ? bare.text : [date.text, bare.text].filter(Boolean).join(' ');
    const lead = text ? parseTime(text, this.b.time) : null;
    return { lead: lead && this.dayOf(text, lead, note !== null), written };
  }

  table(table: Table): void {
    const header = tableHeader(table, this.source);
    let cols = matchColumns(header, [
      ['known', /known|knew|visible|signals|context/],
      ['time', /time|when|^at$|timestamp|^utc$/],
      ['date', /(?:^|\s)(?:date|day)(?:\s|\(|$)/],
      ['body', /happen|event|description|what|detail|activity|action|summary|update/],
    ] as const);
    // One Date column holds the whole time ("2026-11-02 14:05").
    if (cols.time < 0) cols = { ...cols, time: cols.date, date: -1 };
    if (cols.time < 0 && cols.body < 0) cols = { time: 0, body: 1, known: 2, date: -1 };
    for (const name of unusedColumns(header, cols)) this.b.warn(`Timeline column "${name}" was not read.`);
    const zone = [cols.time, cols.date].map((i) => /\(([^)]+)\)/.exec(header[i] ?? '')?.[1]).find((z) => z && parseZone(z));
    const saved = this.b.time.zone;
    if (zone) this.b.time.zone = parseZone(zone);
    for (const row of table.children.slice(1)) {
      const cells = rowCells(row, this.source);
      const cell = (i: number) => (i >= 0 ? (cells[i] ?? MappedText.EMPTY) : MappedText.EMPTY);
      const { lead, written } = this.rowTime(cell(cols.date).trim(), cell(cols.time).trim());
      let body = cell(cols.body).trim();
      if (lead) this.seen(lead);
      if (written.length && !lead?.iso) {
        // Keep what was written; the entry gets no time.
        this.b.warn(lead ? NO_DATE : `Timeline time "${written.text}" was not understood and was kept in the text.`);
        body = MappedText.join([written, body], ' — ');
      }
      this.entries.push({ at: lead?.iso ?? '', body, known: cell(cols.known).trim(), offset: nodeOffset(row) });
    }
    this.b.time.zone = saved;
  }

  blocks(nodes: readonly RootContent[], continuation = true): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
          if (continuation) this.paragraphLines(inlineText(node.children, this.source).lines(), nodeOffset(node));
          else for (const line of inlineText(node.children, this.source).lines()) this.startEntry(line, nodeOffset(node), true);
          break;
        case 'heading': {
          const text = lineOf(node.children, this.source);
          if (!this.contextLine(text.text)) this.b.warn(`Timeline sub-heading "${text.text}" was not read.`);
          break;
        }
        case 'list':
          this.list(node);
          break;
        case 'table':
          this.table(node);
          break;
        case 'blockquote':
          this.blocks(node.children, continuation);
          break;
        default:
          break;
      }
    }
  }
}

/** Reads a timeline section's blocks into the builder. */
export function readTimeline(nodes: readonly RootContent[], source: string, b: SnapshotBuilder): void {
  const reader = new TimelineReader(source, b);
  reader.blocks(nodes);
  for (const { at, body, known, offset, more } of reader.entries) {
    b.addTimeline({
      at,
      offset,
      body: more ? MappedText.join([body, ...more.body], '') : body,
      known: more ? MappedText.join([known, ...more.known], '') : known,
    });
  }
}
