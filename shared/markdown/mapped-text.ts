/**
 * Text taken out of Markdown that remembers, for every UTF-16 unit, the source offset it came
 * from. Inline syntax (emphasis, links, code spans, escapes) is stripped from the text, and the
 * map still points every remaining character at its place in the file.
 */
import type { Nodes, PhrasingContent } from 'mdast';

/** Offset value of a unit that we added (a joiner, a line break): it maps to no source character. */
export const SYNTHETIC = -1;

/** An immutable string with a source offset per unit. */
export class MappedText {
  static readonly EMPTY = new MappedText('', []);

  constructor(
    readonly text: string,
    readonly offsets: readonly number[],
  ) {}

  /** Text we add ourselves, mapped to `at` (or to nothing). */
  static synthetic(text: string, at = SYNTHETIC): MappedText {
    return new MappedText(text, Array.from({ length: text.length }, () => at));
  }

  /** Joins parts with a synthetic separator. */
  static join(parts: readonly MappedText[], separator: string): MappedText {
    if (parts.length === 1) return parts[0]!;
    const texts: string[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < parts.length; i += 1) {
      if (i > 0) {
        texts.push(separator);
        for (let k = 0; k < separator.length; k += 1) offsets.push(SYNTHETIC);
      }
      texts.push(parts[i]!.text);
      const o = parts[i]!.offsets;
      for (let k = 0; k < o.length; k += 1) offsets.push(o[k]!);
    }
    return new MappedText(texts.join(''), offsets);
  }

  get length(): number {
    return this.text.length;
  }

  concat(...others: readonly MappedText[]): MappedText {
    return MappedText.join([this, ...others], '');
  }

  slice(start: number, end = this.text.length): MappedText {
    return new MappedText(this.text.slice(start, end), this.offsets.slice(start, end));
  }

  /** Without leading and trailing white space. */
  trim(): MappedText {
    const start = this.text.length - this.text.trimStart().length;
    const end = this.text.trimEnd().length;
    return start >= end ? MappedText.EMPTY : this.slice(start, end);
  }

  /** Removes a leading match of `re` (anchored at the start); returns the rest. */
  stripStart(re: RegExp): MappedText {
    const m = re.exec(this.text);
    return m && m.index === 0 ? this.slice(m[0].length) : this;
  }

  /** Without carriage returns (Windows line ends): the map of the other units is kept. */
  withoutCarriageReturns(): MappedText {
    if (!this.text.includes('\r')) return this;
    let text = '';
    const offsets: number[] = [];
    for (let i = 0; i < this.text.length; i += 1) {
      if (this.text[i] === '\r') continue;
      text += this.text[i];
      offsets.push(this.offsets[i]!);
    }
    return new MappedText(text, offsets);
  }

  /** Removes a trailing match of `re` (anchored at the end); returns the rest. */
  stripEnd(re: RegExp): MappedText {
    const m = re.exec(this.text);
    return m && m.index + m[0].length === this.text.length ? this.slice(0, m.index) : this;
  }

  /** Replaces every unit `from` by `to`, keeping the map (soft line breaks read as spaces). */
  replaceChar(from: string, to: string): MappedText {
    return this.text.includes(from) ? new MappedText(this.text.split(from).join(to), this.offsets) : this;
  }

  /** The lines, split at '\n'. */
  lines(): MappedText[] {
    const out: MappedText[] = [];
    let from = 0;
    for (let i = 0; i <= this.text.length; i += 1) {
      if (i === this.text.length || this.text[i] === '\n') {
        out.push(this.slice(from, i));
        from = i + 1;
      }
    }
    return out;
  }

  /** Source offset of the first unit at or after `index` that came from the source. */
  sourceOffset(index = 0): number {
    for (let i = Math.max(0, index); i < this.offsets.length; i += 1) if (this.offsets[i]! >= 0) return this.offsets[i]!;
    return SYNTHETIC;
  }
}

const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** Characters Markdown may drop between the units of a value: indentation, quote markers, escapes. */
const SKIPPABLE = new Set([' ', '\t', '\r', '>', '\\']);
const SEARCH_WINDOW = 64;

/**
 * Offsets of each unit of `value` (a node's decoded text) within source[from, to): the node's
 * value differs from its source slice by escapes, character references and stripped indentation.
 */
export function alignValue(value: string, source: string, from: number, to: number): number[] {
  const offsets: number[] = [];
  let p = from;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i]!;
    let q = p;
    while (q < to && source[q] !== ch && SKIPPABLE.has(source[q]!)) q += 1;
    if (q < to && source[q] === ch) {
      offsets[i] = q;
      p = q + 1;
      continue;
    }
    if (source[p] === '&') {
      const entity = ENTITY.exec(source.slice(p, Math.min(to, p + 40)));
      if (entity) {
        // A decoded character reference: one or two units (a surrogate pair) for the whole reference.
        offsets[i] = p;
        if (i + 1 < value.length && /[\uD800-\uDBFF]/.test(ch)) offsets[++i] = p;
        p += entity[0].length;
        continue;
      }
    }
    const end = Math.min(to, p + SEARCH_WINDOW);
    let found = -1;
    for (let k = p; k < end; k += 1) {
      if (source[k] === ch) {
        found = k;
        break;
      }
    }
    if (found >= 0) {
      offsets[i] = found;
      p = found + 1;
    } else offsets[i] = Math.min(p, Math.max(from, to - 1));
  }
  return offsets;
}

function valueText(node: { value: string; position?: Nodes['position'] }, source: string): MappedText {
  const pos = node.position;
  if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return MappedText.synthetic(node.value);
  return new MappedText(node.value, alignValue(node.value, source, pos.start.offset, pos.end.offset)).withoutCarriageReturns();
}

function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? SYNTHETIC;
}

/**
 * Plain text of inline content. `<br>` becomes '\n', hard breaks `hardBreak` ('\n' to split
 * lines, HARD_BREAK to keep them as the editor's hard breaks); soft line breaks become
 * `softBreak` ('\n' to read a paragraph line by line). Link targets and HTML are dropped.
 */
export function inlineText(nodes: readonly PhrasingContent[], source: string, softBreak = '\n', hardBreak = '\n'): MappedText {
  const parts: MappedText[] = [];
  const walk = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          parts.push(valueText(node, source).replaceChar('\n', softBreak));
          break;
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'link':
        case 'linkReference':
          walk(node.children);
          break;
        case 'image':
        case 'imageReference':
          if (node.alt) parts.push(MappedText.synthetic(node.alt, startOffset(node)));
          break;
        case 'break':
          parts.push(MappedText.synthetic(hardBreak, startOffset(node)));
          break;
        case 'html':
          if (/^<br\s*\/?>$/i.test(node.value.trim())) parts.push(MappedText.synthetic('\n', startOffset(node)));
          break;
        default:
          break;
      }
    }
  };
  walk(nodes);
  return MappedText.join(parts, '');
}

/** A paragraph (or heading, or table cell) as text: soft breaks read as spaces, hard breaks as `hardBreak` ('\n' unless told). */
export function lineOf(nodes: readonly PhrasingContent[], source: string, hardBreak = '\n'): MappedText {
  return inlineText(nodes, source, ' ', hardBreak).trim();
}

/** Text of a code block, mapped line by line. */
export function codeText(node: { value: string; position?: Nodes['position'] }, source: string): MappedText {
  const pos = node.position;
  if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return MappedText.synthetic(node.value);
  // Skip the opening fence line so the value aligns with the code itself.
  const fenceEnd = source.indexOf('\n', pos.start.offset);
  const from = /^\s*(```|~~~)/.test(source.slice(pos.start.offset, pos.start.offset + 8)) && fenceEnd >= 0 ? fenceEnd + 1 : pos.start.offset;
  return new MappedText(node.value, alignValue(node.value, source, from, pos.end.offset)).withoutCarriageReturns();
}
