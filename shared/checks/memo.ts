/**
 * A memo for analysis results keyed by text: typing changes one sentence, not fifty. It keeps
 * what the last run used. Each run starts a new generation (runChecks calls `nextRun`); what
 * the run before it used and this one does not is dropped with the older generation. So the
 * memo holds about one document's sentences, however long people type: an LRU bounded by count
 * alone kept thousands of stale keys, many of them whole section texts (a soak test's worker
 * grew by megabytes a minute).
 */
import type { Memo } from './types.ts';

/** A memo, with `size`: the entries it holds now (both generations). */
export function createMemo(maxEntries = 20_000): Memo & { readonly size: number } {
  let current = new Map<string, unknown>();
  let previous = new Map<string, unknown>();
  return {
    get<T>(key: string, compute: () => T): T {
      if (current.has(key)) return current.get(key) as T;
      const value = previous.has(key) ? (previous.get(key) as T) : compute();
      previous.delete(key);
      current.set(key, value);
      // A single run over a huge document still has a bound: its oldest entries go first.
      if (current.size > maxEntries) current.delete(current.keys().next().value as string);
      return value;
    },
    nextRun() {
      previous = current;
      current = new Map();
    },
    get size() {
      return current.size + previous.size;
    },
  };
}
