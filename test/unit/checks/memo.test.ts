/** The checks memo keeps what recent runs used and lets go of the rest. */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/engine.ts';
import { snapshotWithText } from '../../../shared/checks/examples.ts';
import { createMemo } from '../../../shared/checks/memo.ts';

describe('checks memo', () => {
  it('reuses a value within a run and in the next run, and recomputes one the last run did not use', () => {
    const memo = createMemo();
    let computed = 0;
    const value = (key: string) => memo.get(key, () => ((computed += 1), `${key}!`));
    memo.nextRun!();
    expect(value('a')).toBe('a!');
    expect(value('b')).toBe('b!');
    expect(value('a')).toBe('a!');
    expect(computed).toBe(2);
    memo.nextRun!(); // run 2 uses only "a"
    value('a');
    expect(computed).toBe(2);
    memo.nextRun!(); // run 3: "b" was not used in run 2, so it is gone
    value('a');
    value('b');
    expect(computed).toBe(3);
  });

  it('stays bounded within one run', () => {
    const memo = createMemo(3);
    let computed = 0;
    for (const key of ['a', 'b', 'c', 'd']) memo.get(key, () => (computed += 1));
    memo.get('a', () => (computed += 1));
    expect(computed).toBe(5);
  });

  it('does not grow with typing: it holds about what the current text needs', () => {
    const memo = createMemo();
    let text = '';
    for (let i = 0; i < 120; i += 1) {
      // Typed a word at a time, as people do: every run sees a slightly longer section.
      for (const word of `The pool filled up at step ${i}.`.split(' ')) {
        text += `${word} `;
        runChecks({ snapshot: snapshotWithText('summary', text) }, { memo });
      }
    }
    const fresh = createMemo();
    runChecks({ snapshot: snapshotWithText('summary', text) }, { memo: fresh });
    // Two generations of what one run needs, not every version of the text ever typed (840 runs).
    expect(memo.size).toBeLessThanOrEqual(2 * fresh.size + 2);
    expect(fresh.size).toBeGreaterThan(100);
  });
});
