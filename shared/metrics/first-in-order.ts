/** Picking the first few of many items in order, without sorting them all. */

/**
 * Keeps the first `count` items offered, in `compare` order: the same as a stable
 * `[...offered].sort(compare).slice(0, count)`. A page of 100 or 500 out of 25,000 items takes
 * about one comparison per item instead of a full sort's fifteen, and items that do not make it
 * can be dropped as they come.
 */
export class FirstInOrder<T> {
  readonly items: T[] = [];

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly count: number,
  ) {}

  offer(item: T): void {
    const best = this.items;
    if (this.count <= 0 || (best.length === this.count && this.compare(item, best[this.count - 1]!) >= 0)) return;
    // After any equal ones, as the stable sort keeps them.
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(item, best[mid]!) < 0) high = mid;
      else low = mid + 1;
    }
    best.splice(low, 0, item);
    if (best.length > this.count) best.pop();
  }
}

/** The first `count` of `items` in `compare` order, sorted (see FirstInOrder). */
export function firstInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, count: number): T[] {
  // Few items, or most of them wanted: sorting them all is as quick.
  if (count * 4 >= items.length) return [...items].sort(compare).slice(0, Math.max(0, count));
  const first = new FirstInOrder(compare, count);
  for (const item of items) first.offer(item);
  return first.items;
}
