/**
 * The language rules' example tables (rules/*.examples.ts), run through the real engine, and the
 * accuracy bar on the labelled dev corpus (test/fixtures/checks-corpus/dev.jsonl).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/engine.ts';
import { snapshotWithText } from '../../../shared/checks/examples.ts';
import { barFailures, evaluateCorpus, parseCorpus } from '../../../shared/checks/language/evaluate.ts';
import * as actionNotSystemChange from '../../../shared/checks/rules/action-not-system-change.examples.ts';
import * as blameQuestion from '../../../shared/checks/rules/blame-question.examples.ts';
import * as counterfactual from '../../../shared/checks/rules/counterfactual.examples.ts';
import * as hindsight from '../../../shared/checks/rules/hindsight.examples.ts';
import * as humanErrorCause from '../../../shared/checks/rules/human-error-cause.examples.ts';
import * as namedIndividual from '../../../shared/checks/rules/named-individual.examples.ts';
import * as singleRootCause from '../../../shared/checks/rules/single-root-cause.examples.ts';
import * as whyChain from '../../../shared/checks/rules/why-chain.examples.ts';
import { ALL_RULES } from '../../../shared/checks/rules/index.ts';
import { LANGUAGE_RULES, type ExamplePlacement, type LanguageRuleId, type RuleExamples } from '../../../shared/checks/types.ts';

const TABLES: Record<LanguageRuleId, readonly RuleExamples[]> = {
  'named-individual': namedIndividual.examples,
  'blame-question': blameQuestion.examples,
  counterfactual: counterfactual.examples,
  hindsight: hindsight.examples,
  'human-error-cause': humanErrorCause.examples,
  'single-root-cause': singleRootCause.examples,
  'why-chain': whyChain.examples,
  'action-not-system-change': actionNotSystemChange.examples,
};

function findingsOf(rule: LanguageRuleId, placement: ExamplePlacement, text: string) {
  return runChecks({ snapshot: snapshotWithText(placement, text) }).findings.filter((f) => f.rule === rule);
}

describe('every language rule is registered and has its example table', () => {
  it.each(LANGUAGE_RULES.map((id) => [id]))('%s', (id) => {
    expect(ALL_RULES.some((r) => r.id === id)).toBe(true);
    const tables = TABLES[id];
    expect(tables.reduce((n, t) => n + t.shouldFlag.length, 0)).toBeGreaterThanOrEqual(8);
    expect(tables.reduce((n, t) => n + t.shouldNotFlag.length, 0)).toBeGreaterThanOrEqual(8);
  });
});

describe.each(LANGUAGE_RULES.map((id) => [id] as const))('%s examples', (id) => {
  const rule = ALL_RULES.find((r) => r.id === id)!;
  const flag = TABLES[id].flatMap((t) => t.shouldFlag.map((text) => [t.placement, text] as const));
  const clean = TABLES[id].flatMap((t) => t.shouldNotFlag.map((text) => [t.placement, text] as const));

  it.each(flag)('flags [%s] %s', (placement, text) => {
    const found = findingsOf(id, placement, text);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      // The excerpt is a piece of the sentence, and the location points exactly at it.
      expect(text).toContain(f.excerpt);
      expect(text.slice(f.location.start, f.location.end)).toBe(f.excerpt);
      expect(f.message).not.toBe('');
      expect(f.suggestion).not.toBe('');
      expect(f.reason).toBe(rule.reason);
    }
  });

  it.each(clean)('does not flag [%s] %s', (placement, text) => {
    expect(findingsOf(id, placement, text)).toEqual([]);
  });
});

describe('accuracy on the labelled dev corpus', () => {
  it('meets the bar: P ≥ 0.90 and R ≥ 0.85 per rule, ≤ 5% of clean sentences flagged', () => {
    const rows = parseCorpus(readFileSync(new URL('../../fixtures/checks-corpus/dev.jsonl', import.meta.url), 'utf8'));
    expect(rows.length).toBeGreaterThanOrEqual(400);
    const report = evaluateCorpus(rows);
    expect(barFailures(report)).toEqual([]);
  });
});
