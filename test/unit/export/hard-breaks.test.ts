/**
 * A hard line break (Shift+Enter) is one separator character, HARD_BREAK, in the plain text the
 * checks and the exports read (fragmentText) and in the editor's text map alike, so words around
 * it stay apart and the checks' offsets land on the same characters in the editor.
 */
import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rangeToPos, textMap } from '../../../client/checks/text-map.ts';
import { exportPostmortemMarkdown } from '../../../shared/markdown/export.ts';
import { parsePostmortemMarkdown } from '../../../shared/markdown/index.ts';
import { fragmentText, HARD_BREAK, readSnapshot, seedFromSnapshot } from '../../../shared/schema/index.ts';
import { addHardBreak, emptyDocument } from './documents.ts';

const schema = getSchema([StarterKit]);

/** "a link" (linked) + hard break + "after", then a second paragraph, as the editor holds it. */
function editorDoc(): PMNode {
  return schema.nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a ' },
          { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
          { type: 'hardBreak' },
          { type: 'text', text: 'after' },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'next' }] },
    ],
  });
}

/** The same content in the shared document. */
function sharedFragment(): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('summary');
  const first = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  first.insert(0, [text, new Y.XmlElement('hardBreak'), new Y.XmlText('after')]);
  const second = new Y.XmlElement('paragraph');
  second.insert(0, [new Y.XmlText('next')]);
  fragment.insert(0, [first, second]);
  text.insert(0, 'a ');
  text.insert(2, 'link', { link: { href: 'https://example.com' } });
  return fragment;
}

describe('a hard break in plain text', () => {
  it('is one HARD_BREAK character in fragmentText, not glued words', () => {
    expect(fragmentText(sharedFragment())).toBe(`a link${HARD_BREAK}after\nnext`);
  });

  it('is the same character in the editor’s text map, so offsets match the checks’ text', () => {
    const doc = editorDoc();
    const map = textMap(doc);
    expect(map.text).toBe(fragmentText(sharedFragment()));
    for (const word of ['link', 'after', 'next']) {
      const start = map.text.indexOf(word);
      const range = rangeToPos(map, start, start + word.length)!;
      expect(doc.textBetween(range.from, range.to), word).toBe(word);
    }
    // A range over the break covers the break node and nothing more.
    const start = map.text.indexOf(HARD_BREAK);
    const range = rangeToPos(map, start, start + 1)!;
    expect(range.to - range.from).toBe(1);
    expect(doc.nodeAt(range.from)?.type.name).toBe('hardBreak');
  });

  it('is written as a CommonMark hard break and read back as one, byte for byte', () => {
    const doc = emptyDocument();
    addHardBreak(doc, 'summary', 'after');
    const paragraph = doc.getXmlFragment('summary').get(0) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('a link')]);
    const md = exportPostmortemMarkdown(readSnapshot(doc));
    expect(md).toContain('## Summary\na link\\\nafter\n');
    const back = parsePostmortemMarkdown(md).snapshot;
    expect(back.text.summary).toBe(`a link${HARD_BREAK}after`);
    expect(exportPostmortemMarkdown(back)).toBe(md);
  });

  it('reads a hard break written with two trailing spaces the same way', () => {
    expect(parsePostmortemMarkdown('# T\n\n## Summary\na link  \nafter\n').snapshot.text.summary).toBe(`a link${HARD_BREAK}after`);
  });

  it('becomes a hardBreak node again when a document is made from the text (the import)', () => {
    const { snapshot } = parsePostmortemMarkdown('# T\n\n## Summary\na link\\\nafter\n\nnext\n');
    const doc = new Y.Doc();
    seedFromSnapshot(doc, snapshot);
    const [first, second] = doc.getXmlFragment('summary').toArray() as Y.XmlElement[];
    expect(first!.toArray().map((n) => (n instanceof Y.XmlText ? n.toString() : (n as Y.XmlElement).nodeName))).toEqual(['a link', 'hardBreak', 'after']);
    expect(second!.toString()).toBe('<paragraph>next</paragraph>');
    expect(fragmentText(doc.getXmlFragment('summary'))).toBe(`a link${HARD_BREAK}after\nnext`);
  });
});
