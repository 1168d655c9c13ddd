/**
 * Maps the checks' text offsets onto ProseMirror positions. A rich-text field's checked text is
 * fragmentText(): every textblock's text in document order, joined by '\n', trailing empty lines
 * dropped; a hard break is one HARD_BREAK character, other inline nodes that are not text add
 * none. Walking the editor's document the same way gives the same text, and each offset a position.
 */
import type { Node as PMNode } from '@tiptap/pm/model';
import { HARD_BREAK } from '../../shared/schema/document.ts';

interface Piece {
  /** Offset of the piece's first character in the field's text. */
  offset: number;
  /** ProseMirror position of that character. */
  pos: number;
  length: number;
}

interface Line {
  offset: number;
  length: number;
  /** Position of the start of the textblock's content. */
  contentStart: number;
  pieces: Piece[];
}

export interface TextMap {
  /** The field's text, exactly as the checks engine reads it. */
  readonly text: string;
  readonly lines: readonly Line[];
}

/** The text of an editor's document and where each character lives. */
export function textMap(doc: PMNode): TextMap {
  const lines: Line[] = [];
  const texts: string[] = [];
  let offset = 0;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const contentStart = pos + 1;
    const pieces: Piece[] = [];
    let lineText = '';
    node.forEach((child, childOffset) => {
      // The name fragmentText() knows it by in the shared document.
      const text = child.isText ? (child.text ?? '') : child.type.name === 'hardBreak' ? HARD_BREAK : '';
      if (!text) return;
      pieces.push({ offset: offset + lineText.length, pos: contentStart + childOffset, length: text.length });
      lineText += text;
    });
    lines.push({ offset, length: lineText.length, contentStart, pieces });
    texts.push(lineText);
    offset += lineText.length + 1;
    return false;
  });
  return { text: texts.join('\n').replace(/\n+$/, ''), lines };
}

/**
 * The position of a text offset. `bias` decides between two positions for the same offset (the
 * end of one piece and the start of the next, where a node without text sits between them): a
 * range starts at the later one and ends at the earlier one, so it never swallows that node.
 */
export function offsetToPos(map: TextMap, offset: number, bias: 'start' | 'end'): number | null {
  const candidates = map.lines.filter((l) => offset >= l.offset && offset <= l.offset + l.length);
  const line = bias === 'start' ? candidates[candidates.length - 1] : candidates[0];
  if (!line) return null;
  if (line.pieces.length === 0) return line.contentStart;
  const inside = line.pieces.filter((p) => offset >= p.offset && offset <= p.offset + p.length);
  const piece = bias === 'start' ? inside[inside.length - 1] : inside[0];
  if (!piece) return null;
  return piece.pos + (offset - piece.offset);
}

/** The positions of [start, end) in the text, or null when the text does not reach that far. */
export function rangeToPos(map: TextMap, start: number, end: number): { from: number; to: number } | null {
  const from = offsetToPos(map, start, 'start');
  const to = offsetToPos(map, end, 'end');
  if (from === null || to === null || to < from) return null;
  return { from, to };
}
