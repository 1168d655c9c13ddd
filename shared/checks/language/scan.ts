/**
 * The loop every sentence rule shares: units of some sections → sentences → a pure per-sentence
 * function whose result is memoised by sentence text, then shifted to field offsets.
 */
import type { CheckSeverity, FindingSection, QuickFix, RuleContext, RuleHit, TextUnit } from '../types.ts';
import { unitsOf } from '../units.ts';
import { sentenceCache } from './cache.ts';
import { splitSentences, type Sentence } from './sentences.ts';

/** A hit inside one sentence; offsets are into the sentence. */
export interface SentenceHit {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly suggestion: string;
  readonly severity?: CheckSeverity;
  readonly fix?: QuickFix;
}

/** Sentences of a field's text, memoised by text. */
export function sentencesOf(ctx: RuleContext, text: string): readonly Sentence[] {
  return ctx.memo.get(`split|${text}`, () => splitSentences(text));
}

export interface ScanOptions {
  /** Memo namespace: the rule id plus anything else the result depends on. */
  readonly key: string;
  readonly sections: readonly FindingSection[];
  /** Skip units for which this returns false (e.g. only action texts). */
  readonly unitFilter?: (unit: TextUnit) => boolean;
  /** Per-hit adjustments that depend on the unit (severity by section), applied after the memo. */
  readonly adjust?: (hit: SentenceHit, unit: TextUnit) => SentenceHit;
}

/** Runs `check` on every sentence of the chosen units and returns the engine's hits. */
export function scanSentences(ctx: RuleContext, options: ScanOptions, check: (sentence: string) => SentenceHit[]): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const unit of unitsOf(ctx, options.sections)) {
    if (options.unitFilter && !options.unitFilter(unit)) continue;
    for (const sentence of sentencesOf(ctx, unit.text)) {
      const cache = sentenceCache(ctx.memo, sentence.text);
      let local = cache.hits.get(options.key);
      if (!local) {
        local = check(sentence.text);
        cache.hits.set(options.key, local);
      }
      for (const raw of local) {
        const h = options.adjust ? options.adjust(raw, unit) : raw;
        hits.push({
          section: unit.section,
          field: unit.field,
          start: sentence.start + h.start,
          end: sentence.start + h.end,
          message: h.message,
          suggestion: h.suggestion,
          ...(h.severity ? { severity: h.severity } : {}),
          ...(h.fix ? { fix: h.fix } : {}),
        });
      }
    }
  }
  return hits;
}

/** Every section that holds prose (all but the header). */
export const PROSE_SECTIONS: readonly FindingSection[] = [
  'summary',
  'timeline',
  'impact',
  'detection',
  'control',
  'factors',
  'actions',
  'prevention',
];

/** “quoted” text for messages, shortened when long. */
export function q(text: string, max = 60): string {
  const t = text.trim();
  return `“${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}”`;
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Removes [start, end) from a sentence and tidies spaces, commas and the first capital. */
export function withoutRange(sentence: string, start: number, end: number): string {
  let before = sentence.slice(0, start);
  let after = sentence.slice(end);
  if (/^\s*,/.test(after) && (before.trim() === '' || /,\s*$/.test(before))) after = after.replace(/^\s*,/, '');
  if (before.trim() === '') after = after.replace(/^[\s,]+/, '');
  if (/,\s*$/.test(before) && /^\s*[.;:!?]/.test(after)) before = before.replace(/,\s*$/, '');
  const joined = `${before.replace(/\s+$/, '')}${before.trim() && !/^[\s,.;:!?)]/.test(after) ? ' ' : ''}${after.replace(/^\s+/, '')}`;
  const wasCapital = /^\p{Lu}/u.test(sentence.trimStart());
  return (wasCapital ? capitalise(joined.trimStart()) : joined.trimStart()).replace(/\s{2,}/g, ' ');
}
