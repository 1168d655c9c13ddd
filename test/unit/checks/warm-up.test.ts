/**
 * The checks worker's warm-up (server/checks/warm-up.ts): it must run the engine over sample
 * postmortems that really exercise the rules (findings come out), the same way on every start,
 * and stop early when told.
 */
import { describe, expect, it } from 'vitest';
import { WarmUpDocument, warmUp } from '../../../server/checks/warm-up.ts';

describe('checks warm-up', () => {
  it('checks sample postmortems that trip the rules, typed into the same way on every start', () => {
    const a = new WarmUpDocument(7, 0);
    const b = new WarmUpDocument(7, 0);
    const findingsA = Array.from({ length: 20 }, () => a.step());
    const findingsB = Array.from({ length: 20 }, () => b.step());
    expect(findingsA).toEqual(findingsB);
    expect(Math.min(...findingsA)).toBeGreaterThan(5);
    a.destroy();
    b.destroy();
  });

  it('runs the number of steps asked for, in slices, or fewer when stopped', async () => {
    expect(await warmUp(0).done).toBe(0);
    expect(await warmUp(12, { sliceMs: 1 }).done).toBe(12);
    const long = warmUp(100_000, { sliceMs: 1 });
    setTimeout(() => long.stop(), 20);
    const ran = await long.done;
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(100_000);
  });
});
