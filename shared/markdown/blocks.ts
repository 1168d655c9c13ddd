/** Block content read as lines of plain text: one line per paragraph, list item, table row. */
import type { List, ListItem, RootContent, Table, TableRow } from 'mdast';
import { codeText, lineOf, MappedText } from './mapped-text.ts';

/**
 * The lines of a run of blocks, in document order; empty lines are left out. Hard breaks end a
 * line unless `hardBreak` is HARD_BREAK (rich text keeps them inside its paragraphs).
 */
export function proseLines(nodes: readonly RootContent[], source: string, hardBreak = '\n'): MappedText[] {
  const out: MappedText[] = [];
  const push = (line: MappedText) => {
    const trimmed = line.trim();
    if (trimmed.length > 0) out.push(trimmed);
  };
  const walk = (list: readonly RootContent[]) => {
    for (const node of list) {
      switch (node.type) {
        case 'paragraph':
        case 'heading':
          // `<br>` splits a paragraph into lines; soft breaks are spaces.
          for (const line of lineOf(node.children, source, hardBreak).lines()) push(line);
          break;
        case 'list':
          for (const item of node.children) walk(item.children);
          break;
        case 'blockquote':
        case 'footnoteDefinition':
          walk(node.children);
          break;
        case 'code':
          for (const line of codeText(node, source).lines()) push(line);
          break;
        case 'table':
          for (const row of node.children.slice(1)) push(MappedText.join(rowCells(row, source), ' | ').replaceChar('\n', ' '));
          break;
        default:
          // html (template comments), thematic breaks, definitions, front matter: not prose.
          break;
      }
    }
  };
  walk(nodes);
  return out;
}

/** The cells of a table row as single lines. */
export function rowCells(row: TableRow, source: string): MappedText[] {
  return row.children.map((cell) => lineOf(cell.children, source));
}

/** Header cell texts of a table, lower-cased. */
export function tableHeader(table: Table, source: string): string[] {
  const head = table.children[0];
  return head ? rowCells(head, source).map((c) => c.text.trim().toLowerCase()) : [];
}

/** For each wanted column, the index of the first header matching its pattern (-1 when none). */
export function matchColumns<K extends string>(header: readonly string[], patterns: readonly (readonly [K, RegExp])[]): Record<K, number> {
  const taken = new Set<number>();
  const out = {} as Record<K, number>;
  for (const [key, re] of patterns) {
    const index = header.findIndex((h, i) => !taken.has(i) && re.test(h));
    out[key] = index;
    if (index >= 0) taken.add(index);
  }
  return out;
}

/** Header names not used by any matched column. */
export function unusedColumns(header: readonly string[], columns: Record<string, number>): string[] {
  const used = new Set(Object.values(columns));
  return header.filter((h, i) => !used.has(i) && h !== '');
}

/** The first paragraph of a list item as one line (hard breaks as `hardBreak`), and the blocks after it. */
export function itemParts(item: ListItem, source: string, hardBreak = '\n'): { head: MappedText; rest: RootContent[]; nested: List[] } {
  const [first, ...others] = item.children;
  const head = first?.type === 'paragraph' ? lineOf(first.children, source, hardBreak) : MappedText.EMPTY;
  const rest = first?.type === 'paragraph' ? others : item.children;
  return { head, rest: rest.filter((n) => n.type !== 'list'), nested: rest.filter((n): n is List => n.type === 'list') };
}

/** Start offset of a node in the source (0 when unknown). */
export function nodeOffset(node: { position?: { start: { offset?: number } } | undefined }): number {
  return node.position?.start.offset ?? 0;
}
