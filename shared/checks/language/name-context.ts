/**
 * The context around a capitalised word that decides whether it names a person: what follows it
 * (a verb only people do, "from the storage team", a chat speaker's "rolling back"), what comes
 * before it ("paged", "escalated to"), and what it is set beside (an appositive naming a system,
 * a place it is coordinated with). Used by names.ts.
 */
import { boundaryBetween, has, type Token } from './analysis.ts';
import { HUMAN_VERBS, OPERATOR_VERBS, PERSON_NOUNS, SHARED_SUBJECT_VERBS, SPEAKER_OPENERS, SYSTEM_HEADS, SYSTEM_NOUNS } from './lexicon.ts';

/** Words that open a noun phrase: a capitalised word after one is a product or a place ("the Hermes router"). */
export const DETERMINERS = new Set(['the', 'a', 'an', 'our', 'their', 'this', 'that', 'these', 'those', 'its', 'each', 'every', 'any', 'some', 'no']);
// Verbs whose object is a person and never a place or a team ("paged Austin"; not "called", "handed off to Sydney").
const PERSON_ONLY_OBJECT_VERBS = new Set(['paged', 'pinged', 'asked', 'ask', 'told', 'tell', 'messaged', 'thanked', 'cc', "cc'd", 'woke', 'phoned', 'emailed', "dm'd", 'dmed']);
// "escalated to Georgia", "spoke with Jordan".
const PERSON_ONLY_HANDOFF = new Set(['escalated', 'spoke', 'talked']);
// Words before a clause's subject ("…, and Victoria noticed", "then Jordan restarted").
const SUBJECT_OPENERS = new Set(['and', 'but', 'then', 'so', 'when', 'after', 'before', 'because', 'while', 'until', 'once', 'since', 'as', 'where']);
const PARTICLES = new Set(['back', 'out', 'off', 'over', 'up', 'down', 'in']);
// What only a person has: "Jordan's laptop", "Georgia's PR" (not "Sydney's team", "Sydney's deploy").
const PERSON_ONLY_THINGS = new Set(['laptop', 'terminal', 'credentials', 'shell', 'keyboard', 'pr', 'commit', 'branch', 'change', 'suggestion', 'approval', 'decision', 'manager']);

/** The word after i (skipping a few adverbs such as "then", "manually"), with whether a boundary came first. */
export function nextWord(tokens: readonly Token[], i: number): { t: Token | undefined; j: number; broken: boolean } {
  let j = i + 1;
  while (j < tokens.length && (tokens[j]!.implicit || (has(tokens[j], 'Adverb') && !has(tokens[j], 'Verb')))) {
    if (boundaryBetween(tokens[j - 1]!, tokens[j]!)) break;
    j += 1;
  }
  const t = tokens[j];
  return { t, j, broken: t === undefined || boundaryBetween(tokens[j - 1]!, t) };
}

export function isVerbLike(t: Token | undefined): boolean {
  return t !== undefined && has(t, 'Verb') && !has(t, 'Person');
}

/** "<name> from / on / of the storage team". */
export function fromTeam(tokens: readonly Token[], next: { t: Token | undefined; j: number }): boolean {
  if (!next.t || !/^(?:from|on|of)$/.test(next.t.norm)) return false;
  for (let k = next.j + 1; k < Math.min(tokens.length, next.j + 5); k += 1) if (/^teams?$/.test(tokens[k]!.norm)) return true;
  return false;
}

/** A chat-style speaker at the start of a line: "14:20 - Giulia: rolling back", "Jordan: I'm on it". */
export function speaks(tokens: readonly Token[], i: number, end: number, first: number): boolean {
  const said = tokens[end + 1];
  return i === first && /^\s*:/.test(tokens[end]!.post) && said !== undefined && SPEAKER_OPENERS.has(said.norm);
}

/** A verb with an object after it ("restarted the pod", "rolled back"), not "ran out of", "opened 5k connections". */
function takesObject(tokens: readonly Token[], v: number): boolean {
  let k = v + 1;
  if (tokens[k] && PARTICLES.has(tokens[k]!.norm) && !boundaryBetween(tokens[k - 1]!, tokens[k]!)) {
    if (tokens[k]!.norm === 'back') return true;
    k += 1;
  }
  const o = tokens[k];
  if (!o || boundaryBetween(tokens[k - 1]!, o) || has(o, 'Value') || /^\d/.test(o.text) || o.norm === 'its') return false;
  return has(o, 'Determiner') || has(o, 'Noun') || has(o, 'Pronoun') || o.possessive;
}

/**
 * Context that fits only a person, strong enough to outweigh a place, month or verb reading of a
 * first name ("Victoria noticed", "Jordan restarted the pod", "paged Austin", "escalated to
 * Georgia", "Bob from the billing team"). Not "Sydney saw errors": regions see, lose and recover.
 */
export function personOnlyContext(tokens: readonly Token[], i: number, end: number, first: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = nextWord(tokens, end);
  const subject = i === first || !prev || boundaryBetween(prev, t) || SUBJECT_OPENERS.has(prev.norm);
  if (subject && next.t && !next.broken && isVerbLike(next.t)) {
    if (HUMAN_VERBS.has(next.t.norm) && !SHARED_SUBJECT_VERBS.has(next.t.norm)) return true;
    if (OPERATOR_VERBS.has(next.t.norm) && takesObject(tokens, next.j)) return true;
  }
  if (prev && PERSON_ONLY_OBJECT_VERBS.has(prev.norm) && !boundaryBetween(prev, t)) return true;
  if (prev && (prev.norm === 'to' || prev.norm === 'with') && !boundaryBetween(prev, t)) {
    for (let k = i - 2; k >= Math.max(0, i - 4); k -= 1) if (PERSON_ONLY_HANDOFF.has(tokens[k]!.norm)) return true;
  }
  // "Jordan's laptop", "Jordan's change", but not "Sydney's change window".
  const thing = tokens[end + 1];
  if (tokens[end]!.possessive && thing && PERSON_ONLY_THINGS.has(thing.norm) && !(has(tokens[end + 2], 'Noun') && !boundaryBetween(thing, tokens[end + 2]!))) return true;
  return fromTeam(tokens, next) || speaks(tokens, i, end, first);
}

/** A system noun heading an appositive ("our CDC pipeline", "the deploy bot"). */
function isSystemHead(word: string): boolean {
  return SYSTEM_HEADS.has(word) || (SYSTEM_NOUNS.has(word) && !PERSON_NOUNS.has(word));
}

/** "Marvin, the deploy bot," / "Maxwell, our CDC pipeline," / "our CDC pipeline, Maxwell": an appositive naming a system. */
export function namesSystemByApposition(tokens: readonly Token[], i: number, end: number): boolean {
  const last = tokens[end]!;
  const after = tokens[end + 1];
  if (after && /[,(]/.test(last.post) && (has(after, 'Determiner') || DETERMINERS.has(after.norm))) {
    for (let k = end + 2; k < Math.min(tokens.length, end + 6); k += 1) {
      if (has(tokens[k], 'Verb') && !has(tokens[k], 'Noun')) break;
      if (/[,;:).]/.test(tokens[k]!.post) || k === tokens.length - 1) {
        if (isSystemHead(tokens[k]!.norm)) return true;
        break;
      }
    }
  }
  const prev = tokens[i - 1];
  if (prev && /[,(]/.test(prev.post) && isSystemHead(prev.norm)) {
    for (let k = i - 2; k >= Math.max(0, i - 5); k -= 1) {
      if (/[,;:()]/.test(tokens[k]!.post)) break;
      if (has(tokens[k], 'Determiner') || DETERMINERS.has(tokens[k]!.norm)) return true;
    }
  }
  return false;
}

const isPlace = (t: Token | undefined): boolean => t !== undefined && has(t, 'Place') && !has(t, 'Person');
const joins = (a: Token | undefined, b: Token | undefined): boolean => a !== undefined && b !== undefined && !boundaryBetween(a, b);

/** "Zürich and Málaga", "Georgia or Virginia": a word joined by and/or to a place is a place too. */
export function coordinatedWithPlace(tokens: readonly Token[], i: number, end: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[end + 1];
  if (before && /^(?:and|or)$/.test(before.norm) && joins(tokens[i - 2], before) && joins(before, tokens[i]) && isPlace(tokens[i - 2])) return true;
  return after !== undefined && /^(?:and|or)$/.test(after.norm) && joins(tokens[end], after) && joins(after, tokens[end + 2]) && isPlace(tokens[end + 2]);
}
