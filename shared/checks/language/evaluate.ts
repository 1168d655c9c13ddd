/**
 * Scores the language rules against labelled sentences (test/fixtures/checks-corpus): per-rule
 * precision, recall and F1, and how often a clean sentence gets any language finding.
 * Pure: the eval script and the tests read the files and hand the rows in.
 */
import { runChecks } from '../engine.ts';
import { snapshotWithText } from '../examples.ts';
import { createMemo } from '../memo.ts';
import { ALL_RULES } from '../rules/index.ts';
import { LANGUAGE_RULES, type ExamplePlacement, type LanguageRuleId, type Memo } from '../types.ts';

export interface CorpusRow {
  readonly text: string;
  readonly placement: ExamplePlacement;
  readonly labels: readonly LanguageRuleId[];
}

export interface RuleScore {
  readonly rule: LanguageRuleId;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Miss {
  readonly row: CorpusRow;
  readonly predicted: readonly LanguageRuleId[];
  readonly missing: readonly LanguageRuleId[];
  readonly extra: readonly LanguageRuleId[];
}

export interface CorpusReport {
  readonly sentences: number;
  readonly clean: number;
  readonly cleanFlagged: number;
  readonly cleanFalseAlarmRate: number;
  readonly rules: readonly RuleScore[];
  readonly misses: readonly Miss[];
}

/** The bar from PRODUCT.md: every language rule at precision ≥ 0.90 and recall ≥ 0.85; ≤ 5% clean sentences flagged. */
export const ACCURACY_BAR = { precision: 0.9, recall: 0.85, cleanFalseAlarmRate: 0.05 } as const;

const LANGUAGE_RULE_DEFS = ALL_RULES.filter((r) => (LANGUAGE_RULES as readonly string[]).includes(r.id));

/** Language rules that fire on one sentence placed as the corpus says (sentence-level findings only). */
export function predict(row: Pick<CorpusRow, 'text' | 'placement'>, memo: Memo = createMemo()): LanguageRuleId[] {
  const report = runChecks({ snapshot: snapshotWithText(row.placement, row.text) }, { rules: LANGUAGE_RULE_DEFS, memo });
  const rules = new Set<LanguageRuleId>();
  for (const f of report.findings) if (f.location.field !== null) rules.add(f.rule as LanguageRuleId);
  return [...rules].sort();
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Scores every row. */
export function evaluateCorpus(rows: readonly CorpusRow[], memo: Memo = createMemo()): CorpusReport {
  const counts = new Map<LanguageRuleId, { tp: number; fp: number; fn: number }>(LANGUAGE_RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const misses: Miss[] = [];
  let clean = 0;
  let cleanFlagged = 0;
  for (const row of rows) {
    const predicted = predict(row, memo);
    const want = new Set(row.labels);
    const got = new Set(predicted);
    for (const rule of LANGUAGE_RULES) {
      const c = counts.get(rule)!;
      if (want.has(rule) && got.has(rule)) c.tp += 1;
      else if (got.has(rule)) c.fp += 1;
      else if (want.has(rule)) c.fn += 1;
    }
    if (row.labels.length === 0) {
      clean += 1;
      if (predicted.length > 0) cleanFlagged += 1;
    }
    const missing = row.labels.filter((r) => !got.has(r));
    const extra = predicted.filter((r) => !want.has(r));
    if (missing.length || extra.length) misses.push({ row, predicted, missing, extra });
  }
  const rules = LANGUAGE_RULES.map((rule) => {
    const { tp, fp, fn } = counts.get(rule)!;
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { rule, tp, fp, fn, support: tp + fn, precision, recall, f1 };
  });
  return { sentences: rows.length, clean, cleanFlagged, cleanFalseAlarmRate: ratio(cleanFlagged, clean === 0 ? 1 : clean) * (clean === 0 ? 0 : 1), rules, misses };
}

/** Which parts of the bar a report misses (empty when it meets it). */
export function barFailures(report: CorpusReport): string[] {
  const out: string[] = [];
  for (const r of report.rules) {
    if (r.precision < ACCURACY_BAR.precision) out.push(`${r.rule}: precision ${r.precision.toFixed(3)} < ${ACCURACY_BAR.precision}`);
    if (r.recall < ACCURACY_BAR.recall) out.push(`${r.rule}: recall ${r.recall.toFixed(3)} < ${ACCURACY_BAR.recall}`);
  }
  if (report.cleanFalseAlarmRate > ACCURACY_BAR.cleanFalseAlarmRate) {
    out.push(`clean false-alarm rate ${report.cleanFalseAlarmRate.toFixed(3)} > ${ACCURACY_BAR.cleanFalseAlarmRate}`);
  }
  return out;
}

/** Parses JSON Lines corpus text; throws with the line number on a malformed row. */
export function parseCorpus(text: string): CorpusRow[] {
  const rows: CorpusRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const row = JSON.parse(line) as CorpusRow;
    if (typeof row.text !== 'string' || typeof row.placement !== 'string' || !Array.isArray(row.labels)) {
      throw new Error(`corpus line ${i + 1}: expected {text, placement, labels}`);
    }
    for (const l of row.labels) if (!(LANGUAGE_RULES as readonly string[]).includes(l)) throw new Error(`corpus line ${i + 1}: unknown rule ${l}`);
    rows.push(row);
  }
  return rows;
}
