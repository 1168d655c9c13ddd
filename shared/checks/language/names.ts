/**
 * Where a sentence names a person: @handles, first and last names, lower-case usernames acting in
 * the timeline ("jsmith restarted the pod"), and names the caller knows (roster, --people).
 * Products, services, places and teams that look like names ("Jenkins", "Cassandra", "Sydney") are
 * not people, unless a place that is also a first name stands where only a person fits (see
 * name-context.ts); neither are role phrases ("the on-call engineer"). Names in any script are
 * matched ("Łukasz", "Zoë"), and looked up without accents.
 */
import nlp from 'compromise';
import type { Memo } from '../types.ts';
import { boundaryBetween, has, type Analysis, type Token } from './analysis.ts';
import { sentenceCache } from './cache.ts';
import {
  ABBREVIATIONS,
  ALSO_FIRST_NAMES,
  AMBIGUOUS_NAMES,
  EXTRA_FIRST_NAMES,
  EXTRA_LAST_NAMES,
  HUMAN_VERBS,
  NOT_PEOPLE,
  PERSON_NOUNS,
  SYSTEM_HEADS,
  TEAM_HANDLE_PARTS,
} from './lexicon.ts';
import {
  DETERMINERS,
  coordinatedWithPlace,
  fromTeam,
  isVerbLike,
  namesSystemByApposition,
  nextWord,
  personOnlyContext,
  speaks,
} from './name-context.ts';

export interface NameSpan {
  /** Offsets into the sentence; exactly the name (no possessive "'s"). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: 'handle' | 'name' | 'username' | 'known';
}

type LexiconValue = string | readonly string[] | undefined;
const LEXICON = (nlp as unknown as { model(): { one: { lexicon: Record<string, LexiconValue> } } }).model().one.lexicon;

// Letters NFD does not split into a base letter and an accent.
const OTHER_LETTERS: Readonly<Record<string, string>> = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ħ: 'h' };

/** Lower-case and without accents, the form names are looked up in: "Søren" → "soren", "Łukasz" → "lukasz". */
export function foldName(word: string): string {
  const lower = word.toLowerCase();
  if (/^[ -~]*$/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øłđðþæœßıħ]/g, (c) => OTHER_LETTERS[c] ?? c);
}

/** NOT_PEOPLE, looked up without accents. */
function notPeople(word: string): boolean {
  return NOT_PEOPLE.has(foldName(word));
}

function lexTags(name: string): readonly string[] {
  const word = foldName(name);
  const v = Object.prototype.hasOwnProperty.call(LEXICON, word) ? LEXICON[word] : undefined;
  if (v === undefined) return [];
  return typeof v === 'string' ? v.split(',') : v;
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);
const FIRST_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

/** A first or last name in compromise's lexicon or in our supplement. */
export function isKnownName(word: string): boolean {
  const w = foldName(word);
  if (EXTRA_FIRST_NAMES.has(w) || EXTRA_LAST_NAMES.has(w)) return true;
  return lexTags(w).some((t) => NAME_TAGS.has(t));
}
function isFirstName(word: string): boolean {
  const w = foldName(word);
  return EXTRA_FIRST_NAMES.has(w) || lexTags(w).some((t) => FIRST_TAGS.has(t));
}
function isLastName(word: string): boolean {
  const w = foldName(word);
  return EXTRA_LAST_NAMES.has(w) || lexTags(w).includes('LastName');
}
/** An ordinary English word in the lexicon (not a name): "Grant" the verb is not this, "Rose" the noun is. */
function isCommonWord(word: string): boolean {
  const tags = lexTags(word);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

// Any script's capitals and small letters ("José", "Łukasz", "Zoë"), accents as combining marks included.
const CAPITALISED = /^(?:\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?|(?:[OD]['’]|Mc|Mac)\p{Lu}[\p{Ll}\p{M}]+)(?:-(?:san|sama|kun|chan|ji))?$/u;
// Two capital letters standing for a person ("YP noticed…"), unless a known abbreviation.
const INITIALS = /^\p{Lu}{2}$/u;
const USERNAME = /^[a-z][a-z0-9]*(?:[._][a-z][a-z0-9]*)?$/;
// Verbs whose object is a person ("paged Priya", "asked Tom").
const PERSON_OBJECT_VERBS = new Set([
  'paged', 'pinged', 'asked', 'called', 'told', 'messaged', 'contacted', 'thanked', 'cc', "cc'd", 'per', 'woke', 'phoned', 'emailed',
  'notified', 'looped', 'tagged', 'mentioned',
]);
const HANDOFF_VERBS = new Set(['escalated', 'handed', 'passed', 'reassigned', 'assigned', 'transferred', 'spoke', 'talked', 'handover', 'handoff']);
const PERSON_THINGS = new Set([
  'laptop', 'terminal', 'account', 'shell', 'credentials', 'machine', 'session', 'change', 'pr', 'commit', 'branch', 'script',
  'command', 'team', 'manager', 'deploy', 'suggestion', 'query', 'fix', 'patch', 'review', 'approval', 'decision', 'keyboard', 'ssh',
]);
const LEADING_FILLERS = new Set(['at', 'around', 'about', '~', 'utc', 'gmt', 'bst', 'cet', 'pst', 'est', 'then', 'and']);

function nameText(t: Token): string {
  return t.possessive ? t.text.replace(/['’]s?$/, '') : t.text;
}

/** Ranges of text that are code, URLs or e-mail addresses: never names. */
function maskedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const re of [/`[^`]*`/g, /\bhttps?:\/\/\S+/g, /[\p{L}\p{N}_.+-]+@[\p{L}\p{N}_-]+\.[\p{L}\p{N}_.-]+/gu]) {
    for (const m of text.matchAll(re)) out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function handleSpans(text: string, masked: Array<[number, number]>): NameSpan[] {
  const out: NameSpan[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?)/gu)) {
    const start = m.index;
    if (masked.some(([a, b]) => start >= a && start < b)) continue;
    const handle = foldName(m[1]!);
    const parts = handle.split(/[-_.]/);
    // "@jordan" is a person; "@sydney-oncall" and "@kafka" are not.
    if (/^\d+$/.test(handle) || parts.some((p) => TEAM_HANDLE_PARTS.has(p) || (NOT_PEOPLE.has(p) && !(parts.length === 1 && ALSO_FIRST_NAMES.has(p))))) continue;
    out.push({ start, end: start + m[0].length, text: m[0], kind: 'handle' });
  }
  return out;
}

/** The index of the first word after leading timestamps and fillers ("14:05", "At 09:14", "-"). */
function firstWordIndex(tokens: readonly Token[]): number {
  let i = 0;
  while (
    i < tokens.length &&
    (has(tokens[i], 'Time') || has(tokens[i], 'Date') || /^[\d:.[\]~-]+$/.test(tokens[i]!.text) || LEADING_FILLERS.has(tokens[i]!.norm))
  ) {
    i += 1;
  }
  return i;
}

/** Context around a word that marks it as a person even when the word itself is unknown. */
function personContext(tokens: readonly Token[], i: number, end: number, first: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const prev2 = tokens[i - 2];
  const last = tokens[end]!;
  const next = nextWord(tokens, end);
  // "Priya noticed…", "Olu acked…"
  if (next.t && !next.broken && HUMAN_VERBS.has(next.t.norm) && isVerbLike(next.t)) return true;
  // "paged Priya", "asked Tom to…", "per Ben,"
  if (prev && PERSON_OBJECT_VERBS.has(prev.norm) && !boundaryBetween(prev, t)) return true;
  // "escalated to Priya", "handed off to Kenji"
  if (prev && (prev.norm === 'to' || prev.norm === 'with')) {
    for (let k = i - 2; k >= Math.max(0, i - 4); k -= 1) if (HANDOFF_VERBS.has(tokens[k]!.norm)) return true;
  }
  // "the on-call engineer (Rahul)", "the on-call engineer, Rahul,"
  if (prev && PERSON_NOUNS.has(prev.norm) && /[(,]/.test(prev.post + t.pre)) return true;
  if (prev2 && prev && /^(?:engineer|sre|on-call|oncall|dba|ic|lead|manager|developer|responder)$/.test(prev.norm) && !boundaryBetween(prev, t)) {
    return true; // "SRE Priya", "on-call Kenji"
  }
  // "Priya from the storage team", "Priya on the payments team"; "Giulia: rolling back"
  if (fromTeam(tokens, next) || speaks(tokens, i, end, first)) return true;
  if (/[(,]/.test(last.post) && tokens[end + 1]?.norm === 'the' && PERSON_NOUNS.has(tokens[end + 3]?.norm ?? tokens[end + 2]?.norm ?? '')) return true;
  // "Priya's laptop"
  if (last.possessive && tokens[end + 1] && PERSON_THINGS.has(tokens[end + 1]!.norm)) return true;
  // "Priya and I", "Tom and Priya"
  if (next.t?.norm === 'and' && /^(?:i|me)$/.test(tokens[next.j + 1]?.norm ?? '')) return true;
  return false;
}

/** Single capitalised word or a run of them ("Maria Lopez"): a person? */
function capitalisedRunIsPerson(tokens: readonly Token[], i: number, end: number, first: number): boolean {
  const run = tokens.slice(i, end + 1);
  const lowers = run.map((t) => foldName(t.lower));
  if (lowers.some((w) => PERSON_NOUNS.has(w))) return false;
  const prev = tokens[i - 1];
  if (prev && DETERMINERS.has(prev.norm) && !boundaryBetween(prev, tokens[i]!)) return false; // "the Hermes router"
  const last = tokens[end]!;
  const after = tokens[end + 1];
  const joined = after !== undefined && !boundaryBetween(last, after) && !last.possessive;
  // "Vault cluster", "Chase Bank", "Victoria Metrics": a name before a system noun is a product or a place.
  if (joined && (SYSTEM_HEADS.has(after.lower) || (CAPITALISED.test(after.text) && !isKnownName(after.lower)))) return false;
  if (namesSystemByApposition(tokens, i, end) || coordinatedWithPlace(tokens, i, end)) return false;
  // A first name that also reads as a place, a month or a verb ("Georgia", "June", "Bob") is a
  // person only where nothing else fits, and never as a modifier ("Sydney traffic").
  const modifier = joined && has(after, 'Noun') && !has(after, 'Verb') && !has(after, 'Person') && !has(after, 'Pronoun');
  const firstNameLike = run.length === 1 && (ALSO_FIRST_NAMES.has(lowers[0]!) || isFirstName(lowers[0]!));
  const personOnly = firstNameLike && !modifier && personOnlyContext(tokens, i, end, first);
  if (lowers.some((w) => NOT_PEOPLE.has(w))) {
    if (personOnly) return true;
    // "Victoria Chen": such a first name and then a surname.
    const [a, b] = lowers;
    return run.length === 2 && ALSO_FIRST_NAMES.has(a!) && (isLastName(b!) || (isKnownName(b!) && !isFirstName(b!))) && !NOT_PEOPLE.has(b!) && !isCommonWord(b!);
  }
  // Compromise read it as a verb, a date, a place or an organisation in context.
  if (run.some((t) => ['Verb', 'Date', 'Place', 'Organization', 'Month', 'WeekDay', 'Value', 'Acronym', 'Pronoun', 'Determiner', 'Preposition', 'Conjunction', 'Adverb', 'QuestionWord'].some((g) => has(t, g)) && !has(t, 'Person'))) {
    return personOnly;
  }
  const known = lowers.filter((w) => isKnownName(w));
  const common = lowers.filter((w) => isCommonWord(w) && !isKnownName(w));
  // A lone surname after "in", "about", "of"… is a topic, not a responder ("interest in Shakespeare").
  if (run.length === 1 && prev && has(prev, 'Preposition') && !/^(?:to|with|by|from|for|per|cc|at)$/.test(prev.norm) && (isLastName(lowers[0]!) || lexTags(lowers[0]!).includes('Person')) && !isFirstName(lowers[0]!)) {
    return false;
  }
  if (common.length > 0) return false;
  // A name followed directly by a common noun is a modifier or an imperative ("Grant access", "Ruby workers").
  if (joined && has(after, 'Noun') && !has(after, 'Verb') && !has(after, 'Person') && !has(after, 'Pronoun')) return false;
  // At the start, a name followed by "the"/"a" is an imperative verb ("Chase the vendor").
  if (i === first && joined && DETERMINERS.has(after.norm)) return false;
  if (run.length >= 2 && known.length >= 1 && !lowers.every((w) => AMBIGUOUS_NAMES.has(w))) return true;
  if (known.length === run.length && !lowers.some((w) => AMBIGUOUS_NAMES.has(w))) return true;
  // "Mark restarted the pod" but not "Grant requests timed out", "Amber alerts were ignored".
  const verb = nextWord(tokens, end);
  if (known.length === run.length && verb.t && !verb.broken && has(verb.t, 'PastTense') && !has(verb.t, 'Noun')) return true;
  return personContext(tokens, i, end, first);
}

const FUNCTION_TAGS = ['Verb', 'Preposition', 'Determiner', 'Conjunction', 'Pronoun', 'Adverb', 'QuestionWord', 'Date', 'Month', 'WeekDay', 'Value', 'Acronym', 'Expression', 'Negative'];

/**
 * A capitalised word that could start or continue a name (not "After", "Ask", "Per", "March").
 * `opening`: also a first name compromise read as a verb or a date ("Bob", "June"), which then
 * needs person-only context.
 */
function nameCandidate(t: Token, opening = false): boolean {
  const text = nameText(t);
  if (!CAPITALISED.test(text)) return false;
  if (has(t, 'Person') && !has(t, 'Verb')) return true;
  if (opening && (ALSO_FIRST_NAMES.has(foldName(text)) || isFirstName(text))) return true;
  // Compromise reads a line-opening "Word:" as an interjection; a chat speaker is written that way.
  const speaker = /^\s*:/.test(t.post);
  return !FUNCTION_TAGS.some((g) => has(t, g) && !(speaker && g === 'Expression'));
}

/**
 * Whether a run of capitalised words goes on from `prev` to `next`: "Maria Lopez", "Victoria
 * Chen", "Redis Sentinel" (a product, kept whole), not "April Sarah" (a month, then a person).
 */
function continuesName(prev: Token, next: Token): boolean {
  if (prev.possessive || prev.post !== ' ' || !nameCandidate(next) || notPeople(next.lower)) return false;
  return !ALSO_FIRST_NAMES.has(foldName(prev.lower)) || !isFirstName(next.lower) || isLastName(next.lower);
}

function usernameLike(word: string): boolean {
  if (!USERNAME.test(word) || word.length < 3 || NOT_PEOPLE.has(word) || PERSON_NOUNS.has(word)) return false;
  const parts = word.split(/[._]/);
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    const nameish = (p: string) => p.length === 1 || isKnownName(p);
    return nameish(a) && nameish(b) && (isKnownName(a) || isKnownName(b));
  }
  if (isFirstName(word) && !isCommonWord(word)) return true;
  if (isCommonWord(word)) return false;
  // "jsmith", "dchen", "rkapoor": initials + surname; "mariag": first name + initial.
  if (word.length >= 5 && isLastName(word.slice(1))) return true;
  if (word.length >= 6 && isLastName(word.slice(2))) return true;
  if (word.length >= 5 && isFirstName(word.slice(0, -1)) && word.slice(0, -1).length >= 4) return true;
  return false;
}

/** A lower-case token acting in the sentence: first word before a verb, "by jsmith", "pinged jsmith". */
function lowercaseActor(tokens: readonly Token[], i: number, first: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = nextWord(tokens, i);
  if (i === first && next.t && !next.broken && isVerbLike(next.t) && !has(next.t, 'Gerund')) return true;
  // Chat-log speaker: "bwilliams: rolling back now"
  if (i === first && t.post.startsWith(':')) return true;
  if (prev && !boundaryBetween(prev, t) && (prev.norm === 'by' || PERSON_OBJECT_VERBS.has(prev.norm))) return true;
  if (prev && prev.norm === 'to' && tokens[i - 2] && HANDOFF_VERBS.has(tokens[i - 2]!.norm)) return true;
  return false;
}

/** Names of people in one analysed sentence, without the caller's known names. */
export function findNames(a: Analysis): NameSpan[] {
  const masked = maskedRanges(a.text);
  const inMask = (t: Token) => masked.some(([s, e]) => t.start < e && t.end > s);
  const spans = handleSpans(a.text, masked);
  const tokens = a.tokens;
  const first = firstWordIndex(tokens);
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (t.implicit || t.text.startsWith('@') || inMask(t)) continue;
    if (nameCandidate(t, true)) {
      // Extend over following capitalised words with nothing but a space between ("Maria Lopez").
      let end = i;
      while (end + 1 < tokens.length && end - i < 2 && continuesName(tokens[end]!, tokens[end + 1]!)) end += 1;
      if (capitalisedRunIsPerson(tokens, i, end, first)) {
        const last = tokens[end]!;
        const stop = last.start + nameText(last).length;
        spans.push({ start: t.start, end: stop, text: a.text.slice(t.start, stop), kind: 'name' });
      }
      i = end;
      continue;
    }
    if (INITIALS.test(t.text) && !ABBREVIATIONS.has(t.lower)) {
      // Initials acting like a person: "YP noticed…", "JN ran…", "JN:"
      const next = nextWord(tokens, i);
      const speaker = i === first && t.post.startsWith(':');
      const acts = next.t && !next.broken && isVerbLike(next.t) && (HUMAN_VERBS.has(next.t.norm) || has(next.t, 'PastTense'));
      if (speaker || acts || personContext(tokens, i, i, first)) {
        spans.push({ start: t.start, end: t.end, text: t.text, kind: 'name' });
      }
      continue;
    }
    if (/^[a-z]/.test(t.text) && usernameLike(t.lower) && lowercaseActor(tokens, i, first)) {
      const stop = t.start + nameText(t).length;
      spans.push({ start: t.start, end: stop, text: a.text.slice(t.start, stop), kind: 'username' });
    }
  }
  return spans.sort((x, y) => x.start - y.start);
}

const knownPatterns = new WeakMap<ReadonlySet<string>, RegExp | null>();

function knownPattern(people: ReadonlySet<string>): RegExp | null {
  const cached = knownPatterns.get(people);
  if (cached !== undefined) return cached;
  const variants = new Set<string>();
  for (const name of people) {
    const n = name.trim().replace(/^@/, '');
    if (n.length < 2) continue;
    variants.add(n);
    // "Maria Lopez" is also "Maria" (and "Lopez"), unless the part is a product or a role word.
    for (const part of n.split(/\s+/)) {
      if (part.length >= 3 && part !== n && !notPeople(part) && !PERSON_NOUNS.has(part) && !isCommonWord(part)) variants.add(part);
    }
  }
  const escaped = [...variants].sort((x, y) => y.length - x.length).map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = escaped.length ? new RegExp(`(?<![\\p{L}\\p{N}_])@?(?:${escaped.join('|')})(?![\\p{L}\\p{N}_])`, 'giu') : null;
  knownPatterns.set(people, re);
  return re;
}

/** Names from the caller's lists (lower-cased roster and --people), matched case-insensitively. */
export function findKnownNames(text: string, people: ReadonlySet<string>): NameSpan[] {
  if (people.size === 0) return [];
  const re = knownPattern(people);
  if (!re) return [];
  const out: NameSpan[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'known' });
  return out;
}

/** Known names first, then detected ones that do not overlap them. */
export function mergeNames(known: readonly NameSpan[], found: readonly NameSpan[]): NameSpan[] {
  const out = [...known];
  for (const f of found) if (!out.some((k) => f.start < k.end && f.end > k.start)) out.push(f);
  return out.sort((x, y) => x.start - y.start);
}

/** `findNames`, memoised by sentence text. */
export function namesIn(memo: Memo, a: Analysis): NameSpan[] {
  const cache = sentenceCache(memo, a.text);
  cache.names ??= findNames(a);
  return cache.names;
}

const WORD = /@?\p{L}[\p{L}\p{M}'’.-]*/gu;

/**
 * A cheap look at the raw sentence, before any parsing: could it name a person? False only when
 * every capitalised word is a known common word, product or role, with no @handle, initials or
 * username-like word in an acting position. Keeps most sentences ("The deploy…") away from compromise.
 */
export function mayContainName(sentence: string): boolean {
  if (sentence.includes('@')) return true;
  let first = true;
  for (const m of sentence.matchAll(WORD)) {
    const w = m[0].replace(/['’]s?$/, '').replace(/[.-]+$/, '');
    const lower = w.toLowerCase();
    if (/^\p{Lu}/u.test(w)) {
      const folded = foldName(w);
      if (INITIALS.test(w)) {
        if (!ABBREVIATIONS.has(lower)) return true;
      } else if (
        /^\p{Lu}[\p{Ll}\p{M}]/u.test(w) &&
        (ALSO_FIRST_NAMES.has(folded) || (!NOT_PEOPLE.has(folded) && !PERSON_NOUNS.has(lower) && !(isCommonWord(folded) && !AMBIGUOUS_NAMES.has(folded))))
      ) {
        return true;
      }
    } else if (usernameLike(lower) && (first || /\b(?:by|to|pinged|paged|asked|cc|per|called|told|messaged|contacted)\s+$/i.test(sentence.slice(0, m.index)))) {
      return true;
    }
    if (!/^\d/.test(w)) first = false;
  }
  return false;
}
