/**
 * Typing into the first paragraph of the `summary` fragment the way TipTap (y-prosemirror)
 * does: the server seeds an empty `paragraph` element; the first keystroke adds one Y.XmlText
 * to it, and every later keystroke inserts characters into that Y.XmlText.
 */
import * as Y from 'yjs';
import { ROOTS } from '../../shared/schema/roots.ts';

/** The Y.XmlText of the summary's first paragraph, or null before anyone typed there. */
export function summaryText(doc: Y.Doc): Y.XmlText | null {
  const paragraph = doc.getXmlFragment(ROOTS.summary).get(0);
  if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph') return null;
  const first = paragraph.get(0);
  return first instanceof Y.XmlText ? first : null;
}

/** The summary paragraph's Y.XmlText, created with `initial` by this doc if it is not there yet. */
export function ensureSummaryText(doc: Y.Doc, initial: string): Y.XmlText {
  const existing = summaryText(doc);
  if (existing) return existing;
  const paragraph = doc.getXmlFragment(ROOTS.summary).get(0);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error('the summary has no seeded paragraph');
  paragraph.insert(0, [new Y.XmlText(initial)]);
  return summaryText(doc)!;
}

/** A small seeded PRNG (mulberry32) so runs type the same text. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A person typing: mostly at a cursor that moves forward, now and then clicking elsewhere.
 * Each call is one keystroke-sized transaction (1-3 characters).
 */
export function typist(text: Y.XmlText, random: () => number): () => void {
  const letters = 'etaoin shrdlu cmfwyp vbgkqjxz';
  let cursor = text.length;
  return () => {
    if (random() < 0.05 || cursor > text.length) cursor = Math.floor(random() * (text.length + 1));
    const count = 1 + Math.floor(random() * 3);
    let chars = '';
    for (let i = 0; i < count; i += 1) chars += letters[Math.floor(random() * letters.length)];
    text.insert(cursor, chars);
    cursor += count;
  };
}
