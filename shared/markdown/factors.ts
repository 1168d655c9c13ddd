/**
 * Contributing factors (one per list item, paragraph, table row or sub-heading, with an optional
 * "Tooling:" / "[process]" category label; under a `### Tooling` sub-heading, as the export writes
 * them, the items take its category and are read as written) and defenses ("- Change review —
 * failed (active)", or a `| Defense | State | Failure |` table).
 */
import type { RootContent, Table } from 'mdast';
import { HARD_BREAK } from '../schema/document.ts';
import { FACTOR_CATEGORIES, type DefenseFailure, type DefenseState, type FactorCategory } from '../schema/sections.ts';
import { itemParts, matchColumns, nodeOffset, proseLines, rowCells, tableHeader } from './blocks.ts';
import type { SnapshotBuilder } from './builder.ts';
import { lineOf, MappedText } from './mapped-text.ts';

const CATEGORY_ALIASES: Record<string, FactorCategory> = {
  tools: 'tooling', technology: 'tooling', technical: 'tooling', tech: 'tooling',
  comms: 'communication', communications: 'communication', owner: 'ownership',
};
const CATEGORY_LABEL = /^\s*[[(]?\s*([A-Za-z]+)\s*[\])]?\s*(?:[:—–|]|-(?=\s))\s*/;

/** The sub-heading the export writes over a run of factors of each category. */
export const CATEGORY_TITLES: Record<FactorCategory, string> = {
  process: 'Process',
  tooling: 'Tooling',
  communication: 'Communication',
  ownership: 'Ownership',
  other: 'Other',
};

function category(word: string): FactorCategory | null {
  const w = word.toLowerCase();
  return (FACTOR_CATEGORIES as readonly string[]).includes(w) ? (w as FactorCategory) : (CATEGORY_ALIASES[w] ?? null);
}

/** "Tooling: config changes skip canary" → tooling, "config changes skip canary". */
export function labelledFactor(text: MappedText): { category: FactorCategory; body: MappedText } {
  const m = CATEGORY_LABEL.exec(text.text);
  const cat = m ? category(m[1]!) : null;
  if (m && cat) return { category: cat, body: text.slice(m[0].length) };
  const bracket = /^\s*\[([A-Za-z]+)\]\s*/.exec(text.text);
  const cat2 = bracket ? category(bracket[1]!) : null;
  if (bracket && cat2) return { category: cat2, body: text.slice(bracket[0].length) };
  return { category: 'other', body: text };
}

function factorTable(table: Table, source: string, b: SnapshotBuilder): void {
  const cols = matchColumns(tableHeader(table, source), [
    ['category', /categor|type|kind/],
    ['body', /factor|cause|condition|description|what|detail/],
  ] as const);
  const bodyCol = cols.body >= 0 ? cols.body : cols.category === 0 ? 1 : 0;
  for (const row of table.children.slice(1)) {
    const cells = rowCells(row, source);
    const cat = cols.category >= 0 ? category(cells[cols.category]?.text.trim() ?? '') : null;
    const body = cells[bodyCol] ?? MappedText.EMPTY;
    const read = labelledFactor(body);
    b.addFactor({ category: cat ?? read.category, body: read.body, offset: nodeOffset(row) });
  }
}

/** A sub-heading that is only a category name ("Tooling", "Other factors"): the category of the factors under it. */
function headingCategory(text: string): FactorCategory | null {
  const m = /^\s*([A-Za-z]+)(?:\s+(?:factors?|issues?|causes?))?\s*:?\s*$/.exec(text);
  return m ? category(m[1]!) : null;
}

/** Reads a contributing-factors section's blocks into the builder. */
export function readFactors(nodes: readonly RootContent[], source: string, b: SnapshotBuilder): void {
  // A sub-heading starts a factor, and the paragraphs under it join it; a category sub-heading
  // gives its category to the factors under it instead, their text read as written.
  let open: { body: MappedText; offset: number } | null = null;
  let under: FactorCategory | null = null;
  const flush = () => {
    if (open) b.addFactor({ ...labelledFactor(open.body), offset: open.offset });
    open = null;
  };
  const add = (body: MappedText, offset: number) =>
    b.addFactor(under ? { category: under, body, offset } : { ...labelledFactor(body), offset });
  nodes.forEach((node, i) => {
    switch (node.type) {
      case 'heading': {
        flush();
        const text = lineOf(node.children, source);
        under = headingCategory(text.text);
        if (!under) open = { body: text, offset: nodeOffset(node) };
        break;
      }
      case 'paragraph': {
        const text = lineOf(node.children, source, HARD_BREAK);
        if (open) open.body = MappedText.join([open.body, text], '\n');
        else if (text.text.trim().endsWith(':') && nodes[i + 1]?.type === 'list') {
          b.warn(`Contributing factors: the line "${text.text.trim()}" introduces a list and was not read as a factor.`);
        } else add(text, nodeOffset(node));
        break;
      }
      case 'list':
        flush();
        for (const item of node.children) {
          const { head, rest, nested } = itemParts(item, source, HARD_BREAK);
          const more = proseLines([...rest, ...nested], source, HARD_BREAK);
          add(MappedText.join([head, ...more].filter((t) => t.length > 0), '\n'), nodeOffset(item));
        }
        break;
      case 'table':
        flush();
        factorTable(node, source, b);
        break;
      case 'blockquote':
        flush();
        for (const line of proseLines(node.children, source, HARD_BREAK)) add(line, line.sourceOffset());
        break;
      default:
        break;
    }
  });
  flush();
}

const STATE_WORDS: readonly (readonly [RegExp, DefenseState])[] = [
  [/\b(absent|missing|none|did not exist|didn't exist|not in place|not present|no such)\b/i, 'absent'],
  [/\b(held|worked|caught|passed|stopped it|contained)\b/i, 'held'],
  [/\b(failed|bypassed|did not (?:fire|catch|trigger|work)|didn't (?:fire|catch|trigger|work)|skipped|broken)\b/i, 'failed'],
];

function defenseState(text: string): DefenseState | null {
  for (const [re, state] of STATE_WORDS) if (re.test(text)) return state;
  return null;
}

function defenseFailure(text: string): DefenseFailure | null {
  const m = /\b(active|latent)\b/i.exec(text);
  return m ? (m[1]!.toLowerCase() as DefenseFailure) : null;
}

/** "Change review — failed (active failure)" → name, state, failure. */
function defenseLine(text: MappedText, offset: number, b: SnapshotBuilder): void {
  const sep = /\s+[—–|-]\s+|:\s+|\s*\(/.exec(text.text);
  const name = sep ? text.slice(0, sep.index) : text;
  const rest = sep ? text.text.slice(sep.index) : '';
  b.addDefense({ name, state: defenseState(rest) ?? 'failed', failure: defenseFailure(rest) ?? 'latent', offset });
}

/** Reads a defenses part (list, table or lines) into the builder. */
export function readDefenses(nodes: readonly RootContent[], source: string, b: SnapshotBuilder): void {
  for (const node of nodes) {
    if (node.type === 'table') {
      const cols = matchColumns(tableHeader(node, source), [
        ['failure', /failure|active|latent/],
        ['state', /state|status|result|held/],
        ['name', /defen[cs]e|name|layer|control|barrier/],
      ] as const);
      for (const row of node.children.slice(1)) {
        const cells = rowCells(row, source);
        const at = (i: number) => cells[i]?.text ?? '';
        b.addDefense({
          name: cells[cols.name >= 0 ? cols.name : 0] ?? MappedText.EMPTY,
          state: defenseState(at(cols.state)) ?? 'failed',
          failure: defenseFailure(at(cols.failure)) ?? 'latent',
          offset: nodeOffset(row),
        });
      }
    } else if (node.type === 'list') {
      for (const item of node.children) defenseLine(itemParts(item, source).head, nodeOffset(item), b);
    } else if (node.type === 'paragraph') {
      for (const line of proseLines([node], source)) defenseLine(line, line.sourceOffset(), b);
    }
  }
}
