/**
 * A rich-text field without its editor: the field's current text, drawn from its Y.XmlFragment
 * with the editors' own schema and DOM serializer (so it has the same paragraphs, lists, marks
 * and size as the editor), kept live as anyone edits it, with the checks' ranged findings as
 * underlines. Long postmortems show most of their timeline entries and factors this way: each
 * mounted editor costs work on every change of the shared document, this costs nothing until its
 * own text changes. A click (or focus from the keyboard) asks for the real editor.
 */
import type { Attrs, Mark, Node as PMNode, Schema } from '@tiptap/pm/model';
import { DOMSerializer } from '@tiptap/pm/model';
import { useLayoutEffect, useRef, type MouseEvent } from 'react';
import * as Y from 'yjs';
import { fragmentText, HARD_BREAK } from '../../shared/schema/index.ts';
import type { FieldChecks } from '../checks/view.ts';
import { richTextSchema } from './extensions.ts';
import './lazy-rich-text.css';

/** Where to put the caret once the editor is mounted: a text offset (as the checks count), or an end. */
export type CaretRequest = { offset: number } | 'start' | 'end';

// y-prosemirror stores overlapping marks as attributes named `<mark>--<hash>`.
const HASHED_MARK = /--[a-zA-Z0-9+/=]{8}$/;
const TEXTBLOCKS = 'p, h1, h2, h3, h4, h5, h6, pre';

function marksOf(attributes: Record<string, unknown> | undefined, schema: Schema): Mark[] {
  const marks: Mark[] = [];
  for (const [name, value] of Object.entries(attributes ?? {})) {
    const type = schema.marks[name.replace(HASHED_MARK, '')];
    if (type) marks.push(type.create((value ?? null) as Attrs | null));
  }
  return marks;
}

function toNodes(item: unknown, schema: Schema): PMNode[] {
  if (item instanceof Y.XmlElement) {
    const children = item.toArray().flatMap((child) => toNodes(child, schema));
    return [schema.node(item.nodeName, item.getAttributes() as Attrs, children)];
  }
  if (item instanceof Y.XmlText) {
    return (item.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).flatMap((op) =>
      typeof op.insert === 'string' && op.insert ? [schema.text(op.insert, marksOf(op.attributes, schema))] : [],
    );
  }
  return [];
}

/** The fragment as a ProseMirror document (as the editor would read it, without changing anything). */
function fragmentDoc(fragment: Y.XmlFragment, schema: Schema): PMNode {
  return schema.topNodeType.create(
    null,
    fragment.toArray().flatMap((child) => toNodes(child, schema)),
  );
}

let serializer: DOMSerializer | null = null;

/** The fragment's content as DOM, like the editor's; plain paragraphs if it does not fit the schema. */
function contentDom(fragment: Y.XmlFragment): { dom: Node; empty: boolean } {
  const schema = richTextSchema();
  try {
    const doc = fragmentDoc(fragment, schema);
    const first = doc.firstChild;
    const empty = doc.childCount === 0 || (doc.childCount === 1 && !!first?.isTextblock && first.content.size === 0);
    serializer ??= DOMSerializer.fromSchema(schema);
    return { dom: serializer.serializeFragment(doc.content, { document }), empty };
  } catch {
    const dom = document.createDocumentFragment();
    const text = fragmentText(fragment);
    for (const line of text.split('\n')) {
      const p = document.createElement('p');
      p.textContent = line;
      dom.append(p);
    }
    return { dom, empty: text === '' };
  }
}

/** Where a textblock's inline content goes (a code block's is its <code>). */
function contentOf(block: Element): Element {
  return block.tagName === 'PRE' && block.firstElementChild?.tagName === 'CODE' ? block.firstElementChild : block;
}

interface Piece {
  node: Text;
  /** Offset of the node's first character in the field's text. */
  offset: number;
}

/** The <br> added only so that an empty line keeps its height: not a hard break of the text. */
const LINE_KEEPER = 'lazy-line-keeper';

/** A hard break (Shift+Enter) of the text, drawn as <br>: one character (HARD_BREAK) as the checks count it. */
const isHardBreak = (node: Node): boolean => node instanceof HTMLBRElement && !node.classList.contains(LINE_KEEPER);

/** Every text node with its offset in the field's text: textblocks joined by '\n', hard breaks one character each, as the checks read it. */
function textPieces(root: Element): { pieces: Piece[]; text: string } {
  const pieces: Piece[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const block of root.querySelectorAll(TEXTBLOCKS)) {
    let line = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType !== Node.TEXT_NODE) {
        if (isHardBreak(node)) line += HARD_BREAK;
        continue;
      }
      const text = node as Text;
      pieces.push({ node: text, offset: offset + line.length });
      line += text.data;
    }
    lines.push(line);
    offset += line.length + 1;
  }
  return { pieces, text: lines.join('\n') };
}

/** Wraps [start, end) of the field's text in spans with `className` (one per text node it crosses). */
function wrapRange(root: Element, start: number, end: number, className: string): void {
  for (const { node, offset } of textPieces(root).pieces) {
    const from = Math.max(start, offset) - offset;
    const to = Math.min(end, offset + node.length) - offset;
    if (from >= to) continue;
    let middle = node;
    if (from > 0) middle = middle.splitText(from);
    if (to - from < middle.length) middle.splitText(to - from);
    const span = document.createElement('span');
    span.className = className;
    middle.replaceWith(span);
    span.append(middle);
  }
}

/** The checks' ranged findings as underlines (not clickable: the editor's marks are). */
function drawHints(root: Element, field: FieldChecks | undefined): void {
  if (!field || field.ranged.length === 0) return;
  const text = textPieces(root).text.replace(/\n+$/, '');
  const same = text === field.text;
  for (const finding of field.ranged) {
    const { start, end } = finding.location;
    if (start >= end || (!same && text.slice(start, end) !== finding.excerpt)) continue;
    wrapRange(root, start, end, `check-hint check-hint--${finding.severity}${finding.dismissal ? ' check-hint--dismissed' : ''}`);
  }
}

function draw(root: HTMLElement, fragment: Y.XmlFragment, emptyText: string, field: FieldChecks | undefined): void {
  const { dom, empty } = contentDom(fragment);
  if (empty) {
    const p = document.createElement('p');
    p.className = 'is-empty is-editor-empty';
    p.dataset.placeholder = emptyText;
    p.append(document.createElement('br'));
    root.replaceChildren(p);
    return;
  }
  root.replaceChildren(dom);
  // An empty textblock (or one ending in a line break) keeps its line, as the editor's do.
  for (const block of root.querySelectorAll(TEXTBLOCKS)) {
    const content = contentOf(block);
    if (!content.lastChild || (content.lastChild instanceof HTMLBRElement)) {
      const keepsLine = document.createElement('br');
      keepsLine.className = LINE_KEEPER;
      content.append(keepsLine);
    }
  }
  drawHints(root, field);
}

/** Characters of the field's text in `range` (within one block): its text and its hard breaks. */
function textLength(block: Element, range: Range): number {
  let breaks = 0;
  for (const br of block.querySelectorAll('br')) if (isHardBreak(br) && range.intersectsNode(br)) breaks += 1;
  return range.toString().length + breaks;
}

/** The text offset of a point in the drawn field (null when it is not in a textblock). */
function offsetAt(root: Element, node: Node, offset: number): number | null {
  let before = 0;
  for (const block of root.querySelectorAll(TEXTBLOCKS)) {
    const range = document.createRange();
    range.selectNodeContents(block);
    if (block.contains(node)) {
      range.setEnd(node, offset);
      return before + textLength(block, range);
    }
    before += textLength(block, range) + 1;
  }
  return null;
}

/** Where a click at (x, y) lands in the text, or the end when it is not on the text. */
function caretAt(root: Element, x: number, y: number): CaretRequest {
  const position = typeof document.caretPositionFromPoint === 'function' ? document.caretPositionFromPoint(x, y) : null;
  const node = position?.offsetNode;
  if (!position || !node || !root.contains(node)) return 'end';
  const offset = offsetAt(root, node, position.offset);
  return offset === null ? 'end' : { offset };
}

interface Props {
  fragment: Y.XmlFragment;
  label: string;
  /** Shown while the field is empty. */
  emptyText: string;
  editable: boolean;
  testId: string;
  /** The field's findings: ranged ones are underlined. */
  field: FieldChecks | undefined;
  /** Asks for the editor, with where to put the caret (null: do not focus it). */
  onActivate: (caret: CaretRequest | null) => void;
}

/** The stand-in for a field's editor. */
export function StaticRichText({ fragment, label, emptyText, editable, testId, field, onActivate }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  // Drawn before paint (no empty frame), and again after every change of the fragment.
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    draw(root, fragment, emptyText, field);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        draw(root, fragment, emptyText, field);
      }, 0);
    };
    fragment.observeDeep(changed);
    return () => {
      fragment.unobserveDeep(changed);
      clearTimeout(timer);
    };
  }, [fragment, emptyText, field]);

  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if (!editable || event.button !== 0 || !ref.current) return;
    // No focus or selection here: the editor replaces this element and takes the caret.
    event.preventDefault();
    onActivate(caretAt(ref.current, event.clientX, event.clientY));
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    // Links do not open from the text (as in the editor).
    if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
    // A read-only field gets its editor too (clickable check marks), unless text was being selected.
    if (!editable && (document.getSelection()?.isCollapsed ?? true)) onActivate(null);
  };

  return (
    <div data-testid={testId}>
      <div
        ref={ref}
        className="rich-text__content rich-text__static"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-readonly={!editable}
        tabIndex={editable ? 0 : undefined}
        onMouseDown={onMouseDown}
        onClick={onClick}
        onFocus={() => {
          if (editable) onActivate('start');
        }}
      />
    </div>
  );
}
