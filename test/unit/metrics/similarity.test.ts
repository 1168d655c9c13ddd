import { describe, expect, it } from 'vitest';
import { contentWords, cosine, explainMatch, factorTerms, findSimilar, inverseDocumentFrequencies } from '../../../shared/metrics/similarity.ts';
import { entry } from './fixtures.ts';

describe('content words', () => {
  it('drops function words, short words and numbers, and folds plurals', () => {
    expect(contentWords('The retries were failing on 3 pools, and the analysis of the class')).toEqual(['retry', 'failing', 'pool', 'analysis', 'class']);
    expect(contentWords('Nobody watches the queues or boxes')).toEqual(['watch', 'queue', 'box']);
  });

  it('caches term counts per list of factor texts', () => {
    const factors = ['pool pool limit'];
    expect(factorTerms(factors)).toBe(factorTerms(factors));
    expect([...factorTerms(factors)]).toEqual([
      ['pool', 2],
      ['limit', 1],
    ]);
    expect(factorTerms(undefined).size).toBe(0);
  });
});

describe('cosine over TF-IDF', () => {
  it('is 1 for the same text, 0 with nothing shared, and in between otherwise', () => {
    const a = new Map([
      ['pool', 1],
      ['limit', 1],
    ]);
    expect(cosine(a, a).similarity).toBeCloseTo(1, 10);
    expect(cosine(a, new Map([['dns', 1]]))).toEqual({ similarity: 0, shared: [] });
    // (1·1) / (√2 · √2) = 0.5
    expect(cosine(a, new Map([['pool', 1], ['dns', 1]])).similarity).toBeCloseTo(0.5, 10);
    expect(cosine(new Map(), a).similarity).toBe(0);
  });

  it('weighs rare terms above common ones', () => {
    const docs = [new Map([['config', 1], ['pool', 1]]), new Map([['config', 1]]), new Map([['config', 1]])];
    const idf = inverseDocumentFrequencies(docs);
    expect(idf('pool')).toBeGreaterThan(idf('config'));
    expect(idf('unseen')).toBeGreaterThan(idf('pool'));
  });
});

describe('similar past incidents', () => {
  const target = entry('now', {
    startedAt: '2026-03-10T00:00:00Z',
    services: ['checkout-api', 'eu-west'],
    factors: ['Config changes bypass canary analysis.', 'Pool saturation has no alert.'],
  });
  const twin = entry('twin', {
    startedAt: '2026-01-05T00:00:00Z',
    services: ['checkout-api'],
    factors: ['Config changes bypass canary analysis and reach every host.', 'Nobody watches pool saturation.'],
  });
  const sameService = entry('service-only', { startedAt: '2026-02-01T00:00:00Z', services: ['Checkout-API'], factors: ['Certificates renew by hand.'] });
  const sameFactors = entry('factors-only', { startedAt: '2026-02-02T00:00:00Z', services: ['search'], factors: ['Config changes skip canary analysis.'] });
  const unrelated = entry('unrelated', { startedAt: '2026-02-03T00:00:00Z', services: ['billing-batch'], factors: ['Disk usage is not monitored on batch hosts.'] });
  const later = entry('later', { startedAt: '2026-03-11T00:00:00Z', services: ['checkout-api'], factors: target.factors });
  const all = [target, twin, sameService, sameFactors, unrelated, later];

  it('lists earlier postmortems sharing a service with alike factors, or very alike in factors alone, best first, explained', () => {
    const found = findSimilar(target, all);
    expect(found.map((s) => s.id)).toEqual(['twin', 'factors-only']);
    const [first] = found;
    expect(first!.sharedServices).toEqual(['checkout-api']);
    expect(first!.factorSimilarity).toBeGreaterThan(0.4);
    expect(first!.sharedTerms.slice(0, 6)).toEqual(expect.arrayContaining(['canary', 'pool']));
    expect(first!.explanation).toMatch(/^shares checkout-api; factors 0\.\d\d similar \(.+\)$/);
    expect(first!.score).toBeCloseTo((1 / 2 + first!.factorSimilarity) / 2, 1);
    const factorsOnly = found.find((s) => s.id === 'factors-only')!;
    expect(factorsOnly.factorSimilarity).toBeGreaterThanOrEqual(0.35);
    expect(factorsOnly.explanation).toMatch(/^factors 0\.\d\d similar/);
    // Sharing a service is not enough once factors are written: nothing alike in them.
    expect(found.map((s) => s.id)).not.toContain('service-only');
  });

  it('a shared service with barely related factors is not similar; with factors alike it is', () => {
    const weak = entry('weak', { startedAt: '2026-02-04T00:00:00Z', services: ['checkout-api'], factors: ['Pool sizes are set by hand per region.'] });
    const found = findSimilar(target, [...all, weak], { minFactorSimilarity: 0.9 });
    expect(found.map((s) => s.id)).not.toContain('weak');
    expect(found.map((s) => s.id)).not.toContain('twin');
  });

  it('while the postmortem has no contributing factors yet, a shared service is enough', () => {
    const draft = entry('draft', { startedAt: '2026-03-10T00:00:00Z', services: ['checkout-api'] });
    expect(findSimilar(draft, [...all, draft]).map((s) => s.id)).toEqual(['service-only', 'twin']);
  });

  it('always lists the postmortem it is marked a repeat of, first', () => {
    const marked = { ...target, repeatOf: 'unrelated' };
    const found = findSimilar(marked, all);
    expect(found[0]).toMatchObject({ id: 'unrelated', markedRepeat: true });
    expect(found[0]!.explanation).toMatch(/^marked as a repeat/);
    expect(findSimilar(marked, all, { limit: 1 })).toHaveLength(1);
  });

  it('finds nothing for a postmortem without services or factors', () => {
    expect(findSimilar(entry('blank', { startedAt: '2026-04-01T00:00:00Z' }), all)).toEqual([]);
    expect(explainMatch([], 0, [], false)).toBe('nothing in common found');
  });
});
