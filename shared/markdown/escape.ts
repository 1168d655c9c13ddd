/**
 * Plain text written into Markdown so that the reader (parse.ts) gets exactly that text back:
 * the characters that would start emphasis, links, HTML, code, strikethrough, table cells or a
 * block (list, heading, quote) are backslash-escaped, and nothing else, so exports stay readable.
 * A hard break (HARD_BREAK) is a CommonMark hard line break in paragraphs and list items, `<br>`
 * in a table cell.
 */
import { HARD_BREAK } from '../schema/document.ts';

/** Entity-like runs ("&amp;", "&#42;") that Markdown would decode. */
const ENTITY_AHEAD = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** GFM autolink literals: inside them a backslash is kept as written, so they must not hold escapes. */
const AUTOLINK = /(?:https?:\/\/|www\.)\S*/gi;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const ALWAYS = new Set(['\\', '`', '*', '~', '[', ']', '<', '|']);

function escapeChars(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ALWAYS.has(ch)) out += `\\${ch}`;
    // An underscore between two letters or digits cannot open or close emphasis.
    else if (ch === '_' && !(WORD_CHAR.test(text[i - 1] ?? '') && WORD_CHAR.test(text[i + 1] ?? ''))) out += '\\_';
    else if (ch === '&' && ENTITY_AHEAD.test(text.slice(i, i + 40))) out += '\\&';
    else out += ch;
  }
  return out;
}

/** Escapes text for an inline position (inside a paragraph, a heading or a table cell). */
export function escapeInline(text: string): string {
  let out = '';
  let from = 0;
  for (const m of text.matchAll(AUTOLINK)) {
    out += escapeChars(text.slice(from, m.index));
    const span = m[0];
    const escaped = escapeChars(span);
    // A link that needs no escape stays a link; otherwise it is broken into plain text.
    out += escaped === span ? span : escaped.replace(/(https?):(?=\/\/)/gi, '$1\\:').replace(/(www)\./gi, '$1\\.');
    from = m.index + span.length;
  }
  return out + escapeChars(text.slice(from));
}

/** Escapes text that starts a block (a paragraph or a list item): line-start syntax too. */
export function escapeBlockStart(text: string): string {
  const inline = escapeInline(text);
  if (/^[#>+-]/.test(inline)) return `\\${inline}`;
  // "1. " and "1) " start an ordered list.
  return inline.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/**
 * Escapes the text after a hard break: it starts a line inside a paragraph, where "===" would
 * underline the paragraph as a heading and ":-" would make it a table's header row.
 */
function escapeContinuation(text: string): string {
  const escaped = escapeBlockStart(text);
  return /^(?:=|:-)/.test(escaped) ? `\\${escaped}` : escaped;
}

/** An autolink running to the end of the text would take a trailing backslash as part of its address. */
const ENDS_IN_AUTOLINK = /(?:https?:\/\/|www\.)\S*$/i;

/**
 * One line of a paragraph or list item, its first part escaped by `first`, its hard breaks as
 * CommonMark hard line breaks: a backslash before the line end (two spaces after an autolink),
 * the rest on the next line after `indent`. White space around a break is dropped, as the reader
 * would drop it, and a break at either end is no break at all.
 */
function withHardBreaks(line: string, first: (text: string) => string, indent: string): string {
  if (!line.includes(HARD_BREAK)) return first(line);
  const parts = line.split(HARD_BREAK).map((part, i) => (i === 0 ? first(part.trim()) : escapeContinuation(part.trim())));
  return parts.reduce((out, part) => `${out}${ENDS_IN_AUTOLINK.test(out) ? '  ' : '\\'}\n${indent}${part}`);
}

/** One paragraph: a line of text, hard breaks included. */
export function paragraphText(line: string): string {
  return withHardBreaks(line, escapeBlockStart, '');
}

/** Escapes a heading's text: also a trailing run of "#", which would close the heading. */
export function escapeHeading(text: string): string {
  // The text follows a space in the heading line, so a run at its very start counts too.
  return escapeInline(text).replace(/(^|\s)(#+)$/, (_m, space: string, hashes: string) => space + hashes.replace(/#/g, '\\#'));
}

/**
 * The lines of a text as the reader will see them: each trimmed, without leading and trailing
 * empty lines (the reader trims both), and, with `dropEmpty`, without empty lines at all.
 */
export function textLines(text: string, dropEmpty = false): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
  if (dropEmpty) return lines.filter((line) => line !== '');
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start += 1;
  while (end > start && lines[end - 1] === '') end -= 1;
  return lines.slice(start, end);
}

/** One table cell: its lines (hard breaks too) joined by `<br>`, which the reader turns back into line breaks. */
export function cellText(text: string): string {
  return textLines(text.replaceAll(HARD_BREAK, '\n')).map(escapeInline).join('<br>');
}

/** One list item's text (its first line starts the block; hard breaks continue it on indented lines). */
export function itemText(text: string): string {
  return textLines(text)
    .map((line, i) => withHardBreaks(line, i === 0 ? escapeBlockStart : escapeInline, '  '))
    .join('<br>');
}
