/**
 * What the screen shows of a run: findings per field and per section, counts, what blocks
 * publishing, with dismissals applied. Pure; objects of unchanged fields are reused so only
 * the fields whose findings changed re-render.
 */
import { fieldKey, type CheckSeverity, type Finding, type FindingSection } from '../../shared/checks/types.ts';

export interface Dismissal {
  readonly reason: string;
  readonly at: string;
}

/** A finding as shown; `dismissal` is set on dismissed ones (only facilitators see those). */
export interface ShownFinding extends Finding {
  readonly dismissal?: Dismissal;
}

export interface FieldChecks {
  readonly key: string;
  /** The field's text in the run these findings came from (their offsets point into it). */
  readonly text: string;
  /** Findings on a range of the text: inline marks (dismissed ones included for facilitators). */
  readonly ranged: readonly ShownFinding[];
  /** Findings about the whole field (start === end), not dismissed. */
  readonly whole: readonly ShownFinding[];
  /** Every finding of the field that is not dismissed. */
  readonly active: readonly ShownFinding[];
  /** Changes whenever anything above changes. */
  readonly signature: string;
}

export interface ChecksView {
  /** A run has finished since the document opened. */
  readonly ready: boolean;
  /** Findings not dismissed, in the engine's order (section order, then place). */
  readonly active: readonly ShownFinding[];
  /** Dismissed findings still present in the text (facilitators only). */
  readonly dismissed: readonly ShownFinding[];
  readonly counts: Readonly<Record<CheckSeverity, number>>;
  /** Errors block publishing. */
  readonly blocking: readonly ShownFinding[];
  readonly fields: ReadonlyMap<string, FieldChecks>;
  /** Findings about a whole section (no field), by section. */
  readonly sections: ReadonlyMap<FindingSection, readonly ShownFinding[]>;
  readonly byId: ReadonlyMap<string, ShownFinding>;
  /** Changes whenever the findings (not only the texts) change. */
  readonly signature: string;
}

export const EMPTY_VIEW: ChecksView = {
  ready: false,
  active: [],
  dismissed: [],
  counts: { error: 0, warning: 0, info: 0 },
  blocking: [],
  fields: new Map(),
  sections: new Map(),
  byId: new Map(),
  signature: '',
};

export interface ViewInput {
  findings: readonly Finding[];
  /** Text of every field in the run, by fieldKey. */
  texts: ReadonlyMap<string, string>;
  /** Dismissals known with their reasons (facilitators). */
  dismissals: ReadonlyMap<string, Dismissal>;
  /** Ids known to be dismissed without details (participants and viewers). */
  hidden: ReadonlySet<string>;
  /** Facilitators see dismissed findings, marked as such. */
  showDismissed: boolean;
}

/** The key of a finding's field, or null for a whole-section finding. */
export function findingFieldKey(finding: Finding): string | null {
  return finding.location.field ? fieldKey(finding.location.field) : null;
}

export function isWholeField(finding: Finding): boolean {
  return finding.location.start === finding.location.end;
}

function signatureOf(text: string, findings: readonly ShownFinding[]): string {
  const parts = findings.map((f) => `${f.id}:${f.severity}:${f.location.start}:${f.location.end}:${f.dismissal ? 'd' : ''}`);
  return `${parts.join(',')}\u0000${text}`;
}

/** Builds the view; `previous` lends its unchanged field objects. */
export function buildView(input: ViewInput, previous: ChecksView = EMPTY_VIEW): ChecksView {
  const active: ShownFinding[] = [];
  const dismissed: ShownFinding[] = [];
  const byId = new Map<string, ShownFinding>();
  const perField = new Map<string, ShownFinding[]>();
  const sections = new Map<FindingSection, ShownFinding[]>();

  for (const finding of input.findings) {
    const dismissal = input.dismissals.get(finding.id);
    const isDismissed = dismissal !== undefined || input.hidden.has(finding.id);
    if (isDismissed && !input.showDismissed) continue;
    const shown: ShownFinding = isDismissed ? { ...finding, dismissal: dismissal ?? { reason: '', at: '' } } : finding;
    byId.set(shown.id, shown);
    (isDismissed ? dismissed : active).push(shown);
    const key = findingFieldKey(shown);
    if (key === null) {
      if (!isDismissed) sections.set(shown.section, [...(sections.get(shown.section) ?? []), shown]);
      continue;
    }
    let list = perField.get(key);
    if (!list) perField.set(key, (list = []));
    list.push(shown);
  }

  const fields = new Map<string, FieldChecks>();
  for (const [key, list] of perField) {
    const text = input.texts.get(key) ?? '';
    const signature = signatureOf(text, list);
    const old = previous.fields.get(key);
    if (old && old.signature === signature) {
      fields.set(key, old);
      continue;
    }
    fields.set(key, {
      key,
      text,
      ranged: list.filter((f) => !isWholeField(f)),
      whole: list.filter((f) => isWholeField(f) && !f.dismissal),
      active: list.filter((f) => !f.dismissal),
      signature,
    });
  }

  // Nothing changed (a run after typing that moved no finding): keep the old view, so nothing re-renders.
  const signature = signatureOf('', [...active, ...dismissed]);
  const sameFields = fields.size === previous.fields.size && [...fields].every(([key, value]) => previous.fields.get(key) === value);
  if (previous.ready && sameFields && signature === previous.signature) return previous;

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of active) counts[f.severity] += 1;
  return {
    signature,
    ready: true,
    active,
    dismissed,
    counts,
    blocking: active.filter((f) => f.severity === 'error'),
    fields,
    sections,
    byId,
  };
}

const RANK: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The most severe severity among findings, or null when there are none. */
export function topSeverity(findings: readonly Finding[]): CheckSeverity | null {
  let top: CheckSeverity | null = null;
  for (const f of findings) if (top === null || RANK[f.severity] < RANK[top]) top = f.severity;
  return top;
}

export const SEVERITY_LABEL: Record<CheckSeverity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
