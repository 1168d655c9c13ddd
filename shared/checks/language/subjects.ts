/**
 * Who a clause is about: the subject of a verb, read back from the verb to the head of its noun
 * phrase, and classified as a person (a name, a role, a team, "we"), an affected person (customers),
 * or a system. Heuristic, over compromise's tags; good enough for modal and "failed to" clauses.
 */
import { boundaryBetween, has, type Token } from './analysis.ts';
import { AFFECTED_PEOPLE, NOT_PEOPLE, PERSON_NOUNS, PERSON_PRONOUNS } from './lexicon.ts';
import type { NameSpan } from './names.ts';

export type SubjectKind = 'person' | 'nobody' | 'affected' | 'system' | 'implicit';

export interface Subject {
  readonly kind: SubjectKind;
  /** Index of the head word, or -1 when the clause has no subject ("Should have checked…"). */
  readonly head: number;
}

const CLAUSE_WORDS = new Set([
  'if', 'when', 'whenever', 'because', 'since', 'although', 'though', 'while', 'and', 'but', 'or', 'so', 'unless', 'until',
  'before', 'after', 'once', 'whereas', 'then', 'that', 'which', 'who', 'whom', 'where', 'why', 'how', 'what', 'whether',
  'as', 'than', 'otherwise', 'yet',
]);
const SKIPPABLE = new Set([
  'not', 'also', 'really', 'probably', 'likely', 'definitely', 'certainly', 'simply', 'just', 'still', 'clearly', 'obviously',
  'surely', 'never', 'easily', 'reasonably', 'realistically', 'actually', 'arguably', 'perhaps', 'maybe', 'all', 'both', 'only',
  'themselves', 'ourselves', 'himself', 'herself', 'myself', 'yourself', 'then', 'ever', 'even', 'instead', 'immediately', 'sooner',
]);
const PREPOSITIONS = new Set(['of', 'on', 'in', 'at', 'from', 'with', 'for', 'behind', 'inside', 'within', 'during', 'under', 'over', 'across']);
const THING_PRONOUNS = new Set(['it', 'this', 'that', 'which', 'these', 'those', 'there']);
// Person nouns that are also software ("the Kubernetes operator", "the monitoring agent").
const SOFTWARE_PERSON_NOUNS = new Set(['operator', 'operators', 'agent', 'agents', 'owner', 'owners', 'member', 'members', 'lead', 'leads']);

function inName(names: readonly NameSpan[], t: Token): boolean {
  return names.some((n) => t.start < n.end && t.end > n.start);
}

/** Classifies one head word (with the words before it in its noun phrase). */
export function classifyHead(tokens: readonly Token[], head: number, names: readonly NameSpan[], npStart = head): SubjectKind {
  const t = tokens[head];
  if (!t) return 'implicit';
  const w = t.norm;
  if (w === 'one' && tokens[head - 1]?.norm === 'no') return 'nobody';
  if (w === 'nobody' || w === 'none') return 'nobody';
  // "no responder", "no engineer on the team"
  for (let k = npStart; k < head; k += 1) if (tokens[k]!.norm === 'no' && PERSON_NOUNS.has(w)) return 'nobody';
  if (THING_PRONOUNS.has(w)) return 'system';
  if (inName(names, t)) return 'person';
  if (PERSON_PRONOUNS.has(w)) return 'person';
  if (AFFECTED_PEOPLE.has(w)) return 'affected';
  if (PERSON_NOUNS.has(w) || PERSON_NOUNS.has(t.lower)) {
    if (SOFTWARE_PERSON_NOUNS.has(w)) {
      // "the Kubernetes operator", "the monitoring agent", "the team lead" — look at the modifier.
      const mod = tokens[head - 1];
      if (mod && head - 1 >= npStart && (NOT_PEOPLE.has(mod.lower) || /^(?:monitoring|metrics|logging|deploy|kubernetes|k8s|database|build|ssm|cloudwatch|datadog)$/.test(mod.norm))) {
        return 'system';
      }
    }
    return 'person';
  }
  return 'system';
}

/** Index of the first token of the clause that contains token `i`. */
export function clauseStart(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k > 0) {
    const prev = tokens[k - 1]!;
    if (boundaryBetween(prev, tokens[k]!) || CLAUSE_WORDS.has(prev.norm)) break;
    k -= 1;
  }
  return k;
}

/**
 * The subject of the verb group starting at `v` (a modal, "failed", "forgot"…): the head of the
 * first noun phrase of the clause, skipping prepositional phrases ("the engineer on call").
 */
export function subjectOf(tokens: readonly Token[], v: number, names: readonly NameSpan[]): Subject {
  let end = v - 1;
  while (end >= 0 && (SKIPPABLE.has(tokens[end]!.norm) || tokens[end]!.implicit) && !boundaryBetween(tokens[end]!, tokens[end + 1]!)) end -= 1;
  if (end < 0) return { kind: 'implicit', head: -1 };
  if (boundaryBetween(tokens[end]!, tokens[end + 1]!)) {
    // "The engineer, who was new, should have asked": step back over a relative clause.
    return relativeAntecedent(tokens, end, names) ?? { kind: 'implicit', head: -1 };
  }
  let start = clauseStart(tokens, end);
  // A relative clause inside the subject: "The engineer who ran the migration should have…"
  const rel = tokens[start - 1];
  if (rel && /^(?:who|that|which)$/.test(rel.norm) && start - 2 >= 0 && has(tokens[start - 2], 'Noun')) {
    const outer = clauseStart(tokens, start - 2);
    start = outer;
    end = start - 1;
    for (let k = outer; k <= v - 1 && tokens[k]!.norm !== rel.norm; k += 1) end = k;
  }
  // Head: last noun-ish word before the first preposition or verb; a possessive resets the phrase.
  let head = -1;
  let npStart = start;
  for (let k = start; k <= end; k += 1) {
    const t = tokens[k]!;
    if (k > start && PREPOSITIONS.has(t.norm) && head >= 0) break;
    if (has(t, 'Verb') && !has(t, 'Noun') && !has(t, 'Gerund') && !has(t, 'Person') && head >= 0) break;
    if (has(t, 'Determiner') || has(t, 'Adverb') || t.implicit) continue;
    if (t.possessive) {
      // "the team's deploy script": the script is the subject, unless nothing follows.
      head = k;
      npStart = k + 1;
      continue;
    }
    if (has(t, 'Noun') || has(t, 'Pronoun') || has(t, 'Person') || has(t, 'ProperNoun') || has(t, 'Value') || /^[a-z@]/i.test(t.text)) head = k;
  }
  if (head < 0) return { kind: 'implicit', head: -1 };
  return { kind: classifyHead(tokens, head, names, npStart), head };
}

function relativeAntecedent(tokens: readonly Token[], end: number, names: readonly NameSpan[]): Subject | null {
  // Walk back to the comma that opens the relative clause, then take the phrase before it.
  for (let k = end; k > 0; k -= 1) {
    if (/^(?:who|which)$/.test(tokens[k]!.norm) && boundaryBetween(tokens[k - 1]!, tokens[k]!)) {
      const s = subjectOf(tokens, k, names);
      return s.head >= 0 ? s : null;
    }
  }
  return null;
}
