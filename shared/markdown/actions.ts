/**
 * Action items, as the template's table (`| Action | Owner | Due | Status |`, plus optional
 * Kind / Factors / Layer / Defenses columns; Bug, Link, Priority and the like are not read, with a
 * warning when they hold something) or as list items: "- [ ] Add alert (owner: @sre, due
 * 2026-12-01)", "- [x] [automation] Canary config — Owner: Deploy tooling — Due: Dec 15, 2026",
 * "- [x] Fix it (Identity team, 2026-03-15)".
 */
import type { ListItem, RootContent, Table } from 'mdast';
import { ACTION_KINDS, ACTION_LAYERS, type ActionKind, type ActionLayer, type ActionStatus } from '../schema/sections.ts';
import { itemParts, matchColumns, nodeOffset, rowCells } from './blocks.ts';
import type { SnapshotBuilder } from './builder.ts';
import { codeText, lineOf, MappedText } from './mapped-text.ts';
import { parseDay, parseWholeDay } from './times.ts';

const KEY = '(?:owners?|assignee|assigned to|dri|due(?: date)?|deadline|eta|status|kind|type|factors?)';
const META_STARTS = [
  new RegExp(`\\s*[([]\\s*${KEY}\\b`, 'i'),
  new RegExp(`\\s+(?:[—–|;,]|-{1,2})\\s*${KEY}\\b`, 'i'),
  new RegExp(`\\s+${KEY}\\s*:`, 'i'),
];
const PAIR = new RegExp(`\\b(${KEY})\\b\\s*[:=]?\\s*([^,;|()[\\]—–]*)`, 'gi');
const TRAILING_HANDLE = /\s+(?:[—–|-]\s*)?(@[\w.-]+)\s*$/;
/** Cell values that mean "nobody" or "no date": read as empty. */
export const PLACEHOLDER = /^(?:-+|—|–|\?+|tbd|tba|n\/?a|none|unassigned|unknown|)$/i;

/** done / closed / complete / fixed → done; in progress / wip / ongoing → in-progress; won't do / wontfix / cancelled → wont-do; else open. */
export function actionStatus(text: string): ActionStatus {
  const t = text.toLowerCase().replace(/[’`]/g, "'").trim();
  if (/^(?:\[x\]|✅|✔️?|☑️?)$/.test(t) || /\b(done|closed|complete|completed|fixed|resolved|finished|shipped|merged)\b/.test(t)) return 'done';
  if (/won'?t (?:do|fix)|wontfix|wont-do|\b(?:cancell?ed|dropped|rejected|obsolete|declined)\b/.test(t)) return 'wont-do';
  if (/\b(?:in[ -]?progress|wip|ongoing|started|doing|in review|underway)\b/.test(t)) return 'in-progress';
  return 'open';
}

const STATUS_WORD = /\b(?:done|closed|complete|completed|fixed|won'?t do|wontfix|cancell?ed|in progress|wip|ongoing)\b/i;

/** A status word somewhere in free text ("n/a DONE"); open when there is none. */
function statusIn(text: string): ActionStatus {
  return STATUS_WORD.test(text) ? actionStatus(text) : 'open';
}

/** How the export writes each layer in the Layer column. */
export const LAYER_WORDS: Record<ActionLayer, string> = {
  trigger: 'trigger',
  factors: 'contributing factors',
  control: 'control failure',
  systemGap: 'system gap',
};

/** "system gap", "Contributing factors", "control gap", "systemGap" → the layer; undefined when empty. */
function actionLayer(text: string, b: SnapshotBuilder): ActionLayer | undefined {
  const t = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (PLACEHOLDER.test(t)) return undefined;
  const known = ACTION_LAYERS.find((l) => l.toLowerCase() === t.replace(/ /g, ''));
  if (known) return known;
  if (t.startsWith('trigger')) return 'trigger';
  if (/^system|latent/.test(t)) return 'systemGap';
  if (/control|defen[cs]e|guardrail/.test(t)) return 'control';
  if (/factor|cause/.test(t)) return 'factors';
  b.warn(`Action layer "${text.trim()}" is not one of ${Object.values(LAYER_WORDS).join(', ')}; it was left empty.`);
  return undefined;
}

/** "D1, D3", "D1 D3", "Change review; Canary analysis" → one reference each. */
function defenseRefs(text: string): string[] {
  return text
    .split(/[,;&]|\band\b/)
    .flatMap((part) => (/^\s*(?:d\s*\d+\s*)+$/i.test(part) ? part.match(/d\s*\d+/gi)! : [part]))
    .map((s) => s.trim())
    .filter(Boolean);
}

function actionKind(text: string, b: SnapshotBuilder): ActionKind | '' {
  const t = text.trim().toLowerCase();
  if ((ACTION_KINDS as readonly string[]).includes(t)) return t as ActionKind;
  if (t && !PLACEHOLDER.test(t)) b.warn(`Action kind "${text.trim()}" is not one of ${ACTION_KINDS.join(', ')}; it was left empty.`);
  return '';
}

function dueDate(text: string, b: SnapshotBuilder): string {
  const t = text.trim().replace(/^by\s+/i, '');
  if (PLACEHOLDER.test(t)) return '';
  const day = parseDay(t);
  if (!day) b.warn(`Due date "${t}" was not understood; it was kept as written.`);
  return day ?? t;
}

function placeholderless(text: MappedText): MappedText {
  return PLACEHOLDER.test(text.text.trim()) ? MappedText.EMPTY : text.trim();
}

interface ReadAction {
  action: MappedText;
  owner: MappedText;
  kind: ActionKind | '';
  due: string;
  status: ActionStatus | null;
  factorRefs: string[];
}

/** The parts of a text between semicolons, or else commas ("Mar 15, 2026" kept whole), each trimmed. */
function listParts(text: MappedText): MappedText[] {
  const separator = text.text.includes(';') ? /;/g : /,(?!\s*\d{4}(?![-/\d]))/g;
  const parts: MappedText[] = [];
  let from = 0;
  for (const m of text.text.matchAll(separator)) {
    parts.push(text.slice(from, m.index).trim());
    from = m.index + 1;
  }
  parts.push(text.slice(from).trim());
  return parts;
}

/**
 * Trailing parentheses that hold only an owner, a due date and a status, without keys:
 * "(Identity team, 2026-03-15)", "(@sre)", "(2026-03-15, done)". Null for other parentheses
 * ("(EU only)"): a date or a handle must be there, and at most one part that may name the owner.
 */
function bareMeta(text: MappedText): { rest: MappedText; owner: MappedText; due: string; status: ActionStatus | null } | null {
  const m = /\s*\(([^()]*)\)\s*$/.exec(text.text);
  if (!m) return null;
  const open = m.index + m[0].indexOf('(') + 1;
  let owner = MappedText.EMPTY;
  let due = '';
  let status: ActionStatus | null = null;
  let handle = false;
  for (const part of listParts(text.slice(open, open + m[1]!.length))) {
    if (part.length === 0) continue;
    const day = parseWholeDay(part.text.replace(/^(?:due|by)\s+/i, ''));
    if (day && !due) due = day;
    else if (status === null && /^(?:open|todo|to do|done|closed|fixed|in progress|wip|won'?t do|wontfix|cancell?ed)$/i.test(part.text)) status = actionStatus(part.text);
    else if (owner.length === 0 && !/\d/.test(part.text) && part.text.split(/\s+/).length <= 5) {
      owner = part;
      handle = /^@[\w.-]+$/.test(part.text);
    } else return null;
  }
  if (!due && !handle) return null;
  return { rest: text.slice(0, m.index), owner, due, status };
}

/** Splits a list item's text into the action and its metadata. */
function actionFromText(input: MappedText, b: SnapshotBuilder): ReadAction {
  const out: ReadAction = { action: input, owner: MappedText.EMPTY, kind: '', due: '', status: null, factorRefs: [] };
  let text = input.trim();
  const tag = /^\[(control|default|automation|interface)\]\s*/i.exec(text.text);
  if (tag) {
    out.kind = tag[1]!.toLowerCase() as ActionKind;
    text = text.slice(tag[0].length);
  }
  // GitLab style: "https://gitlab.example/issues/12 - Add alert".
  const url = /^https?:\/\/\S+\s*(?:[—–:|-]\s*)?(?=\S)/.exec(text.text);
  if (url) text = text.slice(url[0].length);
  const handle = TRAILING_HANDLE.exec(text.text);
  if (handle) {
    const at = handle.index + handle[0].indexOf('@');
    out.owner = text.slice(at, at + handle[1]!.length);
    text = text.slice(0, handle.index);
  }
  const starts = META_STARTS.map((re) => re.exec(text.text)?.index ?? -1).filter((i) => i >= 0);
  const metaStart = starts.length ? Math.min(...starts) : -1;
  if (metaStart >= 0) {
    const meta = text.slice(metaStart);
    text = text.slice(0, metaStart);
    for (const m of meta.text.matchAll(PAIR)) {
      const key = m[1]!.toLowerCase();
      const valueStart = m.index + m[0].length - m[2]!.length;
      const value = meta.slice(valueStart, m.index + m[0].length);
      if (/^(owners?|assignee|assigned to|dri)$/.test(key)) out.owner = placeholderless(value);
      else if (/^(due|deadline|eta)/.test(key)) out.due = dueDate(meta.text.slice(valueStart).split(/[;|()[\]—–]/)[0]!, b);
      else if (key === 'status') out.status = actionStatus(value.text);
      else if (key === 'kind' || key === 'type') out.kind = actionKind(value.text, b);
      else out.factorRefs = meta.text.slice(valueStart).split(/[;|()[\]—–]/)[0]!.split(/,|\band\b|&/).map((s) => s.trim()).filter(Boolean);
    }
  } else {
    const bare = bareMeta(text);
    if (bare) {
      text = bare.rest;
      if (bare.owner.length > 0) out.owner = bare.owner;
      if (bare.due) out.due = bare.due;
      if (bare.status) out.status = bare.status;
    }
  }
  out.action = text.trim().stripStart(/^[\s—–:|-]+/).stripEnd(/[\s—–:;,|-]+$/);
  return out;
}

/** ' ("first line of the text")', cut at 40 characters; '' for no text. */
function excerpt(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line ? ` ("${line.length > 40 ? `${line.slice(0, 40)}…` : line}")` : '';
}

/** A block the action reader has no place for, as the warning names it: 'a code block ("npm run deploy")'; null when nothing is lost. */
function dropped(node: RootContent, source: string): string | null {
  switch (node.type) {
    case 'code':
      return `a code block${excerpt(codeText(node, source).text)}`;
    case 'html':
      // Template comments ("<!-- one row per item -->") hold nothing to keep.
      return /^<!--[^]*-->$/.test(node.value.trim()) ? null : `an HTML block${excerpt(node.value)}`;
    case 'paragraph':
      return `a paragraph${excerpt(lineOf(node.children, source).text)}`;
    case 'footnoteDefinition':
      return 'a footnote';
    default:
      // Headings (sub-groups of items), thematic breaks, link definitions: nothing of an item is lost.
      return null;
  }
}

function warnDropped(node: RootContent, source: string, b: SnapshotBuilder, where = ''): void {
  const what = dropped(node, source);
  if (what) b.warn(`Action items: ${what}${where} was not read.`);
}

function listAction(item: ListItem, source: string, b: SnapshotBuilder): void {
  const { head, rest, nested } = itemParts(item, source);
  // Nested "Owner: ..." / "Due: ..." items describe their parent; other nested items are actions.
  const metaLines: MappedText[] = [];
  const subItems: ListItem[] = [];
  for (const child of nested.flatMap((l) => l.children)) {
    const line = itemParts(child, source).head;
    if (new RegExp(`^\\s*${KEY}\\s*:`, 'i').test(line.text)) metaLines.push(line);
    else subItems.push(child);
  }
  const read = actionFromText(MappedText.join([head, ...metaLines], ' — '), b);
  const checked = item.checked === true ? 'done' : 'open';
  b.addAction({ ...read, status: read.status ?? checked, offset: nodeOffset(item) });
  for (const block of rest) warnDropped(block, source, b, ` under the item "${read.action.text}"`);
  for (const sub of subItems) listAction(sub, source, b);
}

/** Cell text of a column we do not read that is more than a placeholder (or, when `statusRead`, a status word). */
function lostText(text: string, statusRead: boolean): boolean {
  const rest = statusRead ? text.replace(new RegExp(STATUS_WORD.source, 'gi'), ' ').replace(/\b(?:todo|to do|open)\b/gi, ' ') : text;
  return !PLACEHOLDER.test(rest.trim());
}

function tableActions(table: Table, source: string, b: SnapshotBuilder): void {
  const names = table.children[0] ? rowCells(table.children[0], source).map((c) => c.text.trim()) : [];
  const header = names.map((n) => n.toLowerCase());
  const cols = matchColumns(header, [
    ['owner', /owner|assignee|who|responsible|dri|assigned/],
    ['due', /due|deadline|target|eta|^by$|^when$|^date$/],
    ['status', /status|state|done|progress/],
    ['kind', /kind|type|category/],
    ['factors', /factor|addresses|cause/],
    ['layer', /layer/],
    ['defenses', /defen[cs]e|barrier/],
    ['action', /action|item|task|description|what|follow|remediation|todo|change|fix/],
  ] as const);
  const actionCol = cols.action >= 0 ? cols.action : header.findIndex((_, i) => !Object.values(cols).includes(i));
  // Columns we do not read (Bug, Link, ...) may still carry a status word, as in "Bug 123 **DONE**".
  const extra = header.map((_, i) => i).filter((i) => i !== actionCol && !Object.values(cols).includes(i));
  // With a column for each of owner, due, status and kind (the exported layout), nothing is left
  // for the action cell to carry: it is the action as written, "(owner ...)" or "@team" included.
  const whole = cols.owner >= 0 && cols.due >= 0 && cols.status >= 0 && cols.kind >= 0;
  const lost = new Set<number>();
  for (const row of table.children.slice(1)) {
    const cells = rowCells(row, source);
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? MappedText.EMPTY) : MappedText.EMPTY);
    const action = cell(actionCol);
    const read: ReadAction = whole
      ? { action: action.trim(), owner: MappedText.EMPTY, kind: '', due: '', status: null, factorRefs: [] }
      : actionFromText(action, b);
    const ownerCell = placeholderless(cell(cols.owner));
    b.addAction({
      action: read.action,
      owner: ownerCell.length ? ownerCell : read.owner,
      kind: cols.kind >= 0 ? actionKind(cell(cols.kind).text, b) : read.kind,
      due: cols.due >= 0 ? dueDate(cell(cols.due).text, b) : read.due,
      status: cols.status >= 0 ? actionStatus(cell(cols.status).text) : (read.status ?? statusIn(extra.map((i) => cell(i).text).join(' '))),
      factorRefs: cols.factors >= 0 ? cell(cols.factors).text.split(/,|\band\b|&|\s+/).filter((s) => s.trim()) : read.factorRefs,
      layer: cols.layer >= 0 ? actionLayer(cell(cols.layer).text, b) : undefined,
      defenseRefs: cols.defenses >= 0 ? defenseRefs(cell(cols.defenses).text) : [],
      offset: nodeOffset(row),
    });
    for (const i of extra) if (lostText(cell(i).text, cols.status < 0)) lost.add(i);
  }
  // A numbering column ("#", "No.") holds nothing to keep.
  for (const i of [...lost].sort((x, y) => x - y)) {
    if (!/^(?:#|no\.?|nr\.?|number)$/i.test(names[i] ?? '')) b.warn(`Action items column "${names[i] || i + 1}" was not read.`);
  }
}

/** Reads an action-items section's blocks into the builder. */
export function readActions(nodes: readonly RootContent[], source: string, b: SnapshotBuilder): void {
  nodes.forEach((node, i) => {
    if (node.type === 'table') tableActions(node, source, b);
    else if (node.type === 'list') for (const item of node.children) listAction(item, source, b);
    else if (node.type === 'blockquote') readActions(node.children, source, b);
    else if (node.type === 'paragraph') {
      const line = lineOf(node.children, source);
      if (line.text.endsWith(':') && (nodes[i + 1]?.type === 'list' || nodes[i + 1]?.type === 'table')) return;
      const read = actionFromText(line, b);
      b.addAction({ ...read, status: read.status ?? 'open', offset: nodeOffset(node) });
    } else warnDropped(node, source, b);
  });
}
