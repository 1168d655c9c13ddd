import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/engine.ts';
import type { RuleDefinition, SnapshotExamples } from '../../../shared/checks/types.ts';
import * as actionKindMissing from '../../../shared/checks/rules/action-kind-missing.ts';
import * as actionUntracked from '../../../shared/checks/rules/action-untracked.ts';
import * as impactWithoutNumbers from '../../../shared/checks/rules/impact-without-numbers.ts';
import * as preventionEmpty from '../../../shared/checks/rules/prevention-empty.ts';
import * as sectionEmpty from '../../../shared/checks/rules/section-empty.ts';
import * as shallowAnalysis from '../../../shared/checks/rules/shallow-analysis.ts';
import * as timelineOrder from '../../../shared/checks/rules/timeline-order.ts';

const RULES: { rule: RuleDefinition; examples: SnapshotExamples }[] = [
  actionKindMissing,
  actionUntracked,
  impactWithoutNumbers,
  preventionEmpty,
  sectionEmpty,
  shallowAnalysis,
  timelineOrder,
];
const NOW = '2026-11-28T12:00:00.000Z';

describe.each(RULES.map((r) => [r.rule.id, r] as const))('%s', (_id, { rule, examples }) => {
  it.each(examples.shouldFlag.map((e) => [e.name, e.snapshot] as const))('flags: %s', (_name, snapshot) => {
    const findings = runChecks({ snapshot, now: NOW }).findings.filter((f) => f.rule === rule.id);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.message).not.toBe('');
      expect(f.suggestion).not.toBe('');
      expect(f.reason).toBe(rule.reason);
    }
  });
  it.each(examples.shouldNotFlag.map((e) => [e.name, e.snapshot] as const))('does not flag: %s', (_name, snapshot) => {
    expect(runChecks({ snapshot, now: NOW }).findings.filter((f) => f.rule === rule.id)).toEqual([]);
  });
});
