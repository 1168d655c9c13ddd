/**
 * One sentence read by compromise: tokens with offsets, part-of-speech tags and contraction parts.
 * Parsing costs ~0.3–1 ms a sentence, so rules reach it through `analysed`, which memoises by text.
 */
import nlp from 'compromise';
import type { Memo } from '../types.ts';
import { sentenceCache } from './cache.ts';

export interface Token {
  /** Surface text; hyphenated words are merged ("on-call", "checkout-api"). */
  readonly text: string;
  /** Lower-cased surface without a possessive "'s" and without a leading "@". */
  readonly lower: string;
  /** The word as read: contraction parts expanded ("couldn't" → "could" + "not"), lower-cased. */
  readonly norm: string;
  /** Offsets into the sentence; an implicit contraction part is empty (start === end). */
  readonly start: number;
  readonly end: number;
  readonly tags: ReadonlySet<string>;
  /** Punctuation and spaces before/after the word. */
  readonly pre: string;
  readonly post: string;
  readonly implicit: boolean;
  readonly possessive: boolean;
}

export interface Analysis {
  readonly text: string;
  readonly tokens: readonly Token[];
}

interface RawTerm {
  text: string;
  normal?: string;
  machine?: string;
  implicit?: string;
  pre: string;
  post: string;
  tags: Set<string>;
  offset?: { start: number; length: number };
}

const POSSESSIVE = /['’]s$|['’]$/;

function toToken(term: RawTerm): Token {
  const start = term.offset?.start ?? 0;
  // Compromise leaves a decomposed accent ("Jose" + U+0301) in the word's trailing punctuation.
  const marks = term.text === '' ? '' : (/^\p{M}+/u.exec(term.post)?.[0] ?? '');
  const text = term.text + marks;
  const implicit = text === '' && Boolean(term.implicit);
  const possessive = term.tags.has('Possessive') || (POSSESSIVE.test(text) && !/n['’]t$/i.test(text));
  let lower = text.toLowerCase().replace(/^@/, '');
  if (possessive) lower = lower.replace(POSSESSIVE, '');
  const norm = (term.implicit ?? term.machine ?? term.normal ?? lower).toLowerCase();
  return {
    text,
    lower,
    norm: implicit ? norm : norm.replace(/^@/, '').replace(POSSESSIVE, '') || lower,
    start,
    end: start + text.length,
    tags: term.tags,
    pre: term.pre,
    post: term.post.slice(marks.length),
    implicit,
    possessive,
  };
}

/** Merges compromise's hyphen split ("on" "-" "call") back into one token. */
function mergeHyphens(tokens: Token[], sentence: string): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.post === '-' && t.pre === '' && !prev.implicit && !t.implicit && t.start === prev.end + 1) {
      const text = sentence.slice(prev.start, t.end);
      const tags = new Set(t.tags);
      tags.add('Hyphenated');
      out[out.length - 1] = {
        ...t,
        text,
        lower: `${prev.lower}-${t.lower}`,
        norm: `${prev.norm}-${t.norm}`,
        start: prev.start,
        tags,
        pre: prev.pre,
      };
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Reads one sentence. Never throws: odd input gives fewer tokens, not an exception. */
export function analyse(text: string): Analysis {
  try {
    const doc = nlp(text);
    doc.compute('offset');
    const raw = (doc as unknown as { docs: RawTerm[][] }).docs.flat();
    const tokens = raw.map((term) => toToken(term)).filter((t) => t.start >= 0 && t.end <= text.length);
    return { text, tokens: mergeHyphens(tokens, text) };
  } catch {
    return { text, tokens: [] };
  }
}

/** `analyse`, memoised across runs by sentence text. */
export function analysed(memo: Memo, text: string): Analysis {
  const cache = sentenceCache(memo, text);
  cache.analysis ??= analyse(text);
  return cache.analysis;
}

// ---- small predicates over tokens -------------------------------------------------------------

/** Whether a token carries a compromise tag ("Verb", "Noun", "Person"…). */
export const has = (t: Token | undefined, tag: string): boolean => t !== undefined && t.tags.has(tag);

/** True when a clause boundary (comma, semicolon, colon, dash, bracket, ?/!) sits between a and b. */
export function boundaryBetween(a: Token, b: Token): boolean {
  return /[,;:()\u2014\u2013]|\s-\s|[?!]/.test(a.post + b.pre);
}
