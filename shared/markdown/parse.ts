/**
 * Reads a postmortem written in Markdown — the template's own layout (CONTRACT.md) and the
 * variants real postmortem repositories use — into the snapshot the checks engine reads, with
 * the source place of every text so findings can be reported as file:line:column.
 * DOM-free and without Node APIs: it runs in the command line, the server and the browser.
 */
import type { RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { HARD_BREAK } from '../schema/document.ts';
import { readActions } from './actions.ts';
import { nodeOffset, proseLines } from './blocks.ts';
import { SnapshotBuilder, type ParsedPostmortem } from './builder.ts';
import { readDefenses, readFactors } from './factors.ts';
import { HeaderReader } from './header.ts';
import { headingMeaning, sectionOf, type Part } from './headings.ts';
import { lineOf, type MappedText } from './mapped-text.ts';
import { isStackOverflow, MarkdownNestingError, MAX_NESTING, nestingDepth } from './nesting.ts';
import { readTimeline } from './timeline.ts';

export type { ParsedPostmortem } from './builder.ts';

/** A run of blocks under one heading. 'preamble': before the first section; 'skip': a heading we do not map. */
interface Group {
  readonly part: Part | 'preamble' | 'skip';
  readonly depth: number;
  readonly offset: number;
  readonly nodes: RootContent[];
}

const TITLE_PREFIX = /^\s*(?:incident\s+)?(?:post[- ]?mortem|post[- ]incident review|incident review|incident report|retrospective|pir|rca)\s*(?:[:—–|-]\s*|\s+for\s+)(?=\S)/i;

/** The title of a "# Postmortem: <title>" heading, or null when the heading has no such prefix. */
function prefixedTitle(text: MappedText): MappedText | null {
  const m = TITLE_PREFIX.exec(text.text);
  return m ? text.slice(m[0].length) : null;
}

/** Splits the document into groups at its headings, taking the title and the front matter on the way. */
function group(children: readonly RootContent[], source: string, b: SnapshotBuilder, header: HeaderReader): Group[] {
  const groups: Group[] = [{ part: 'preamble', depth: 0, offset: 0, nodes: [] }];
  let sectionSeen = false;
  for (const node of children) {
    const current = groups.at(-1)!;
    if (node.type === 'yaml') {
      header.frontMatter(node);
      continue;
    }
    if (node.type !== 'heading') {
      current.nodes.push(node);
      continue;
    }
    const text = lineOf(node.children, source);
    const offset = nodeOffset(node);
    const meaning = headingMeaning(text.text);
    const titled = prefixedTitle(text);
    if (!b.hasTitle() && (titled || (!sectionSeen && meaning === null && (node.depth === 1 || !header.frontMatterTitle)))) {
      b.setTitle(titled ?? text, offset);
      continue;
    }
    if (meaning !== null && meaning !== 'ignored') {
      sectionSeen = true;
      groups.push({ part: meaning, depth: node.depth, offset, nodes: [] });
    } else if (meaning === null && current.part !== 'preamble' && node.depth > current.depth) {
      // A sub-heading we do not know: part of the section (or of the skipped part) it sits in.
      current.nodes.push(node);
    } else {
      b.skip(text.text);
      groups.push({ part: 'skip', depth: node.depth, offset, nodes: [] });
    }
  }
  return groups;
}

/**
 * Reads a postmortem in Markdown. What it cannot place is listed in `unmapped` and `warnings`;
 * the one input it refuses, with a MarkdownNestingError, is quotes or lists nested deeper than
 * MAX_NESTING levels.
 */
export function parsePostmortemMarkdown(input: string): ParsedPostmortem {
  const source = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (nestingDepth(source, MAX_NESTING) > MAX_NESTING) throw new MarkdownNestingError();
  try {
    return read(source);
  } catch (error) {
    // Nesting the estimate does not see (thousands of nested emphasis runs) still ends here, not in a crash.
    if (isStackOverflow(error)) throw new MarkdownNestingError();
    throw error;
  }
}

/** The reading itself, on input of an accepted depth. */
function read(source: string): ParsedPostmortem {
  const tree = fromMarkdown(source, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])],
  });
  const b = new SnapshotBuilder(source);
  const header = new HeaderReader(source, b);
  const groups = group(tree.children, source, b, header);

  // Header fields first (wherever they are), so the timeline knows the incident's date and zone.
  for (const g of groups) {
    if (g.part === 'preamble') header.preamble(g.nodes, false);
    else if (g.part === 'skip') header.preamble(g.nodes, true);
  }
  header.finish();
  if (!b.hasTitle() && header.frontMatterTitle) b.setTitle(header.frontMatterTitle.text, header.frontMatterTitle.offset);
  if (!b.hasTitle()) b.warn('No title found: start the file with "# Postmortem: <title>".');

  for (const g of groups) {
    if (g.part === 'preamble' || g.part === 'skip') continue;
    b.section(sectionOf(g.part), g.offset);
    switch (g.part) {
      case 'timeline':
        readTimeline(g.nodes, source, b);
        break;
      case 'factors':
        readFactors(g.nodes, source, b);
        break;
      case 'defenses':
        readDefenses(g.nodes, source, b);
        break;
      case 'actions':
        readActions(g.nodes, source, b);
        break;
      default:
        b.addRootLines(g.part, proseLines(g.nodes, source, HARD_BREAK));
    }
  }
  return b.finish();
}
