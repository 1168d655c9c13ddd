import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../server/cluster/messages.ts';
import { RevisionTracker } from '../../../server/cluster/revisions.ts';

describe('RevisionTracker', () => {
  it('follows the database revision only as far as nothing is missing', () => {
    const t = new RevisionTracker(10);
    t.mark(12); // another process's 11 is still on its way
    expect(t.through).toBe(10);
    expect(t.missingUpTo).toBe(12);
    expect(t.has(12)).toBe(true);
    expect(t.has(11)).toBe(false);
    t.mark(11);
    expect(t.through).toBe(12);
    expect(t.missingUpTo).toBeNull();
  });

  it('knows of revisions it does not hold yet, and a catch-up fills everything up to one', () => {
    const t = new RevisionTracker(3);
    t.heardOf(7);
    expect(t.missingUpTo).toBe(7);
    t.mark(9);
    t.markThrough(7);
    expect(t.through).toBe(7);
    expect(t.missingUpTo).toBe(9);
    t.mark(8);
    expect(t.through).toBe(9);
    expect(t.missingUpTo).toBeNull();
  });

  it('ignores what it already holds', () => {
    const t = new RevisionTracker(5);
    t.mark(4);
    t.markThrough(2);
    expect(t.through).toBe(5);
    expect(t.missingUpTo).toBeNull();
  });
});

describe('cluster messages', () => {
  it('round-trip every kind', () => {
    const payload = new Uint8Array([1, 2, 3]);
    for (const message of [
      { kind: 'update', sender: 'a1', revision: 42, payload },
      { kind: 'presence', sender: 'b2', payload },
      { kind: 'presence-query', sender: 'c3' },
    ] as const) {
      expect(decodeMessage(encodeMessage(message))).toEqual(message);
    }
  });

  it('refuse what is not one of ours', () => {
    expect(() => decodeMessage(new Uint8Array([9, 1, 97]))).toThrow('unknown cluster message kind 9');
    expect(() => decodeMessage(new Uint8Array([0, 1, 97, 1, 1, 5, 6]))).toThrow('trailing bytes');
  });
});
