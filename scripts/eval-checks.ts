/**
 * npm run eval:checks — precision, recall and F1 of each language rule on the labelled corpus
 * (dev and held-out), the clean-sentence false-alarm rate, and the dev set's misclassified
 * sentences. Exits non-zero when the dev set misses the accuracy bar.
 *
 *   --only=dev|heldout   score one set      --heldout-misses   also list held-out mistakes
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { barFailures, evaluateCorpus, parseCorpus, type CorpusReport } from '../shared/checks/language/evaluate.ts';

const CORPUS = fileURLToPath(new URL('../test/fixtures/checks-corpus/', import.meta.url));
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const showHeldoutMisses = args.includes('--heldout-misses');

const pct = (x: number) => x.toFixed(3);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);

function printReport(name: string, report: CorpusReport, listMisses: boolean): void {
  console.log(`\n== ${name}: ${report.sentences} sentences, ${report.clean} clean ==`);
  console.log(`${pad('rule', 26)}${lpad('P', 7)}${lpad('R', 7)}${lpad('F1', 7)}${lpad('support', 9)}${lpad('tp', 5)}${lpad('fp', 5)}${lpad('fn', 5)}`);
  for (const r of report.rules) {
    console.log(
      `${pad(r.rule, 26)}${lpad(pct(r.precision), 7)}${lpad(pct(r.recall), 7)}${lpad(pct(r.f1), 7)}${lpad(r.support, 9)}${lpad(r.tp, 5)}${lpad(r.fp, 5)}${lpad(r.fn, 5)}`,
    );
  }
  console.log(`clean sentences with any language finding: ${report.cleanFlagged}/${report.clean} = ${pct(report.cleanFalseAlarmRate)}`);
  const failures = barFailures(report);
  console.log(failures.length ? `BAR NOT MET:\n  ${failures.join('\n  ')}` : 'bar met (P ≥ 0.90, R ≥ 0.85 per rule; clean false alarms ≤ 5%)');
  if (listMisses && report.misses.length) {
    console.log(`\nmisclassified (${report.misses.length}):`);
    for (const m of report.misses) {
      const parts = [m.missing.length ? `missed ${m.missing.join(',')}` : '', m.extra.length ? `extra ${m.extra.join(',')}` : ''].filter(Boolean);
      console.log(`  [${m.row.placement}] ${m.row.text}\n      ${parts.join('; ')}`);
    }
  }
}

let exit = 0;
if (only !== 'heldout') {
  const dev = evaluateCorpus(parseCorpus(readFileSync(`${CORPUS}dev.jsonl`, 'utf8')));
  printReport('dev', dev, true);
  if (barFailures(dev).length) exit = 1;
}
if (only !== 'dev') {
  const heldout = evaluateCorpus(parseCorpus(readFileSync(`${CORPUS}heldout.jsonl`, 'utf8')));
  printReport('held-out (not used for tuning)', heldout, showHeldoutMisses);
}
process.exitCode = exit;
