/**
 * Writes a postmortem in the template's Markdown layout (CONTRACT.md "Markdown layout"): the
 * title, the eight sections in order, the timeline and action tables. The extra parts go where
 * the contract allows them: a front-matter block for the header fields, `### Defenses` under the
 * control gap, a `### <Category>` sub-heading over each run of factors of one category (the items
 * stay the factors as written), `### Trigger` and `### System gap` after the contributing factors,
 * and Kind and Factors columns after the action table's four, then Layer and Defenses columns
 * when an action item has a chosen layer or linked defenses. Hard breaks are CommonMark hard line
 * breaks. parse.ts reads the result back into the same snapshot, so export → import → export
 * gives the same bytes.
 *
 * Not written: ids and created/closed stamps, the status (an import starts as a draft) and the
 * approved near-miss notes, which the layout has no place for (the JSON export holds them all).
 */
import { Document, isSeq } from 'yaml';
import { SECTIONS, type ActionStatus, type DefenseFailure, type FactorCategory, type SectionId } from '../schema/sections.ts';
import type { ActionItem, Factor, PostmortemSnapshot } from '../schema/snapshot.ts';
import { LAYER_WORDS, PLACEHOLDER } from './actions.ts';
import { cellText, escapeHeading, itemText, paragraphText, textLines } from './escape.ts';
import { CATEGORY_TITLES, labelledFactor } from './factors.ts';
import { MappedText } from './mapped-text.ts';
import { parseDay } from './times.ts';

/** The title written when a postmortem has none (the reader needs one). */
export const UNTITLED = 'Untitled postmortem';

const STATUS_WORDS: Record<ActionStatus, string> = { open: 'open', 'in-progress': 'in progress', done: 'done', 'wont-do': "won't do" };
const FAILURE_WORDS: Record<DefenseFailure, string> = { active: 'active failure', latent: 'latent condition' };

const TIMELINE_COLUMNS = ['Time', 'What happened', 'What was known'];
const ACTION_COLUMNS = ['Action', 'Owner', 'Due', 'Status', 'Kind', 'Factors'];
const LAYER_COLUMN = 'Layer';
const DEFENSES_COLUMN = 'Defenses';
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
  return textLines(text, true).map(paragraphText);
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

/** True when a factor written as a bare list item would read back as labelled ("Tooling: ..."). */
function readsAsLabelled(body: string): boolean {
  const line = textLines(body).join('\n');
  const bare = labelledFactor(MappedText.synthetic(line));
  return bare.category !== 'other' || bare.body.text !== line;
}

/**
 * The factors as list items under a `### <Category>` sub-heading per run of one category, in
 * their order. Uncategorised factors at the start stay a bare list, as in the plain template,
 * unless one of them would read back as labelled.
 */
function factorBlocks(factors: readonly Factor[]): string[] {
  const runs: { category: FactorCategory; items: string[]; bare: boolean }[] = [];
  for (const f of factors) {
    const last = runs.at(-1);
    const item = `- ${itemText(f.body)}`;
    if (last?.category === f.category) {
      last.items.push(item);
      last.bare &&= !readsAsLabelled(f.body);
    } else runs.push({ category: f.category, items: [item], bare: runs.length === 0 && f.category === 'other' && !readsAsLabelled(f.body) });
  }
  return runs.map((r) => (r.bare ? '' : `### ${CATEGORY_TITLES[r.category]}\n`) + r.items.join('\n'));
}

/** The due date as the reader will read it back: placeholders empty, dates as YYYY-MM-DD. */
function dueText(due: string): string {
  const t = due.trim().replace(/^by\s+/i, '');
  if (PLACEHOLDER.test(t)) return '';
  return parseDay(t) ?? t;
}

/** "F1, F3": the numbers of the linked rows that are written, in order. */
function references(prefix: string, ids: readonly string[], numbers: ReadonlyMap<string, number>): string {
  const found = [...new Set(ids.map((id) => numbers.get(id)).filter((n) => n !== undefined))].sort((a, b) => a - b);
  return found.map((n) => `${prefix}${n}`).join(', ');
}

interface ActionColumns {
  readonly factorNumbers: ReadonlyMap<string, number>;
  readonly defenseNumbers: ReadonlyMap<string, number>;
  readonly layer: boolean;
  readonly defenses: boolean;
}

function actionRow(action: ActionItem, columns: ActionColumns): string[] {
  const owner = PLACEHOLDER.test(action.owner.trim()) ? '' : action.owner;
  return [
    cellText(action.action),
    cellText(owner),
    cellText(dueText(action.due)),
    STATUS_WORDS[action.status] ?? 'open',
    action.kind,
    references('F', action.factorIds, columns.factorNumbers),
    ...(columns.layer ? [action.layer ? LAYER_WORDS[action.layer] : ''] : []),
    ...(columns.defenses ? [references('D', action.defenseIds ?? [], columns.defenseNumbers)] : []),
  ];
}

/** The action table; Layer and Defenses columns only when some item has a value for them, so older exports keep their bytes. */
function actionTable(snapshot: PostmortemSnapshot, factorNumbers: ReadonlyMap<string, number>): string {
  const defenseNumbers = new Map(snapshot.defenses.map((d, i) => [d.id, i + 1]));
  const columns: ActionColumns = {
    factorNumbers,
    defenseNumbers,
    layer: snapshot.actions.some((a) => a.layer),
    defenses: snapshot.actions.some((a) => references('D', a.defenseIds ?? [], defenseNumbers) !== ''),
  };
  const names = [...ACTION_COLUMNS, ...(columns.layer ? [LAYER_COLUMN] : []), ...(columns.defenses ? [DEFENSES_COLUMN] : [])];
  return table(names, snapshot.actions.map((a) => actionRow(a, columns)));
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
      ...factorBlocks(factors),
      ...subPart('Trigger', paragraphs(text.trigger)),
      ...subPart('System gap', paragraphs(text.systemGap)),
    ]),
    section('actions', [actionTable(snapshot, factorNumbers)]),
    section('prevention', paragraphs(text.prevention)),
  ];
  return `${parts.join('\n\n')}\n`;
}
