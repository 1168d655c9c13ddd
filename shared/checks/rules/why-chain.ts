/**
 * why-chain: "why did…" questions and five-whys framing. Information only: "how did it become
 * possible that…" surfaces the conditions, where a chain of whys tends to stop at one cause or a person.
 * "We do not know why…" and "the reason why…" are statements, not why-questions.
 */
import { analysed, boundaryBetween, type Token } from '../language/analysis.ts';
import { PROSE_SECTIONS, q, scanSentences, type SentenceHit } from '../language/scan.ts';
import { looksLikeParticiple, verbForms } from '../language/verbs.ts';
import type { RuleDefinition } from '../types.ts';

const AUXILIARIES = new Set([
  'did', 'do', 'does', 'was', 'were', 'is', 'are', 'has', 'have', 'had', 'would', 'could', 'should', 'will', 'can', 'may',
  'might', 'must', 'wo', 'ca', 'not',
]);
const OPENERS = new Set(['so', 'but', 'and', 'then', 'now', 'also']);
const FIVE_WHYS = /\b(?:five|5)[\s-]*(?:whys?|why['’]s)\b/gi;

/** Rewrites "Why did the deploy go to all regions?" as "How did it become possible that the deploy went to all regions?". */
export function howRewrite(tokens: readonly Token[], why: number, sentence: string): string | null {
  const aux = tokens[why + 1];
  if (!aux) return null;
  let k = why + 2;
  const negated = tokens[k]?.norm === 'not';
  if (negated) k += 1;
  const subjectStart = k;
  const tail = (from: number) => sentence.slice(tokens[from]!.start).replace(/[?!.\s]+$/, '');
  if (aux.norm === 'did') {
    for (let j = subjectStart + 1; j < tokens.length; j += 1) {
      const t = tokens[j]!;
      if (t.norm === 'not') continue;
      if (t.tags.has('Verb') && (t.tags.has('Infinitive') || t.tags.has('PresentTense')) && !t.tags.has('Auxiliary')) {
        const notHere = tokens[j - 1]?.norm === 'not';
        const subject = sentence.slice(tokens[subjectStart]!.start, tokens[notHere ? j - 2 : j - 1]!.end);
        const rest = j + 1 < tokens.length ? ` ${tail(j + 1)}` : '';
        const verb = negated || notHere ? `did not ${verbForms(t.norm).infinitive}` : verbForms(t.norm).past;
        return `How did it become possible that ${subject} ${verb}${rest}?`;
      }
    }
    return null;
  }
  if (/^(?:was|were|is|are)$/.test(aux.norm)) {
    for (let j = subjectStart + 1; j < tokens.length; j += 1) {
      const t = tokens[j]!;
      if (t.norm === 'not' || looksLikeParticiple(t.text, t.tags) || t.tags.has('Adjective') || t.tags.has('Preposition')) {
        const subject = sentence.slice(tokens[subjectStart]!.start, tokens[j - 1]!.end);
        const be = aux.norm === 'is' || aux.norm === 'was' ? 'was' : 'were';
        return `How did it become possible that ${subject} ${be}${negated ? ' not' : ''} ${tail(j)}?`;
      }
    }
  }
  return null;
}

function check(sentence: string, tokens: readonly Token[]): SentenceHit[] {
  const hits: SentenceHit[] = [];
  for (const m of sentence.matchAll(FIVE_WHYS)) {
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      message: `${q(m[0])} frames the analysis as one chain of causes.`,
      suggestion:
        'Ask “how did it become possible that…?” at each layer (trigger → contributing factors → control failure → system gap), and keep every branch, not one chain.',
    });
  }
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.norm !== 'why' || t.implicit) continue;
    const prev = tokens[i - 1];
    const atClauseStart =
      !prev || boundaryBetween(prev, t) || /["“(]/.test(t.pre) || (OPENERS.has(prev.norm) && (i === 1 || boundaryBetween(tokens[i - 2]!, prev)));
    if (!atClauseStart) continue;
    const next = tokens[i + 1];
    const question = /\?/.test(sentence.slice(t.end, (tokens.find((x, j) => j > i && /\?/.test(x.post))?.end ?? sentence.length) + 1));
    const inverted = next !== undefined && AUXILIARIES.has(next.norm) && !boundaryBetween(t, next);
    const bare = next === undefined || /\?/.test(t.post);
    if (!inverted && !(bare && question) && !(next?.norm === 'not' && question)) continue;
    let endTok = i;
    while (endTok + 1 < tokens.length && !/[?]/.test(tokens[endTok]!.post)) endTok += 1;
    const end = tokens[endTok]!.end;
    const rewrite = howRewrite(tokens, i, sentence.slice(0, end));
    hits.push({
      start: t.start,
      end,
      message: `${q(sentence.slice(t.start, end))} asks why; why-chains tend to stop at one cause or at a person.`,
      suggestion: rewrite
        ? `Ask how instead: ${q(rewrite, 160)}`
        : 'Ask how instead: “How did it become possible that …?” — it points at the conditions that allowed the outcome.',
    });
  }
  return hits;
}

export const rule: RuleDefinition = {
  id: 'why-chain',
  severity: 'info',
  reason: 'Prefer “how” over “why”: how-questions surface the conditions that made the outcome possible.',
  check(ctx) {
    return scanSentences(ctx, { key: 'why-chain', sections: ['header', ...PROSE_SECTIONS] }, (sentence) => {
      if (!/\b(?:five|5)[\s-]*why|\bwhy\b[^]*\?|\bwhy\s+(?:did|do|does|was|were|is|are|has|have|had|would|could|should|will|can|must|might|not|wo|ca)/i.test(sentence)) return [];
      return check(sentence, analysed(ctx.memo, sentence).tokens);
    });
  },
};
