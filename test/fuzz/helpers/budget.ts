/**
 * How many cases a fuzz file runs. `FUZZ_RUNS` is the number of socket cases through the
 * message handler; every other file scales with it. The default keeps `npm test` within its
 * time budget on two shared cores; `npm run test:fuzz` runs 100,000 and more (see README.md).
 * `FUZZ_SEED` replays a run (fast-check prints the seed of a failure).
 */
export const BASE_SOCKET_RUNS = 100_000;

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`FUZZ_RUNS must be a positive integer, got "${raw}"`);
  return n;
}

/** fast-check's seeds are 32-bit integers, negative ones too (as it prints them). */
function seed(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || Math.abs(n) > 2 ** 31) throw new Error(`FUZZ_SEED must be a 32-bit integer as fast-check prints it, got "${raw}"`);
  return n;
}

export const SOCKET_RUNS = positiveInt(process.env.FUZZ_RUNS, BASE_SOCKET_RUNS);
/** Multiplier for the other files' counts. */
export const SCALE = SOCKET_RUNS / BASE_SOCKET_RUNS;
export const SEED: number | undefined = process.env.FUZZ_SEED ? seed(process.env.FUZZ_SEED) : undefined;

/** A count scaled like the socket runs, at least `min`. */
export function scaled(base: number, min = 1): number {
  return Math.max(min, Math.round(base * SCALE));
}

/** A generous per-test timeout for `cases` cases of about `msPerCase` each. */
export function timeoutFor(cases: number, msPerCase: number): number {
  return 60_000 + Math.ceil(cases * msPerCase * 4);
}

/** One line in the test output: what ran, how many cases, how long. */
export function report(what: string, counts: Record<string, number>, startedAt: number): void {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`[fuzz] ${what}: ${total} cases in ${seconds} s (${parts})`);
}

/** Adds one to `counts[key]`. */
export function count(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
