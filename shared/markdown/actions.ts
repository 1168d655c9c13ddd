/**
 * Action items, as the template's table (`| Action | Owner | Due | Status |`, plus optional
 * Kind / Factors columns; Bug, Link, Priority and the like are ignored) or as list items:
 * "- [ ] Add alert (owner: @sre, due 2026-12-01)", "- [x] [automation] Canary config — Owner:
 * Deploy tooling — Due: Dec 15, 2026".
 */
import type { ListItem, RootContent, Table } from 'mdast';
import { ACTION_KINDS, type ActionKind, type ActionStatus } from '../schema/sections.ts';
import { itemParts, matchColumns, nodeOffset, rowCells, tableHeader } from './blocks.ts';
import type { SnapshotBuilder } from './builder.ts';
import { lineOf, MappedText } from './mapped-text.ts';
import { parseDay } from './times.ts';

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

/** A status word somewhere in free text ("n/a DONE"); open when there is none. */
function statusIn(text: string): ActionStatus {
  return /\b(?:done|closed|complete|completed|fixed|won'?t do|wontfix|cancell?ed|in progress|wip|ongoing)\b/i.test(text) ? actionStatus(text) : 'open';
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
  }
  out.action = text.trim().stripStart(/^[\s—–:|-]+/).stripEnd(/[\s—–:;,|-]+$/);
  return out;
}

function listAction(item: ListItem, source: string, b: SnapshotBuilder): void {
  const { head, nested } = itemParts(item, source);
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
  for (const sub of subItems) listAction(sub, source, b);
}

function tableActions(table: Table, source: string, b: SnapshotBuilder): void {
  const header = tableHeader(table, source);
  const cols = matchColumns(header, [
    ['owner', /owner|assignee|who|responsible|dri|assigned/],
    ['due', /due|deadline|target|eta|^by$|^when$|^date$/],
    ['status', /status|state|done|progress/],
    ['kind', /kind|type|category/],
    ['factors', /factor|addresses|cause/],
    ['action', /action|item|task|description|what|follow|remediation|todo|change|fix/],
  ] as const);
  const actionCol = cols.action >= 0 ? cols.action : header.findIndex((_, i) => !Object.values(cols).includes(i));
  // Columns we do not read (Bug, Link, ...) may still carry a status word, as in "Bug 123 **DONE**".
  const extra = header.map((_, i) => i).filter((i) => i !== actionCol && !Object.values(cols).includes(i));
  // With a column for each of owner, due, status and kind (the exported layout), nothing is left
  // for the action cell to carry: it is the action as written, "(owner ...)" or "@team" included.
  const whole = cols.owner >= 0 && cols.due >= 0 && cols.status >= 0 && cols.kind >= 0;
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
      offset: nodeOffset(row),
    });
  }
}

/** Reads an action-items section's blocks into the builder. */
export function readActions(nodes: readonly RootContent[], source: string, b: SnapshotBuilder): void {
  nodes.forEach((node, i) => {
    if (node.type === 'table') tableActions(node, source, b);
    else if (node.type === 'list') for (const item of node.children) listAction(item, source, b);
    else if (node.type === 'paragraph') {
      const line = lineOf(node.children, source);
      if (line.text.endsWith(':') && (nodes[i + 1]?.type === 'list' || nodes[i + 1]?.type === 'table')) return;
      const read = actionFromText(line, b);
      b.addAction({ ...read, status: read.status ?? 'open', offset: nodeOffset(node) });
    }
  });
}
