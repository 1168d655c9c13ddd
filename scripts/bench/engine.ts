/**
 * Scenario 4: the checks engine (runChecks) in this process on generated postmortems of ~5, ~50
 * and ~500 KB of text. Cold: a fresh memo each run (opening a document). Warm: the memo of a
 * previous run, with one sentence changed since (typing: one more character each run). Runs of
 * the sizes are interleaved, so machine noise falls on all of them alike. The growth from one size
 * to the next, per KB of text, should be no worse than linear.
 */
import { runChecks } from '../../shared/checks/engine.ts';
import { createMemo } from '../../shared/checks/memo.ts';
import type { CheckInput, Memo } from '../../shared/checks/types.ts';
import { generatePostmortem, textChars } from './postmortem-text.ts';
import { fmt, median, table } from './stats.ts';

export interface EngineSize {
  kb: number;
  coldRuns: number;
  warmRuns: number;
}

export interface EngineOptions {
  sizes: EngineSize[];
}

export interface EngineSizeResult {
  kb: number;
  textChars: number;
  jsonBytes: number;
  timeline: number;
  factors: number;
  actions: number;
  findings: number;
  coldRunsMs: number[];
  coldMedianMs: number;
  coldMinMs: number;
  warmRunsMs: number[];
  warmMedianMs: number;
  warmMinMs: number;
  warmMaxMs: number;
}

export interface EngineGrowth {
  /** "50/5": the larger size over the smaller. */
  label: string;
  textRatio: number;
  coldTimeRatio: number;
  warmTimeRatio: number;
  /** Time per KB of the larger over time per KB of the smaller: 1 is linear, above is worse. */
  coldPerKbRatio: number;
  warmPerKbRatio: number;
  /** The same from the fastest run of each size (least disturbed by the rest of the machine); for diagnosis only. */
  coldPerKbRatioOfMin: number;
  warmPerKbRatioOfMin: number;
  /** log(time ratio) / log(size ratio): 1 is linear, 2 quadratic. */
  coldExponent: number;
  warmExponent: number;
  linear: boolean;
}

export interface EngineResult {
  options: EngineOptions;
  /** Per-KB ratios up to this count as linear (noise on a shared machine). */
  linearTolerance: number;
  sizes: EngineSizeResult[];
  growth: EngineGrowth[];
  linear: boolean;
  setupMs: number;
}

const LINEAR_TOLERANCE = 1.25;
const TYPED = ' The on-call engineer paged the database team and the alert threshold was raised.';

interface Subject {
  size: EngineSize;
  input: CheckInput;
  /** The timeline entry typed into for the warm runs, and its text before typing. */
  entry: { body: string };
  original: string;
  memo: Memo;
  typed: number;
  cold: number[];
  warm: number[];
  findings: number;
}

function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function runEngine(options: EngineOptions): EngineResult {
  const setupStart = performance.now();
  const subjects: Subject[] = options.sizes.map((size) => {
    const snapshot = generatePostmortem(size.kb * 1024);
    const entry = snapshot.timeline[Math.floor(snapshot.timeline.length / 2)]!;
    return {
      size,
      input: { snapshot, roster: ['Maria Lopez', 'jsmith'], now: '2026-11-28T12:00:00.000Z' },
      entry,
      original: entry.body,
      memo: createMemo(),
      typed: 0,
      cold: [],
      warm: [],
      findings: 0,
    };
  });
  // Load the NLP lexicon and warm up the JIT on the smallest document, unmeasured.
  runChecks(subjects[0]!.input, { memo: createMemo() });
  const setupMs = performance.now() - setupStart;

  // Cold: a fresh memo every run, sizes interleaved.
  const maxCold = Math.max(...options.sizes.map((s) => s.coldRuns));
  for (let r = 0; r < maxCold; r += 1) {
    for (const s of subjects) {
      if (r >= s.size.coldRuns) continue;
      s.cold.push(timed(() => (s.findings = runChecks(s.input, { memo: createMemo() }).findings.length)));
    }
  }

  // Warm: one run fills the memo; then each run follows one typed character in one sentence.
  for (const s of subjects) runChecks(s.input, { memo: s.memo });
  const maxWarm = Math.max(...options.sizes.map((s) => s.warmRuns));
  for (let r = 0; r < maxWarm; r += 1) {
    for (const s of subjects) {
      if (r >= s.size.warmRuns) continue;
      s.typed = (s.typed % TYPED.length) + 1;
      s.entry.body = s.original + TYPED.slice(0, s.typed);
      s.warm.push(timed(() => runChecks(s.input, { memo: s.memo })));
    }
  }

  const sizes = subjects.map((s): EngineSizeResult => {
    s.entry.body = s.original;
    const snapshot = s.input.snapshot;
    return {
      kb: s.size.kb,
      textChars: textChars(snapshot),
      jsonBytes: Buffer.byteLength(JSON.stringify(snapshot)),
      timeline: snapshot.timeline.length,
      factors: snapshot.factors.length,
      actions: snapshot.actions.length,
      findings: s.findings,
      coldRunsMs: s.cold,
      coldMedianMs: median(s.cold),
      coldMinMs: Math.min(...s.cold),
      warmRunsMs: s.warm,
      warmMedianMs: median(s.warm),
      warmMinMs: Math.min(...s.warm),
      warmMaxMs: Math.max(...s.warm),
    };
  });

  const growth: EngineGrowth[] = [];
  for (let i = 1; i < sizes.length; i += 1) {
    const a = sizes[i - 1]!;
    const b = sizes[i]!;
    const textRatio = b.textChars / a.textChars;
    const coldTimeRatio = b.coldMedianMs / a.coldMedianMs;
    const warmTimeRatio = b.warmMedianMs / a.warmMedianMs;
    const coldPerKbRatio = coldTimeRatio / textRatio;
    const warmPerKbRatio = warmTimeRatio / textRatio;
    growth.push({
      label: `${b.kb}/${a.kb}`,
      textRatio,
      coldTimeRatio,
      warmTimeRatio,
      coldPerKbRatio,
      warmPerKbRatio,
      coldPerKbRatioOfMin: b.coldMinMs / a.coldMinMs / textRatio,
      warmPerKbRatioOfMin: b.warmMinMs / a.warmMinMs / textRatio,
      coldExponent: Math.log(coldTimeRatio) / Math.log(textRatio),
      warmExponent: Math.log(warmTimeRatio) / Math.log(textRatio),
      linear: coldPerKbRatio <= LINEAR_TOLERANCE && warmPerKbRatio <= LINEAR_TOLERANCE,
    });
  }
  return { options, linearTolerance: LINEAR_TOLERANCE, sizes, growth, linear: growth.every((g) => g.linear), setupMs };
}

const kb = (chars: number) => chars / 1024;
const runs = (xs: number[]) => (xs.length <= 9 ? xs.map((ms) => fmt(ms, 0)).join(' / ') : `${xs.length} runs`);

export function printEngine(result: EngineResult): void {
  console.log(
    table(
      '4. Checks engine: runChecks in Node (this process) on generated postmortems; cold = fresh memo each run, ' +
        'warm = the previous run\'s memo with one sentence changed (one more character typed), sizes interleaved',
      ['document', 'text (KB)', 'entries/factors/actions', 'findings', 'cold median (ms)', 'cold runs (ms)', 'cold µs/KB', 'warm median (ms)', 'warm max (ms)', 'warm runs', 'warm µs/KB'],
      result.sizes.map((s) => [
        `~${s.kb} KB`,
        fmt(kb(s.textChars), 1),
        `${s.timeline}/${s.factors}/${s.actions}`,
        fmt(s.findings, 0),
        fmt(s.coldMedianMs, 1),
        runs(s.coldRunsMs),
        fmt((1000 * s.coldMedianMs) / kb(s.textChars), 0),
        fmt(s.warmMedianMs, 2),
        fmt(s.warmMaxMs, 2),
        fmt(s.warmRunsMs.length, 0),
        fmt((1000 * s.warmMedianMs) / kb(s.textChars), 1),
      ]),
    ),
  );
  console.log(
    table(
      `   Growth of the median time with the document (per-KB ratio: 1.00 = linear; counted as no worse than linear up to ${result.linearTolerance.toFixed(2)}, for noise)`,
      ['sizes', 'text x', 'cold time x', 'cold per-KB ratio', 'cold exponent', 'warm time x', 'warm per-KB ratio', 'warm exponent', 'no worse than linear', 'per-KB ratio of fastest runs (cold/warm)'],
      result.growth.map((g) => [
        g.label,
        `${g.textRatio.toFixed(2)}x`,
        `${g.coldTimeRatio.toFixed(2)}x`,
        g.coldPerKbRatio.toFixed(2),
        g.coldExponent.toFixed(2),
        `${g.warmTimeRatio.toFixed(2)}x`,
        g.warmPerKbRatio.toFixed(2),
        g.warmExponent.toFixed(2),
        g.linear ? 'yes' : 'NO',
        `${g.coldPerKbRatioOfMin.toFixed(2)} / ${g.warmPerKbRatioOfMin.toFixed(2)}`,
      ]),
    ),
  );
  console.log(
    `  growth no worse than linear: ${result.linear ? 'yes' : 'NO'}; setup (generating the documents, first run to load the lexicon) ${fmt(result.setupMs / 1000, 1)} s`,
  );
}
