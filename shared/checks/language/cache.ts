/**
 * One memo entry per sentence holding everything derived from it (the parse, the names, each
 * rule's hits), so a 50 KB postmortem costs one entry per sentence in the engine's bounded memo.
 */
import type { Memo } from '../types.ts';
import type { Analysis } from './analysis.ts';
import type { NameSpan } from './names.ts';
import type { SentenceHit } from './scan.ts';

export interface SentenceCache {
  analysis?: Analysis;
  names?: NameSpan[];
  readonly hits: Map<string, SentenceHit[]>;
}

/** The cache record of one sentence (created empty on first use). */
export function sentenceCache(memo: Memo, text: string): SentenceCache {
  return memo.get<SentenceCache>(`sentence|${text}`, () => ({ hits: new Map() }));
}
