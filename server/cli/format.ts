/** The command line's output formats: eslint-like text lines, or JSON (CONTRACT.md, "Command line"). */
import type { CheckSeverity } from '../../shared/checks/types.ts';
import type { FileReport } from './lint.ts';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countSeverities(reports: readonly FileReport[]): Record<CheckSeverity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const f of r.findings) counts[f.severity] += 1;
  return counts;
}

/** `file:line:col  severity  message  rule` per finding, then a summary line when there are findings. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) lines.push(`${report.file}:${f.line}:${f.column}  ${f.severity}  ${oneLine(f.message)}  ${f.rule}`);
  }
  if (lines.length === 0) return '';
  const c = countSeverities(reports);
  const total = c.error + c.warning + c.info;
  lines.push('', `✖ ${plural(total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')})`);
  return `${lines.join('\n')}\n`;
}

/** `[{"file", "findings": [{rule, severity, section, line, column, excerpt, message, suggestion, reason}]}]`. */
export function formatJson(reports: readonly FileReport[]): string {
  return `${JSON.stringify(
    reports.map((r) => ({ file: r.file, findings: r.findings })),
    null,
    2,
  )}\n`;
}
