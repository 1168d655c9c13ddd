/**
 * How deeply block quotes and list items nest in a Markdown file, measured without parsing it.
 * The Markdown parser descends once per level: a few thousand levels (20 KB of "> > > …" or
 * "- - - …") overflow the call stack, and its time grows with the square of the depth long before.
 * So the reader refuses deeper input up front, and the command line and the import say why.
 */

/** The deepest nesting of block quotes and list items that is read (as markdown-it's maxNesting). */
export const MAX_NESTING = 100;

/** Why a file was not read: nested deeper than MAX_NESTING. */
export const TOO_DEEP = `too deeply nested (more than ${MAX_NESTING} levels of block quotes or lists)`;

/** Thrown by the reader for input nested deeper than MAX_NESTING (or deep enough to exhaust the stack). */
export class MarkdownNestingError extends Error {
  constructor() {
    super(`the Markdown is ${TOO_DEEP}`);
    this.name = 'MarkdownNestingError';
  }
}

/** A stack overflow, as V8 / JavaScriptCore ("Maximum call stack size exceeded") and SpiderMonkey ("too much recursion") word it. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && /maximum call stack|too much recursion/i.test(error.message);
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;
const THEMATIC_BREAK = /^([-*_])[ \t]*(?:\1[ \t]*){2,}$/;

/**
 * The deepest nesting of block quotes and list items on any line: the quote and list markers
 * the line starts with, plus the list items of earlier lines whose content column it is indented
 * to. A close estimate (lazy continuation lines count less), enough to tell a real document
 * from thousands of levels. Stops as soon as the depth passes `stopAbove`.
 */
export function nestingDepth(source: string, stopAbove = Infinity): number {
  let deepest = 0;
  // Content columns of the list items opened on earlier lines, innermost last.
  const open: number[] = [];
  for (const line of source.split(/\r\n|\r|\n/)) {
    let i = 0;
    let col = 0;
    let depth = 0;
    let heldCounted = false;
    let markerSeen = false;
    const skipSpace = () => {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) {
        col += line[i] === '\t' ? 4 - (col % 4) : 1;
        i += 1;
      }
    };
    for (;;) {
      skipSpace();
      if (i >= line.length) break;
      if (line[i] === '>') {
        depth += 1;
        i += 1;
        col += 1;
        continue;
      }
      if (!heldCounted) {
        // The first list marker or text of the line: the items of earlier lines that still hold it.
        heldCounted = true;
        while (open.length > 0 && open.at(-1)! > col) open.pop();
        depth += open.length;
      }
      const marker = LIST_MARKER.exec(line.slice(i, i + 11));
      // "- - -" and "* * *" are thematic breaks, not three lists.
      if (!marker || (!markerSeen && THEMATIC_BREAK.test(line.slice(i)))) break;
      markerSeen = true;
      depth += 1;
      i += marker[0].length;
      col += marker[0].length;
      const markerEnd = col;
      skipSpace();
      const gap = col - markerEnd;
      open.push(i >= line.length || gap > 4 ? markerEnd + 1 : col);
    }
    if (depth > deepest) deepest = depth;
    if (deepest > stopAbove) return deepest;
  }
  return deepest;
}
