/**
 * How long runChecks takes on a ~50 KB postmortem: cold (fresh memo), warm (unchanged text), and
 * while typing (one sentence changes per run, as in the editor).
 *
 *   npx tsx scripts/checks-perf.ts [--kb=50] [--runs=20]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../shared/checks/engine.ts';
import { emptySnapshot } from '../shared/checks/examples.ts';
import { parseCorpus } from '../shared/checks/language/evaluate.ts';
import { createMemo } from '../shared/checks/memo.ts';
import type { PostmortemSnapshot } from '../shared/schema/snapshot.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TARGET = arg('kb', 50) * 1024;
const RUNS = arg('runs', 20);

// A small seeded generator so every run measures the same document.
let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function generate(): PostmortemSnapshot {
  const rows = parseCorpus(readFileSync(fileURLToPath(new URL('../test/fixtures/checks-corpus/dev.jsonl', import.meta.url)), 'utf8'));
  const by = (p: string) => rows.filter((r) => r.placement === p).map((r) => r.text);
  const pools = { summary: by('summary'), timeline: by('timeline'), control: by('control'), factor: by('factor'), action: by('action'), prevention: by('prevention'), impact: by('impact') };
  const s = emptySnapshot();
  s.meta.title = 'Checkout outage in the EU';
  let size = 0;
  // Every sentence made unique (a reference number), so the cold run cannot reuse a repeated sentence's parse.
  let ref = 0;
  const unique = (text: string) => text.replace(/([.!?])?$/, (end) => ` (ref ${(ref += 1)})${end || '.'}`);
  const para = (pool: string[], n: number) => Array.from({ length: n }, () => unique(pick(pool))).join(' ');
  let i = 0;
  while (size < TARGET) {
    i += 1;
    const body = para(pools.timeline, 2);
    const known = para(pools.timeline, 1);
    s.timeline.push({ id: `e${i}`, at: new Date(Date.UTC(2026, 10, 2, 13, i)).toISOString(), body, known });
    size += body.length + known.length;
    if (i % 4 === 0) {
      const f = para(pools.factor, 2);
      s.factors.push({ id: `f${i}`, category: 'process', body: f });
      size += f.length;
    }
    if (i % 5 === 0) {
      const a = unique(pick(pools.action));
      s.actions.push({ id: `a${i}`, action: a, kind: 'control', owner: 'Platform', due: '2099-01-01', status: 'open', factorIds: [], createdAt: '', closedAt: '' });
      size += a.length;
    }
    if (i % 6 === 0) {
      const paragraphs = { summary: pools.summary, control: pools.control, prevention: pools.prevention, impact: pools.impact } as const;
      for (const [root, pool] of Object.entries(paragraphs)) {
        const add = `${para(pool, 2)}\n`;
        s.text[root as keyof typeof paragraphs] += add;
        size += add.length;
      }
    }
  }
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const snapshot = generate();
const bytes = new TextEncoder().encode(JSON.stringify(snapshot)).length;
const textChars =
  Object.values(snapshot.text).join('').length +
  snapshot.timeline.reduce((n, e) => n + e.body.length + e.known.length, 0) +
  snapshot.factors.reduce((n, f) => n + f.body.length, 0) +
  snapshot.actions.reduce((n, a) => n + a.action.length, 0);
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
