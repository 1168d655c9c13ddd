/**
 * Similar past incidents, explainably: shared services/tags (Jaccard index) and similar
 * contributing factors (TF-IDF cosine over the content words of the factor texts, with the
 * inverse document frequency taken over every postmortem in the index).
 */
import { postmortemPath, type SimilarIncident } from '../api/dashboard.ts';
import { FirstInOrder } from './first-in-order.ts';
import { incidentInstant } from './time.ts';
import type { IncidentEntry } from './types.ts';

/** Function words and words every postmortem uses, which say nothing about what failed. */
const STOP = new Set(
  (
    'the a an and or but nor for of to in on at by with from into onto over under about after before during than then so as is are was were be been being ' +
    'has have had having do does did doing not no yes this that these those there here it its they them their we our us you your he she his her ' +
    'which who whom whose what when where why how all any both each few more most other some such only own same too very can will would should could ' +
    'may might must shall also just one two three per via while until because since without within across again once out off up down new old ' +
    'nobody somebody someone anyone everyone everything nothing something ' +
    'incident incidents issue issues problem problems factor factors'
  ).split(' '),
);

/** Lower-case content words, plurals folded ("pools" → "pool", "retries" → "retry", "watches" → "watch"). */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw)) continue;
    let word = raw;
    if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
    else if (/(ch|sh|x|ss)es$/.test(word)) word = word.slice(0, -2);
    else if (word.endsWith('s') && !/(ss|us|is)$/.test(word) && word.length > 3) word = word.slice(0, -1);
    if (!STOP.has(word)) words.push(word);
  }
  return words;
}

/** Term counts of a list of factor texts; cached per list (index entries are replaced, never changed in place). */
const termCache = new WeakMap<readonly string[], Map<string, number>>();
export function factorTerms(factors: readonly string[] | undefined): Map<string, number> {
  if (!factors) return new Map();
  let terms = termCache.get(factors);
  if (!terms) {
    terms = new Map();
    for (const word of factors.flatMap(contentWords)) terms.set(word, (terms.get(word) ?? 0) + 1);
    termCache.set(factors, terms);
  }
  return terms;
}

/** Inverse document frequencies over a corpus of term sets (smoothed, so unseen terms stay finite). */
export function inverseDocumentFrequencies(docs: readonly Map<string, number>[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  return (term) => Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1;
}

function weighted(terms: Map<string, number>, idf: (term: string) => number): Map<string, number> {
  return new Map([...terms].map(([t, tf]) => [t, tf * idf(t)]));
}

function norm(vector: Map<string, number>): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}

/** Cosine similarity of two weighted term vectors, with the shared terms ordered by how much each adds. */
export function cosine(a: Map<string, number>, b: Map<string, number>): { similarity: number; shared: string[] } {
  let dot = 0;
  const contributions: [string, number][] = [];
  for (const [term, wa] of a) {
    const wb = b.get(term);
    if (wb === undefined) continue;
    dot += wa * wb;
    contributions.push([term, wa * wb]);
  }
  const denominator = norm(a) * norm(b);
  return {
    similarity: denominator === 0 ? 0 : dot / denominator,
    shared: contributions.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([t]) => t),
  };
}

/** The services of `a` that `b` has too (any case) and the Jaccard index, with `a`'s side worked out once for many `b`. */
function serviceOverlapWith(a: readonly string[]): (b: readonly string[]) => { jaccard: number; shared: string[] } {
  const aLower = a.map((s) => s.toLowerCase());
  const aSet = new Set(aLower);
  return (b) => {
    const bLower = b.map((s) => s.toLowerCase());
    const shared = a.filter((_, i) => bLower.includes(aLower[i]!));
    let union = aSet.size;
    bLower.forEach((s, i) => {
      if (!aSet.has(s) && bLower.indexOf(s) === i) union += 1;
    });
    return { jaccard: union === 0 ? 0 : shared.length / union, shared };
  };
}

/** `norm(weighted(terms, idf))`, the same arithmetic, without building the vector. */
function weightedNorm(terms: Map<string, number>, idf: (term: string) => number): number {
  let sum = 0;
  for (const [term, tf] of terms) {
    const w = tf * idf(term);
    sum += w * w;
  }
  return Math.sqrt(sum);
}

/** `cosine(target, weighted(terms, idf)).similarity`, the same arithmetic, without building the other's vector. */
function similarityTo(target: Map<string, number>, targetNorm: number, terms: Map<string, number>, termsNorm: number, idf: (term: string) => number): number {
  let dot = 0;
  for (const [term, wa] of target) {
    const tf = terms.get(term);
    if (tf !== undefined) dot += wa * (tf * idf(term));
  }
  const denominator = targetNorm * termsNorm;
  return denominator === 0 ? 0 : dot / denominator;
}

/** What the comparison derives from the whole index: the IDF, and each entry's terms, norm and incident time. */
interface Corpus {
  entries: readonly IncidentEntry[];
  idf: (term: string) => number;
  terms: Map<string, number>[];
  norms: Float64Array;
  at: (number | null)[];
}

let lastCorpus: Corpus | null = null;

/**
 * The corpus of `entries`, reused while the index holds the same entry objects in the same order
 * (entries are replaced on every change, never changed in place): most of the work of a request
 * over 10,000 postmortems, done again only after a change.
 */
function corpusOf(entries: readonly IncidentEntry[]): Corpus {
  const last = lastCorpus;
  if (last && last.entries.length === entries.length && entries.every((e, i) => e === last.entries[i])) return last;
  const terms = entries.map((e) => factorTerms(e.factors));
  const idf = inverseDocumentFrequencies(terms);
  lastCorpus = { entries: [...entries], idf, terms, norms: Float64Array.from(terms, (t) => weightedNorm(t, idf)), at: entries.map(incidentInstant) };
  return lastCorpus;
}

/** A postmortem that qualifies, before it is explained: only the few listed are. */
interface Candidate {
  other: IncidentEntry;
  markedRepeat: boolean;
  services: { jaccard: number; shared: string[] };
  score: number;
}

function byRank(a: Candidate, b: Candidate): number {
  return Number(b.markedRepeat) - Number(a.markedRepeat) || b.score - a.score || a.other.id.localeCompare(b.other.id);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export interface SimilarOptions {
  /** Most results. */
  limit?: number;
  /** Factor similarity a postmortem sharing a service needs to be listed. */
  minFactorSimilarity?: number;
  /** Factor similarity at which a postmortem is listed without sharing a service (services get renamed). */
  strongFactorSimilarity?: number;
}

/** Explains a match in one line: "shares checkout-api; factors 0.42 similar (canary, pool)". */
export function explainMatch(sharedServices: readonly string[], factorSimilarity: number, sharedTerms: readonly string[], markedRepeat: boolean): string {
  const parts: string[] = [];
  if (markedRepeat) parts.push('marked as a repeat');
  if (sharedServices.length > 0) parts.push(`shares ${sharedServices.join(', ')}`);
  if (factorSimilarity > 0) {
    const terms = sharedTerms.slice(0, 4);
    parts.push(`factors ${factorSimilarity.toFixed(2)} similar${terms.length > 0 ? ` (${terms.join(', ')})` : ''}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'nothing in common found';
}

/**
 * Earlier postmortems like `target` (incident started before it; creation time when unset), best
 * first: those sharing a service whose factors are at least `minFactorSimilarity` alike, and those
 * whose factors are at least `strongFactorSimilarity` alike whatever their services; scored as the
 * mean of the services' Jaccard index and the factors' cosine similarity. While the target has no
 * contributing factors written yet, a shared service is enough. The postmortem it is marked a
 * repeat of is always included.
 */
export function findSimilar(target: IncidentEntry, entries: readonly IncidentEntry[], options: SimilarOptions = {}): SimilarIncident[] {
  const limit = options.limit ?? 5;
  const minFactor = options.minFactorSimilarity ?? 0.15;
  const strongFactor = options.strongFactorSimilarity ?? 0.35;
  const { idf, terms, norms, at: times } = corpusOf(entries);
  const targetVector = weighted(factorTerms(target.factors), idf);
  const noFactorsYet = targetVector.size === 0;
  const targetNorm = norm(targetVector);
  const targetAt = incidentInstant(target) ?? Number.POSITIVE_INFINITY;
  const serviceOverlap = serviceOverlapWith(target.services ?? []);
  // With 10,000 postmortems thousands qualify: score them all, explain only the best.
  const best = new FirstInOrder(byRank, limit);
  entries.forEach((other, i) => {
    if (other.id === target.id) return;
    const markedRepeat = target.repeatOf === other.id;
    const at = times[i]!;
    if (!markedRepeat && (at === null || at >= targetAt)) return;
    const services = serviceOverlap(other.services ?? []);
    const similarity = similarityTo(targetVector, targetNorm, terms[i]!, norms[i]!, idf);
    const alike = services.shared.length > 0 ? noFactorsYet || similarity >= minFactor : similarity >= strongFactor;
    if (!markedRepeat && !alike) return;
    best.offer({ other, markedRepeat, services, score: round2((services.jaccard + similarity) / 2) });
  });
  return best.items.map(({ other, markedRepeat, services, score }) => {
    const factors = cosine(targetVector, weighted(factorTerms(other.factors), idf));
    const factorSimilarity = round2(factors.similarity);
    return {
      id: other.id,
      title: other.title,
      severity: other.severity,
      status: other.status,
      startedAt: other.startedAt ?? '',
      score,
      sharedServices: services.shared,
      factorSimilarity,
      sharedTerms: factors.shared.slice(0, 8),
      explanation: explainMatch(services.shared, factorSimilarity, factors.shared, markedRepeat),
      markedRepeat,
      link: postmortemPath(other.id),
    };
  });
}
