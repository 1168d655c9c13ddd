/**
 * Similar past incidents, explainably: shared services/tags (Jaccard index) and similar
 * contributing factors (TF-IDF cosine over the content words of the factor texts, with the
 * inverse document frequency taken over every postmortem in the index).
 */
import { postmortemPath, type SimilarIncident } from '../api/dashboard.ts';
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

function serviceOverlap(a: readonly string[], b: readonly string[]): { jaccard: number; shared: string[] } {
  const lower = new Set(b.map((s) => s.toLowerCase()));
  const shared = a.filter((s) => lower.has(s.toLowerCase()));
  const union = new Set([...a, ...b].map((s) => s.toLowerCase())).size;
  return { jaccard: union === 0 ? 0 : shared.length / union, shared };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export interface SimilarOptions {
  /** Most results. */
  limit?: number;
  /** Factor similarity below which a postmortem sharing no service is not listed. */
  minFactorSimilarity?: number;
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
 * first: those sharing a service or with factors at least `minFactorSimilarity` alike, scored as
 * the mean of the services' Jaccard index and the factors' cosine similarity. The postmortem it
 * is marked a repeat of is always included.
 */
export function findSimilar(target: IncidentEntry, entries: readonly IncidentEntry[], options: SimilarOptions = {}): SimilarIncident[] {
  const limit = options.limit ?? 10;
  const minFactor = options.minFactorSimilarity ?? 0.1;
  const idf = inverseDocumentFrequencies(entries.map((e) => factorTerms(e.factors)));
  const targetVector = weighted(factorTerms(target.factors), idf);
  const targetAt = incidentInstant(target) ?? Number.POSITIVE_INFINITY;
  const out: SimilarIncident[] = [];
  for (const other of entries) {
    if (other.id === target.id) continue;
    const markedRepeat = target.repeatOf === other.id;
    const at = incidentInstant(other);
    if (!markedRepeat && (at === null || at >= targetAt)) continue;
    const services = serviceOverlap(target.services ?? [], other.services ?? []);
    const factors = cosine(targetVector, weighted(factorTerms(other.factors), idf));
    if (!markedRepeat && services.shared.length === 0 && factors.similarity < minFactor) continue;
    const factorSimilarity = round2(factors.similarity);
    out.push({
      id: other.id,
      title: other.title,
      severity: other.severity,
      status: other.status,
      startedAt: other.startedAt ?? '',
      score: round2((services.jaccard + factors.similarity) / 2),
      sharedServices: services.shared,
      factorSimilarity,
      sharedTerms: factors.shared.slice(0, 8),
      explanation: explainMatch(services.shared, factorSimilarity, factors.shared, markedRepeat),
      markedRepeat,
      link: postmortemPath(other.id),
    });
  }
  out.sort((a, b) => Number(b.markedRepeat) - Number(a.markedRepeat) || b.score - a.score || a.id.localeCompare(b.id));
  return out.slice(0, limit);
}
