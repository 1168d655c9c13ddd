/** Lints one Markdown postmortem: parse, run the shared checks, place each finding in the file. */
import { runChecks } from '../../shared/checks/engine.ts';
import type { CheckSeverity, FindingSection, RuleDefinition, RuleId } from '../../shared/checks/types.ts';
import { locateFinding, parsePostmortemMarkdown } from '../../shared/markdown/index.ts';

/** One finding as the command line reports it (CONTRACT.md, "Command line"). */
export interface LintFinding {
  readonly rule: RuleId;
  readonly severity: CheckSeverity;
  readonly section: FindingSection;
  readonly line: number;
  readonly column: number;
  readonly excerpt: string;
  readonly message: string;
  readonly suggestion: string;
  readonly reason: string;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly LintFinding[];
  /** What the reader could not place (unmapped headings, guessed times): told on stderr, not findings. */
  readonly notes: readonly string[];
}

export interface LintOptions {
  readonly people?: readonly string[];
  /** ISO 8601 "now" for due dates. */
  readonly now: string;
  /** Defaults to every rule. */
  readonly rules?: readonly RuleDefinition[];
}

/** Findings of one file, in file order (line, then column). */
export function lintMarkdown(file: string, source: string, options: LintOptions): FileReport {
  const parsed = parsePostmortemMarkdown(source);
  const report = runChecks(
    { snapshot: parsed.snapshot, people: options.people ?? [], now: options.now },
    options.rules ? { rules: options.rules } : {},
  );
  const findings = report.findings.map((f, index) => {
    const at = locateFinding(parsed.positions, f);
    return {
      index,
      finding: {
        rule: f.rule,
        severity: f.severity,
        section: f.section,
        line: at.line,
        column: at.column,
        excerpt: f.excerpt,
        message: f.message,
        suggestion: f.suggestion,
        reason: f.reason,
      } satisfies LintFinding,
    };
  });
  findings.sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column || a.index - b.index);
  const notes = [
    ...(parsed.unmapped.length ? [`not read (no matching template section): ${parsed.unmapped.map((u) => `"${u}"`).join(', ')}`] : []),
    ...parsed.warnings,
  ];
  return { file, findings: findings.map((f) => f.finding), notes };
}
