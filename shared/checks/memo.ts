/** A bounded memo for analysis results keyed by text: typing changes one sentence, not fifty. */
import type { Memo } from './types.ts';

export function createMemo(maxEntries = 20_000): Memo {
  const map = new Map<string, unknown>();
  return {
    get<T>(key: string, compute: () => T): T {
      if (map.has(key)) {
        const value = map.get(key) as T;
        // Refresh recency: Map keeps insertion order, so the oldest entry is first.
        map.delete(key);
        map.set(key, value);
        return value;
      }
      const value = compute();
      map.set(key, value);
      if (map.size > maxEntries) map.delete(map.keys().next().value as string);
      return value;
    },
  };
}
