/**
 * DOM-free helpers over the shared Y.Doc: seeding a new postmortem, adding and removing
 * structured rows, and reading the whole document as plain data. Used by the server, the app
 * and the tests, so that every writer builds the same shapes.
 */
import * as Y from 'yjs';
import { RICH_TEXT_ROOTS, ROOTS, SCHEMA_VERSION, type RichTextRoot } from './roots.ts';
import type {
  ActionKind,
  ActionLayer,
  ActionStatus,
  DefenseFailure,
  DefenseState,
  FactorCategory,
  PostmortemStatus,
  SectionStatus,
  Severity,
} from './sections.ts';

export type YRow = Y.Map<unknown>;

/** Short random id for rows; unique enough within one document. */
export function newRowId(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}

/** The typed root accessors of a postmortem document. */
export function roots(doc: Y.Doc) {
  return {
    meta: doc.getMap<unknown>(ROOTS.meta),
    moderation: doc.getMap<unknown>(ROOTS.moderation),
    timeline: doc.getArray<YRow>(ROOTS.timeline),
    factors: doc.getArray<YRow>(ROOTS.factors),
    defenses: doc.getArray<YRow>(ROOTS.defenses),
    actions: doc.getArray<YRow>(ROOTS.actions),
    nearMisses: doc.getArray<YRow>(ROOTS.nearMisses),
    richText: (name: RichTextRoot) => doc.getXmlFragment(name),
  };
}

/** A paragraph holding one line of plain text, each HARD_BREAK in it a hardBreak node (as fragmentText reads it). */
function paragraphOf(line: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const content: (Y.XmlText | Y.XmlElement)[] = [];
  line.split(HARD_BREAK).forEach((part, i) => {
    if (i > 0) content.push(new Y.XmlElement('hardBreak'));
    if (part) content.push(new Y.XmlText(part));
  });
  if (content.length > 0) p.insert(0, content);
  return p;
}

/** One paragraph per line of `text` (an empty paragraph when blank). */
function paragraphs(text: string): Y.XmlElement[] {
  return (text === '' ? [''] : text.split('\n')).map(paragraphOf);
}

/** Fills a fragment with one paragraph per line of `text` (an empty paragraph when blank). */
export function fillFragment(fragment: Y.XmlFragment, text = ''): void {
  fragment.insert(fragment.length, paragraphs(text));
}

/** Blocks that hold text directly (ProseMirror textblocks); every other element is a container or inline. */
const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/**
 * A hard line break (Shift+Enter, the `hardBreak` node) in plain text: U+2028 LINE SEPARATOR, one
 * unit like the node, white space to the checks, and told apart from the '\n' between textblocks so
 * the Markdown export can write it as a hard break again.
 */
export const HARD_BREAK = '\u2028';

function inlineText(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    // The delta, not toString(): toString() renders marks as tags, which would mix with typed "<" text.
    return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node.nodeName === 'hardBreak') return HARD_BREAK;
  // Only elements and text are ProseMirror content; anything else a crafted update put there is skipped.
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? inlineText(child) : ''))
    .join('');
}

/**
 * Plain text of a rich-text fragment: the text of every textblock in document order, joined by
 * '\n' (trailing empty lines dropped), a hard break inside one as HARD_BREAK. Offsets into it map
 * onto the editor's textblocks one to one, which is how the editor places the checks' marks
 * (client/checks/text-map.ts walks the editor's document the same way).
 */
export function fragmentText(fragment: Y.XmlFragment | Y.XmlElement | undefined | null): string {
  if (!fragment) return '';
  const lines: string[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (TEXTBLOCKS.has(child.nodeName)) lines.push(inlineText(child));
        else walk(child);
      } else if (child instanceof Y.XmlText) {
        lines.push(inlineText(child));
      }
    }
  };
  walk(fragment);
  return lines.join('\n').replace(/\n+$/, '');
}

export interface NewPostmortem {
  title: string;
  severity: Severity;
}

/**
 * Seeds a new postmortem. Rich-text roots get their empty paragraph here, once, on the
 * server: if each editor created it on first load, two clients would each add one.
 */
export function seedPostmortem(doc: Y.Doc, init: NewPostmortem, now = new Date()): void {
  doc.transact(() => {
    const { meta, moderation } = roots(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('title', init.title);
    meta.set('severity', init.severity);
    meta.set('services', new Y.Array<string>());
    meta.set('createdAt', now.toISOString());
    moderation.set('status', 'draft' satisfies PostmortemStatus);
    moderation.set('locks', new Y.Map<boolean>());
    moderation.set('sectionStatus', new Y.Map<SectionStatus>());
    moderation.set('sectionOwner', new Y.Map<string>());
    for (const name of RICH_TEXT_ROOTS) {
      const fragment = doc.getXmlFragment(name);
      if (fragment.length === 0) fillFragment(fragment);
    }
  });
}

function rowFragment(text: string): Y.XmlFragment {
  const f = new Y.XmlFragment();
  f.insert(0, paragraphs(text));
  return f;
}

function compareTimes(a: string | undefined, b: string | undefined): number {
  // Entries without a time sort last, in insertion order.
  if (!a && !b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return Date.parse(a) - Date.parse(b);
}

const atOf = (row: unknown) => (row instanceof Y.Map ? (row.get('at') as string | undefined) : undefined);

/** Index at which an entry at `at` keeps the timeline in time order. */
export function timelineInsertIndex(timeline: Y.Array<YRow>, at: string | undefined): number {
  const items = timeline.toArray();
  let i = items.length;
  while (i > 0 && compareTimes(atOf(items[i - 1]), at) > 0) i -= 1;
  return i;
}

/** Adds a timeline entry at its place in time order; returns its id. */
export function addTimelineEntry(
  doc: Y.Doc,
  entry: { at?: string; body?: string; known?: string },
  origin?: unknown,
): string {
  const id = newRowId();
  doc.transact(() => {
    const { timeline } = roots(doc);
    const row = new Y.Map<unknown>();
    row.set('id', id);
    row.set('at', entry.at ?? '');
    row.set('body', rowFragment(entry.body ?? ''));
    row.set('known', rowFragment(entry.known ?? ''));
    timeline.insert(timelineInsertIndex(timeline, entry.at), [row]);
  }, origin);
  return id;
}

/** The rows of a list root: its Y.Map items only (a crafted update can put any value in a list). */
export function listRows(list: Y.Array<YRow>): YRow[] {
  return list.toArray().filter((row): row is YRow => row instanceof Y.Map);
}

/** Timeline entries in time order (entries without a time last), whatever their array order. */
export function sortedTimeline(timeline: Y.Array<YRow>): YRow[] {
  return listRows(timeline)
    .map((row, index) => ({ row, index }))
    .sort((a, b) => compareTimes(a.row.get('at') as string, b.row.get('at') as string) || a.index - b.index)
    .map(({ row }) => row);
}

/** Adds a contributing factor; returns its id. */
export function addFactor(doc: Y.Doc, factor: { category?: FactorCategory; body?: string }, origin?: unknown): string {
  const id = newRowId();
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set('id', id);
    row.set('category', factor.category ?? 'process');
    row.set('body', rowFragment(factor.body ?? ''));
    roots(doc).factors.push([row]);
  }, origin);
  return id;
}

/** Adds a defense under the control gap; returns its id. */
export function addDefense(
  doc: Y.Doc,
  defense: { name?: string; state?: DefenseState; failure?: DefenseFailure },
  origin?: unknown,
): string {
  const id = newRowId();
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    row.set('id', id);
    row.set('name', defense.name ?? '');
    row.set('state', defense.state ?? 'failed');
    row.set('failure', defense.failure ?? 'latent');
    roots(doc).defenses.push([row]);
  }, origin);
  return id;
}

export interface NewAction {
  action?: string;
  kind?: ActionKind | '';
  owner?: string;
  due?: string;
  status?: ActionStatus;
  factorIds?: string[];
  /** The five-layer layer a person chose; unset lets the app work it out. */
  layer?: ActionLayer;
  defenseIds?: string[];
}

/** Adds an action item, stamping createdAt; returns its id. */
export function addAction(doc: Y.Doc, action: NewAction, origin?: unknown, now = new Date()): string {
  const id = newRowId();
  doc.transact(() => {
    const row = new Y.Map<unknown>();
    const status = action.status ?? 'open';
    row.set('id', id);
    row.set('action', action.action ?? '');
    row.set('kind', action.kind ?? '');
    row.set('owner', action.owner ?? '');
    row.set('due', action.due ?? '');
    row.set('status', status);
    row.set('factorIds', Y.Array.from(action.factorIds ?? []));
    if (action.layer) row.set('layer', action.layer);
    if (action.defenseIds?.length) row.set('defenseIds', Y.Array.from(action.defenseIds));
    row.set('createdAt', now.toISOString());
    row.set('closedAt', isClosed(status) ? now.toISOString() : '');
    roots(doc).actions.push([row]);
  }, origin);
  return id;
}

function isClosed(status: ActionStatus): boolean {
  return status === 'done' || status === 'wont-do';
}

/** Sets an action's status and keeps closedAt true to it (set on closing, cleared on reopening). */
export function setActionStatus(row: YRow, status: ActionStatus, now = new Date()): void {
  const apply = () => {
    const wasClosed = isClosed((row.get('status') as ActionStatus) ?? 'open');
    row.set('status', status);
    if (isClosed(status) && !wasClosed) row.set('closedAt', now.toISOString());
    if (!isClosed(status)) row.set('closedAt', '');
  };
  if (row.doc) row.doc.transact(apply);
  else apply();
}

/** Removes the row with `id` from a list root; false when it is not there. */
export function removeRow(list: Y.Array<YRow>, id: string, origin?: unknown): boolean {
  const index = list.toArray().findIndex((row) => row instanceof Y.Map && row.get('id') === id);
  if (index < 0) return false;
  const run = () => list.delete(index, 1);
  if (list.doc) list.doc.transact(run, origin);
  else run();
  return true;
}
