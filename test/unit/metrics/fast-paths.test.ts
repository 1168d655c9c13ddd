/** The metrics' shortcuts for large indexes give the answers of the plain computation. */
import { describe, expect, it } from 'vitest';
import { firstInOrder } from '../../../shared/metrics/first-in-order.ts';
import { findSimilar } from '../../../shared/metrics/similarity.ts';
import { monthOf } from '../../../shared/metrics/time.ts';
import { utcIsoToLocalInput } from '../../../shared/schema/time.ts';
import { entry } from './fixtures.ts';

describe('similar incidents over an index that changes', () => {
  const target = entry('target', { startedAt: '2026-03-10T00:00:00Z', services: ['checkout-api'], factors: ['Connection pool limit lowered by a config change'] });
  const other = entry('other', { startedAt: '2026-02-01T00:00:00Z', services: ['search'], factors: ['Reindex swapped the alias early'] });
  const filler = Array.from({ length: 20 }, (_, i) => entry(`filler-${i}`, { startedAt: '2026-01-01T00:00:00Z', services: ['billing'], factors: [`Batch job ${i} ran late`] }));

  it('sees a replaced entry at once, though the rest of the index is the same objects', () => {
    const before = [target, other, ...filler];
    expect(findSimilar(target, before).map((s) => s.id)).toEqual([]);
    // The index replaces an entry on every change; the factors now match the target's.
    const edited = { ...other, factors: ['Connection pool limit lowered by a config change'] };
    const after = [target, edited, ...filler];
    const found = findSimilar(target, after);
    expect(found.map((s) => s.id)).toEqual(['other']);
    expect(found[0]!.factorSimilarity).toBe(1);
    // And back: the earlier index answers as it did.
    expect(findSimilar(target, before).map((s) => s.id)).toEqual([]);
  });

  it('keeps the best `limit` in rank order, as sorting them all would', () => {
    const alike = Array.from({ length: 30 }, (_, i) =>
      entry(`alike-${String(i).padStart(2, '0')}`, { startedAt: `2026-02-${String((i % 27) + 1).padStart(2, '0')}T00:00:00Z`, services: ['checkout-api'], factors: [i % 3 === 0 ? 'Connection pool limit lowered by a config change' : 'Connection pool saturation went unwatched'] }),
    );
    const all = [target, ...alike];
    const ten = findSimilar(target, all, { limit: 10 });
    const everything = findSimilar(target, all, { limit: 1_000 });
    expect(ten).toEqual(everything.slice(0, 10));
    for (let i = 1; i < everything.length; i += 1) {
      const [a, b] = [everything[i - 1]!, everything[i]!];
      expect(a.score > b.score || (a.score === b.score && a.id.localeCompare(b.id) < 0)).toBe(true);
    }
  });
});

const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;

describe('the first few in order', () => {
  it('equals a stable sort cut to the count, ties and all', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // Few distinct keys, so many ties: their original order must survive, as in a stable sort.
    const items = Array.from({ length: 2_000 }, (_, i) => ({ key: Math.floor(random() * 50), i }));
    for (const count of [0, 1, 5, 100, 499, 500, 501, 1_999, 2_000, 5_000, Number.POSITIVE_INFINITY]) {
      expect(firstInOrder(items, byKey, count)).toEqual([...items].sort(byKey).slice(0, count));
    }
  });
});

describe('month of an instant in a time zone', () => {
  it('agrees with the full zone lookup every few hours over two years, near month edges included', () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kolkata', 'Europe/Berlin']) {
      for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 5 * 3_600_000 + 17 * 60_000) {
        expect(monthOf(t, zone)).toBe(utcIsoToLocalInput(new Date(t).toISOString(), zone).slice(0, 7));
      }
    }
  });
});
