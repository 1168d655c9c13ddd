/**
 * Counts failed token uses and failed upgrades per remote address; past the limit, that address
 * waits out the rest of the minute. Only failures are counted, so valid use (an anonymous note
 * with a valid token included) is never recorded.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs = 60_000,
  ) {}

  blocked(key: string): boolean {
    const w = this.windows.get(key);
    if (!w) return false;
    if (Date.now() - w.start >= this.windowMs) {
      this.windows.delete(key);
      return false;
    }
    return w.count >= this.maxPerWindow;
  }

  fail(key: string): void {
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
    else w.count += 1;
    // Bounded memory under a spray of addresses: forget the oldest.
    if (this.windows.size > 50_000) this.windows.delete(this.windows.keys().next().value as string);
  }
}
