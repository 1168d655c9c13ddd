/**
 * How long runChecks takes on a ~50 KB postmortem: cold (fresh memo), warm (unchanged text), and
 * while typing (one sentence changes per run, as in the editor).
 *
 *   npx tsx scripts/checks-perf.ts [--kb=50] [--runs=20]
 */
import { runChecks } from '../shared/checks/engine.ts';
import { createMemo } from '../shared/checks/memo.ts';
import { generatePostmortem, textChars as countText } from './bench/postmortem-text.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TARGET = arg('kb', 50) * 1024;
const RUNS = arg('runs', 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const snapshot = generatePostmortem(TARGET);
const bytes = new TextEncoder().encode(JSON.stringify(snapshot)).length;
const textChars = countText(snapshot);
const input = { snapshot, roster: ['Maria Lopez', 'jsmith'], now: '2026-11-28T12:00:00.000Z' };

const cold: number[] = [];
let findings = 0;
for (let r = 0; r < Math.min(RUNS, 5); r += 1) {
  cold.push(time(() => (findings = runChecks(input, { memo: createMemo() }).findings.length)));
}

const memo = createMemo();
runChecks(input, { memo });
const warm: number[] = [];
for (let r = 0; r < RUNS; r += 1) warm.push(time(() => runChecks(input, { memo })));

// Typing: append characters to one timeline entry, one run per keystroke.
const typing: number[] = [];
const entry = snapshot.timeline[Math.floor(snapshot.timeline.length / 2)]!;
const typed = ' The on-call engineer paged the database team.';
for (let k = 1; k <= Math.min(RUNS * 2, typed.length); k += 1) {
  entry.body = `${entry.body.replace(/ The on-call engineer paged the database team\.?.*$/, '')}${typed.slice(0, k)}`;
  typing.push(time(() => runChecks(input, { memo })));
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`document: ${(textChars / 1024).toFixed(1)} KB of text (${(bytes / 1024).toFixed(1)} KB as JSON), ${snapshot.timeline.length} timeline entries, ${snapshot.factors.length} factors, ${snapshot.actions.length} actions; ${findings} findings`);
console.log(`cold (new memo):            median ${fmt(median(cold))}  (min ${fmt(Math.min(...cold))}, max ${fmt(Math.max(...cold))}, ${cold.length} runs)`);
console.log(`warm (same text, same memo): median ${fmt(median(warm))}  (max ${fmt(Math.max(...warm))}, ${warm.length} runs)`);
console.log(`typing (one sentence changes per run): median ${fmt(median(typing))}  (max ${fmt(Math.max(...typing))}, ${typing.length} keystrokes)`);
