/**
 * Header fields, from a YAML front-matter block (title, severity, services/tags, started,
 * detected, mitigated, resolved, date, timezone), from "Label: value" lines before the first
 * section (Google SRE style: "Date: …", "Summary: …", "Root Causes: …", "Trigger: …") and from a
 * `| Field | Value |` table there.
 */
import type { RootContent, Table, Yaml } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { SEVERITIES, type Severity } from '../schema/sections.ts';
import { itemParts, nodeOffset, rowCells } from './blocks.ts';
import type { SnapshotBuilder } from './builder.ts';
import { headerField, headingMeaning, sectionOf, type HeaderField } from './headings.ts';
import { labelledFactor } from './factors.ts';
import { alignValue, inlineText, MappedText } from './mapped-text.ts';
import { leadingTime, parseDay, parseZone } from './times.ts';

/** "SEV2", "sev-2", "2", "P2", "major" → SEV2; null when not a severity. SEV0 reads as SEV1. */
export function parseSeverity(text: string): Severity | null {
  const t = text.trim().toLowerCase();
  const n = /^(?:sev(?:erity)?|p|s)?[\s_-]*([0-4])\b/.exec(t)?.[1];
  if (n !== undefined) return SEVERITIES[Math.max(0, Number(n) - 1)]!;
  if (/^(critical|urgent|blocker)\b/.test(t)) return 'SEV1';
  if (/^(high|major)\b/.test(t)) return 'SEV2';
  if (/^(medium|moderate|normal)\b/.test(t)) return 'SEV3';
  if (/^(low|minor|trivial)\b/.test(t)) return 'SEV4';
  return null;
}

const TIME_FIELDS = ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const;
type TimeField = (typeof TIME_FIELDS)[number];
const LABEL = /^\s*([A-Za-z][A-Za-z0-9 ()/&'’_-]{0,40}?)\s*:\s+(?=\S)/;

/** Reads the header fields; times are read last, once the date and zone are known. */
export class HeaderReader {
  /** Title from the front matter, used when the document has no title heading. */
  frontMatterTitle: { text: MappedText; offset: number } | null = null;
  private readonly times: Partial<Record<TimeField, string>> = {};

  constructor(
    private readonly source: string,
    private readonly b: SnapshotBuilder,
  ) {}

  private field(field: HeaderField, value: string, mapped: MappedText | null, offset: number): void {
    const meta = this.b.snapshot.meta;
    const text = value.trim();
    switch (field) {
      case 'title':
        if (mapped && !this.frontMatterTitle) this.frontMatterTitle = { text: mapped, offset };
        break;
      case 'severity': {
        const sev = parseSeverity(text);
        if (sev) meta.severity = sev;
        else this.b.warn(`Severity "${text}" was not understood; SEV1–SEV4 are known.`);
        break;
      }
      case 'services':
        for (const s of text.split(',').map((v) => v.trim()).filter(Boolean)) if (!meta.services.includes(s)) meta.services.push(s);
        break;
      case 'date': {
        const day = parseDay(text);
        if (day && !this.b.time.date) this.b.time.date = day;
        break;
      }
      case 'timezone': {
        const zone = parseZone(text);
        if (zone) this.b.time.zone = zone;
        else this.b.warn(`Time zone "${text}" was not understood.`);
        break;
      }
      default:
        if (!this.times[field]) this.times[field] = text;
    }
  }

  /** The YAML block at the top of the file. */
  frontMatter(node: Yaml): void {
    const doc = parseDocument(node.value);
    if (doc.errors.length > 0 || !isMap(doc.contents)) {
      this.b.warn('The front matter is not a YAML mapping; it was not read.');
      return;
    }
    const start = node.position?.start.offset ?? 0;
    const yamlStart = this.source.indexOf('\n', start) + 1;
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const field = headerField(key);
      if (!field) continue;
      const value = pair.value;
      if (isSeq(value)) {
        const items = value.items.map((i) => (isScalar(i) ? String(i.value) : '')).filter(Boolean);
        this.field(field, items.join(', '), null, yamlStart);
      } else if (isScalar(value) && value.value !== null) {
        const text = value.value instanceof Date ? value.value.toISOString() : String(value.value);
        const [from, to] = value.range ?? [0, 0];
        const mapped = new MappedText(text, alignValue(text, this.source, yamlStart + from, yamlStart + to));
        this.field(field, text, mapped, yamlStart + from);
      }
    }
  }

  /** One "Label: value" group; false when the label names nothing we know. */
  private label(label: string, value: MappedText, offset: number): boolean {
    const field = headerField(label);
    if (field) {
      this.field(field, value.text, value, offset);
      return true;
    }
    const part = headingMeaning(label);
    if (part === null) return false;
    if (part === 'ignored' || part === 'timeline' || part === 'actions' || part === 'defenses') {
      this.b.skip(label);
      return true;
    }
    this.b.section(sectionOf(part), offset);
    if (part === 'factors') this.b.addFactor({ ...labelledFactor(value), offset });
    else this.b.addRootLines(part, [value]);
    return true;
  }

  /**
   * Lines of one block before the first section: label lines with their wrapped continuation,
   * or prose (read as the summary). Under a heading we skip, only header fields are read.
   */
  private lines(lines: readonly MappedText[], onlyFields: boolean): void {
    const known = (label: string) => headerField(label) !== null || (!onlyFields && headingMeaning(label) !== null);
    let open: { label: string; value: MappedText; offset: number } | null = null;
    let prose: MappedText[] = [];
    const flush = () => {
      if (open && !this.label(open.label, open.value, open.offset)) prose.unshift(MappedText.join([MappedText.synthetic(`${open.label}: `), open.value], ''));
      if (prose.length && !onlyFields) this.b.addRootLines('summary', [MappedText.join(prose, ' ')]);
      open = null;
      prose = [];
    };
    for (const line of lines) {
      const m = LABEL.exec(line.text);
      if (m && known(m[1]!)) {
        flush();
        open = { label: m[1]!, value: line.slice(m[0].length).trim(), offset: line.sourceOffset() };
      } else if (open) open.value = MappedText.join([open.value, line.trim()], ' ');
      else prose.push(line.trim());
    }
    flush();
  }

  /**
   * A key/value table (`| Field | Value |`, or rows of "Severity | SEV2" under any header): each
   * row whose first cell names a header field or a part is read as that label's value; the other
   * rows are listed as unmapped. A table with no such row is not read, and said so.
   */
  private table(table: Table, onlyFields: boolean): void {
    const rows = table.children.map((row) => rowCells(row, this.source));
    const known = (label: string) => headerField(label) !== null || (!onlyFields && headingMeaning(label) !== null);
    const [head, ...body] = rows;
    // The header row is a row of its own when it already names a field ("| Severity | SEV2 |").
    const first = head && known(head[0]?.text ?? '') ? 0 : 1;
    const labelled = first === 0 ? rows : body;
    if (!labelled.some((cells) => known(cells[0]?.text ?? ''))) {
      if (!onlyFields) this.b.warn(`A table before the first section (columns ${(head ?? []).map((c) => `"${c.text.trim()}"`).join(', ')}) was not read.`);
      return;
    }
    labelled.forEach((cells, i) => {
      const label = (cells[0]?.text ?? '').trim().replace(/:$/, '');
      const value = MappedText.join(cells.slice(1).map((c) => c.trim()).filter((c) => c.length > 0), ' — ');
      if (label === '' || value.length === 0) return;
      const read = known(label) && this.label(label, value, nodeOffset(table.children[first + i]!));
      if (!read && !onlyFields) this.b.skip(label);
    });
  }

  /** Blocks between the title and the first section, or under a heading we skip (`onlyFields`). */
  preamble(nodes: readonly RootContent[], onlyFields: boolean): void {
    for (const node of nodes) {
      if (node.type === 'paragraph') this.lines(inlineText(node.children, this.source).lines(), onlyFields);
      else if (node.type === 'list') for (const item of node.children) this.lines([itemParts(item, this.source).head], onlyFields);
      else if (node.type === 'blockquote') this.preamble(node.children, onlyFields);
      else if (node.type === 'table') this.table(node, onlyFields);
    }
  }

  /** Reads the header times, now that the date and zone of the document are known. */
  finish(): void {
    const started = this.times.startedAt;
    if (!this.b.time.date && started) this.b.time.date = parseDay(started) ?? '';
    for (const field of TIME_FIELDS) {
      const text = this.times[field];
      if (!text) continue;
      // The time at the start of the value: "2026-11-02 13:58 UTC (first errors)" reads too.
      const lead = leadingTime(text, this.b.time);
      if (lead?.iso) this.b.snapshot.meta[field] = lead.iso;
      else this.b.warn(`Header time "${text}" was not understood.`);
      if (lead?.assumedUtc) this.b.assumedUtc = true;
    }
    if (!this.b.time.date && this.b.snapshot.meta.startedAt) this.b.time.date = this.b.snapshot.meta.startedAt.slice(0, 10);
  }
}

