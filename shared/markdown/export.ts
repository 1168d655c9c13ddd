/**
 * Writes a postmortem in the template's Markdown layout (CONTRACT.md "Markdown layout"): the
 * title, the eight sections in order, the timeline and action tables. The extra parts go where
 * the contract allows them: a front-matter block for the header fields, `### Defenses` under the
 * control gap, `### Trigger` and `### System gap` after the contributing factors, and Kind and
 * Factors columns after the action table's four. parse.ts reads the result back into the same
 * snapshot, so export → import → export gives the same bytes.
 *
 * Not written: ids and created/closed stamps, the status (an import starts as a draft) and the
 * approved near-miss notes, which the layout has no place for (the JSON export holds them all).
 */
import { Document, isSeq } from 'yaml';
import { SECTIONS, type ActionStatus, type DefenseFailure, type SectionId } from '../schema/sections.ts';
import type { ActionItem, PostmortemSnapshot } from '../schema/snapshot.ts';
import { PLACEHOLDER } from './actions.ts';
import { cellText, escapeBlockStart, escapeHeading, itemText, textLines } from './escape.ts';
import { labelledFactor } from './factors.ts';
import { MappedText } from './mapped-text.ts';
import { parseDay } from './times.ts';

/** The title written when a postmortem has none (the reader needs one). */
export const UNTITLED = 'Untitled postmortem';

const STATUS_WORDS: Record<ActionStatus, string> = { open: 'open', 'in-progress': 'in progress', done: 'done', 'wont-do': "won't do" };
const FAILURE_WORDS: Record<DefenseFailure, string> = { active: 'active failure', latent: 'latent condition' };

const TIMELINE_COLUMNS = ['Time', 'What happened', 'What was known'];
const ACTION_COLUMNS = ['Action', 'Owner', 'Due', 'Status', 'Kind', 'Factors'];
const DEFENSE_COLUMNS = ['Defense', 'State', 'Failure'];

/** "2026-11-02 14:05 UTC" (seconds only when there are some); text that is not a time stays as written. */
export function formatUtcTime(iso: string): string {
  const epoch = Date.parse(iso);
  if (!iso || Number.isNaN(epoch)) return iso;
  const t = new Date(epoch).toISOString();
  const seconds = t.slice(17, 19) === '00' ? '' : t.slice(16, 19);
  return `${t.slice(0, 10)} ${t.slice(11, 16)}${seconds} UTC`;
}

function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const rule = `|${columns.map((c) => '-'.repeat(c.length + 2)).join('|')}|`;
  return [tableLine(columns), rule, ...rows.map(tableLine)].join('\n');
}

/** Paragraphs of a rich-text part, one per line (the reader drops empty ones). */
function paragraphs(text: string): string[] {
  return textLines(text, true).map(escapeBlockStart);
}

/** Services as the reader will split them: trimmed, without commas, empties or repeats. */
function services(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of list.flatMap((v) => v.split(',')).map((v) => v.trim())) if (s && !out.includes(s)) out.push(s);
  return out;
}

function frontMatter(meta: PostmortemSnapshot['meta']): string {
  const fields: Record<string, unknown> = { severity: meta.severity };
  const list = services(meta.services);
  if (list.length > 0) fields.services = list;
  const times = { started: meta.startedAt, detected: meta.detectedAt, mitigated: meta.mitigatedAt, resolved: meta.resolvedAt };
  for (const [key, iso] of Object.entries(times)) if (iso) fields[key] = formatUtcTime(iso);
  const doc = new Document(fields);
  const seq = doc.get('services', true);
  if (isSeq(seq)) seq.flow = true;
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---`;
}

/** A factor's list item: its category as a label, except "other", which is written bare unless the text would read as a label. */
function factorItem(category: string, body: string): string {
  const text = itemText(body);
  const line = textLines(body).join('\n');
  const bare = labelledFactor(MappedText.synthetic(line));
  if (category === 'other' && bare.category === 'other' && bare.body.text === line) return `- ${text}`;
  return `- ${category.charAt(0).toUpperCase()}${category.slice(1)}: ${text}`;
}

/** The due date as the reader will read it back: placeholders empty, dates as YYYY-MM-DD. */
function dueText(due: string): string {
  const t = due.trim().replace(/^by\s+/i, '');
  if (PLACEHOLDER.test(t)) return '';
  return parseDay(t) ?? t;
}

function actionRow(action: ActionItem, factorNumbers: ReadonlyMap<string, number>): string[] {
  const numbers = [...new Set(action.factorIds.map((id) => factorNumbers.get(id)).filter((n) => n !== undefined))].sort((a, b) => a - b);
  const owner = PLACEHOLDER.test(action.owner.trim()) ? '' : action.owner;
  return [
    cellText(action.action),
    cellText(owner),
    cellText(dueText(action.due)),
    STATUS_WORDS[action.status] ?? 'open',
    action.kind,
    numbers.map((n) => `F${n}`).join(', '),
  ];
}

function section(id: SectionId, blocks: readonly string[]): string {
  const title = SECTIONS.find((s) => s.id === id)!.title;
  return [`## ${title}`, blocks.join('\n\n')].filter(Boolean).join('\n');
}

function subPart(title: string, blocks: readonly string[]): string[] {
  return blocks.length > 0 ? [`### ${title}\n${blocks.join('\n\n')}`] : [];
}

/** The postmortem in the template's Markdown layout, ending with one newline. */
export function exportPostmortemMarkdown(snapshot: PostmortemSnapshot): string {
  const { meta, text } = snapshot;
  const title = meta.title.replace(/\s+/g, ' ').trim() || UNTITLED;
  // The reader skips factors without text, so they get no number either.
  const factors = snapshot.factors.filter((f) => textLines(f.body).length > 0);
  const factorNumbers = new Map(factors.map((f, i) => [f.id, i + 1]));
  const defenses = snapshot.defenses.map((d) => [cellText(d.name), d.state, FAILURE_WORDS[d.failure] ?? 'latent condition']);

  const parts = [
    `${frontMatter(meta)}\n# Postmortem: ${escapeHeading(title)}`,
    section('summary', paragraphs(text.summary)),
    section('timeline', [
      table(
        TIMELINE_COLUMNS,
        snapshot.timeline.map((e) => [cellText(formatUtcTime(e.at)), cellText(e.body), cellText(e.known)]),
      ),
    ]),
    section('impact', paragraphs(text.impact)),
    section('detection', paragraphs(text.detection)),
    section('control', [...paragraphs(text.control), ...subPart('Defenses', defenses.length > 0 ? [table(DEFENSE_COLUMNS, defenses)] : [])]),
    section('factors', [
      ...(factors.length > 0 ? [factors.map((f) => factorItem(f.category, f.body)).join('\n')] : []),
      ...subPart('Trigger', paragraphs(text.trigger)),
      ...subPart('System gap', paragraphs(text.systemGap)),
    ]),
    section('actions', [table(ACTION_COLUMNS, snapshot.actions.map((a) => actionRow(a, factorNumbers)))]),
    section('prevention', paragraphs(text.prevention)),
  ];
  return `${parts.join('\n\n')}\n`;
}
