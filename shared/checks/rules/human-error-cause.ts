/**
 * human-error-cause: "human error", "operator error", carelessness or negligence given as the
 * cause. Not when the sentence names something a control will reduce ("a confirmation prompt to
 * reduce human error", "makes operator error less likely"), rejects the label ("this was not human
 * error"), or asks a question (that is blame-question's business).
 */
import { analysed, has, type Token } from '../language/analysis.ts';
import { PERSON_NOUNS } from '../language/lexicon.ts';
import { namesIn, type NameSpan } from '../language/names.ts';
import { q, scanSentences, type SentenceHit } from '../language/scan.ts';
import type { FindingSection, RuleDefinition } from '../types.ts';

const SECTIONS: readonly FindingSection[] = ['header', 'summary', 'control', 'factors', 'prevention'];

const ERROR_NOUNS = /^(?:errors?|mistakes?|failures?|slips?|faults?|oversights?)$/;
const PEOPLE_MODIFIERS = /^(?:human|operator|operators|pilot|engineer|engineering|personnel|staff|people|employee|manual|individual|developer|admin|administrator)$/;
const TRAIT_WORDS = /^(?:carelessness|careless|carelessly|negligence|negligent|negligently|inattention|inattentive|sloppiness|sloppy|complacency|complacent|recklessness|reckless|incompetence|incompetent|laziness|lazy|pebkac)$/;
const LACK_OF = /^(?:attention|care|diligence|focus|rigou?r|discipline|concentration|competence)$/;
// Words before the term that make it something a control reduces or a condition of the system.
const REDUCING = /^(?:reduce|reduces|reducing|reduced|minimi[sz]e|minimi[sz]es|minimi[sz]ing|prevent|prevents|preventing|prevented|avoid|avoids|avoiding|eliminate|eliminates|eliminating|catch|catches|catching|guard|guards|protect|protects|protection|resilient|resilience|tolerant|tolerate|tolerates|mitigate|mitigates|mitigating|limit|limits|lower|lowers|prone|susceptible|vulnerable|against|risk|chance|chances|likelihood|class|room|opportunities|opportunity|absorb|absorbs|forgiving|contain|contains|detect|detects|recover|recovers|survive|survives|removes|remove|removing|impact)$/;
const AFTER_CONDITION = /^(?:less|more|harder|easier|easy|impossible|unlikely|likely|possible|inevitable|cheap|costly|expected|normal|caught|tolerated|recoverable|happen|happens)$/;
const NEGATING = /^(?:not|never|no|beyond|than|instead)$/;
const META = /^(?:calling|label|labell?ing|blame|blaming|symptom|symptoms)$/;

interface Term {
  readonly first: number;
  readonly last: number;
}

function findTerms(tokens: readonly Token[], personAt: (i: number) => boolean): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const w = t.norm;
    if (PEOPLE_MODIFIERS.test(w) && next && ERROR_NOUNS.test(next.norm)) {
      // "user error" is a people modifier only in the singular; "user errors" are a metric.
      out.push({ first: i, last: i + 1 });
      i += 1;
    } else if (w === 'user' && next?.norm === 'error' && next.text.toLowerCase() === 'error' && !/^(?:rates?|counts?|messages?|pages?|spikes?|codes?|responses?|budget)$/.test(tokens[i + 2]?.norm ?? '')) {
      out.push({ first: i, last: i + 1 });
      i += 1;
    } else if (TRAIT_WORDS.test(w)) {
      out.push({ first: i, last: i });
    } else if (w === 'lack' && next?.norm === 'of' && LACK_OF.test(tokens[i + 2]?.norm ?? '')) {
      out.push({ first: i, last: i + 2 });
      i += 2;
    } else if (w === 'lapse' && /^(?:in|of)$/.test(next?.norm ?? '')) {
      out.push({ first: i, last: Math.min(tokens.length - 1, i + 2) });
    } else if (ERROR_NOUNS.test(w) && !/^failures?$/.test(w)) {
      // "a mistake by the engineer", "a mistake made by an engineer", "the engineer's mistake",
      // "an error on the part of the operator"
      const agentAt = next && /^(?:made|committed)$/.test(next.norm) && tokens[i + 2]?.norm === 'by' ? i + 2 : i + 1;
      const by = tokens[agentAt] && /^(?:by|of|from)$/.test(tokens[agentAt]!.norm) ? agentAt + 1 : -1;
      const partOf = next?.norm === 'on' && tokens[i + 2]?.norm === 'the' && tokens[i + 3]?.norm === 'part';
      let owner = -1;
      if (by > 0) {
        let k = by;
        // Determiners and up to two adjectives: "by a new engineer", "by one of the tired operators".
        for (let adjectives = 0; tokens[k]; k += 1) {
          if (/^(?:the|an?|our|one|of|on-call)$/.test(tokens[k]!.norm)) continue;
          if (adjectives < 2 && tokens[k + 1] && has(tokens[k], 'Adjective') && !personAt(k)) {
            adjectives += 1;
            continue;
          }
          break;
        }
        owner = k;
      }
      const prev = tokens[i - 1];
      const prev2 = tokens[i - 2];
      const possessor = prev?.possessive ? i - 1 : prev2?.possessive && /^(?:simple|honest|small|single|careless|big)$/.test(prev?.norm ?? '') ? i - 2 : -1;
      // "<person> made a (simple) mistake": the subject before "made".
      const madeAt = [i - 1, i - 2, i - 3].find((k) => /^(?:made|makes|make)$/.test(tokens[k]?.norm ?? ''));
      const made = madeAt !== undefined ? madeAt - 1 : -1;
      if (partOf || (owner >= 0 && personAt(owner)) || (possessor >= 0 && personAt(possessor))) {
        out.push({ first: possessor >= 0 ? possessor : i, last: owner >= 0 && personAt(owner) ? owner : i });
      } else if (made >= 0 && tokens[made] && personAt(made)) {
        out.push({ first: made, last: i });
      }
    }
  }
  return out;
}

function excused(tokens: readonly Token[], term: Term): boolean {
  const from = Math.max(0, term.first - 8);
  const before = tokens.slice(from, term.first).map((t) => t.norm);
  if (before.some((w) => REDUCING.test(w))) return true;
  const after = tokens.slice(term.last + 1, term.last + 6).map((t) => t.norm);
  // "human error was involved" / "played a part": present, not framed as the cause.
  if (/^(?:was|is|were) involved|^played (?:an?|no) (?:part|role)|^(?:was|is) a factor|^(?:was|is|were) not\b/.test(after.join(' '))) return true;
  if (after.some((w) => AFTER_CONDITION.test(w))) return true;
  // "the tooling made human error likely": causative "make" (not "made a mistake").
  const lead = tokens.slice(Math.max(0, term.first - 3), term.first).map((t) => t.norm);
  if (lead.some((w) => /^(?:make|makes|made|making)$/.test(w)) && !/^(?:a|an)$/.test(tokens[term.first - 1]?.norm ?? '')) return true;
  // "the console made it easy to repeat a mistake made by an engineer": the system made it likely.
  if (/\b(?:make|makes|making|made) it (?:\w+ )?(?:less|more|harder|easier|easy|impossible|unlikely|likely|possible|inevitable)\b/.test(before.join(' '))) return true;
  if (tokens.slice(Math.max(0, term.first - 4), term.first).some((t) => NEGATING.test(t.norm))) return true;
  const all = tokens.map((t) => t.norm);
  if (all.some((w) => META.test(w))) return true;
  const joined = all.join(' ');
  return /\brather than\b|\binstead of\b|\bnot (?:a|an|the)? ?(?:case|matter) of\b/.test(joined.slice(0, joined.indexOf(tokens[term.first]!.norm) + 1));
}

function check(sentence: string, tokens: readonly Token[], names: readonly NameSpan[]): SentenceHit[] {
  if (/\?/.test(sentence)) return [];
  const personAt = (i: number) => {
    const t = tokens[i];
    if (!t) return false;
    return PERSON_NOUNS.has(t.norm) || /^(?:he|she|they|we|i|someone|somebody)$/.test(t.norm) || names.some((n) => t.start < n.end && t.end > n.start);
  };
  return findTerms(tokens, personAt)
    .filter((term) => !excused(tokens, term))
    .map((term) => {
      const start = tokens[term.first]!.start;
      const end = tokens[term.last]!.end;
      const words = sentence.slice(start, end);
      return {
        start,
        end,
        message: `${q(words)} is given as a cause; human error is a symptom, not a cause.`,
        suggestion:
          'Descend a layer: what made the slip easy, and what failed to catch it? Name the control and the system gap, e.g. “The console defaulted to production and nothing asked for confirmation before the delete.”',
      };
    });
}

// Only sentences that can frame a person's error as a cause are parsed ("error rate" alone is not).
const TRIGGER =
  /\b(?:human|operators?|pilot|engineer|engineering|personnel|staff|people|employee|manual|individual|developer|admin|administrator|user)\s+(?:errors?|mistakes?|failures?|slips?|faults?|oversights?)\b|careless|negligen|inattenti|slopp|complacen|reckless|incompeten|\blaz(?:y|iness)\b|\black of\b|\blapse\b|pebkac|\b(?:mistakes?|errors?|oversights?)\s+(?:(?:made|committed)\s+)?(?:by|of|from|on)\b|['’]s?\s+(?:\w+\s+)?(?:mistakes?|errors?|oversights?)\b|\bmade?\s+(?:an?\s+)?(?:\w+\s+)?(?:mistakes?|errors?)\b/i;

export const rule: RuleDefinition = {
  id: 'human-error-cause',
  severity: 'error',
  reason: 'Human error is a symptom, not a cause: the analysis descends to the control failure and the system gap.',
  check(ctx) {
    return scanSentences(ctx, { key: 'human-error-cause', sections: SECTIONS }, (sentence) => {
      if (!TRIGGER.test(sentence)) return [];
      const a = analysed(ctx.memo, sentence);
      return check(sentence, a.tokens, namesIn(ctx.memo, a));
    });
  },
};
