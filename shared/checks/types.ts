/**
 * The blameless checks: shapes shared by the engine, its rules, the editor, the server and the
 * command line. Pure data, no DOM and no Node APIs.
 */
import type { PostmortemSnapshot } from '../schema/snapshot.ts';
import type { RichTextRoot } from '../schema/roots.ts';
import type { SectionId } from '../schema/sections.ts';

export const CHECK_SEVERITIES = ['error', 'warning', 'info'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const RULE_IDS = [
  'named-individual',
  'blame-question',
  'counterfactual',
  'hindsight',
  'human-error-cause',
  'single-root-cause',
  'why-chain',
  'action-not-system-change',
  'action-untracked',
  'action-kind-missing',
  'prevention-empty',
  'impact-without-numbers',
  'section-empty',
  'timeline-order',
  'shallow-analysis',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Rules that read sentences (measured for precision and recall by `npm run eval:checks`). */
export const LANGUAGE_RULES = [
  'named-individual',
  'blame-question',
  'counterfactual',
  'hindsight',
  'human-error-cause',
  'single-root-cause',
  'why-chain',
  'action-not-system-change',
] as const satisfies readonly RuleId[];
export type LanguageRuleId = (typeof LANGUAGE_RULES)[number];

/** The section a finding belongs to: the eight template sections, or the header (title). */
export type FindingSection = SectionId | 'header';

/** One piece of checked text in the document. Offsets of findings are into its `text`. */
export type TextField =
  | { readonly kind: 'title' }
  | { readonly kind: 'root'; readonly root: RichTextRoot }
  | { readonly kind: 'timeline'; readonly id: string; readonly field: 'body' | 'known' }
  | { readonly kind: 'factor'; readonly id: string }
  | { readonly kind: 'defense'; readonly id: string }
  | { readonly kind: 'action'; readonly id: string; readonly field: 'action' | 'owner' };

/** A stable string for a field, e.g. "root:summary" or "timeline:ab12:known". */
export function fieldKey(field: TextField): string {
  switch (field.kind) {
    case 'title':
      return 'title';
    case 'root':
      return `root:${field.root}`;
    case 'timeline':
      return `timeline:${field.id}:${field.field}`;
    case 'factor':
      return `factor:${field.id}`;
    case 'defense':
      return `defense:${field.id}`;
    case 'action':
      return `action:${field.id}:${field.field}`;
  }
}

/** Where a finding points: a range of a field's text, a whole field, or a whole section (field null). */
export interface FindingLocation {
  readonly field: TextField | null;
  /** UTF-16 offsets into the field's text; both 0 when the finding is about the whole field or section. */
  readonly start: number;
  readonly end: number;
}

/** A mechanical rewrite the editor can apply in one click. */
export type QuickFix =
  | { readonly kind: 'replace'; readonly label: string; readonly replacement: string }
  | { readonly kind: 'choose-role'; readonly label: string; readonly options: readonly string[] };

export interface Finding {
  /** Stable while the rule, the field and the flagged sentence are unchanged (dismissals key on it). */
  readonly id: string;
  readonly rule: RuleId;
  readonly severity: CheckSeverity;
  readonly section: FindingSection;
  readonly location: FindingLocation;
  /** The flagged words, or the section name when the finding is about a whole section. */
  readonly excerpt: string;
  readonly message: string;
  readonly suggestion: string;
  /** One line citing the principle behind the rule. */
  readonly reason: string;
  readonly fix?: QuickFix;
}

export interface CheckInput {
  readonly snapshot: PostmortemSnapshot;
  /** Display names of the people in the session, when known: names that must not appear as actors. */
  readonly roster?: readonly string[];
  /** Further names of people (the command line's --people FILE). */
  readonly people?: readonly string[];
  /** "Now" for due dates, as ISO 8601; fixed by the caller so results are deterministic. */
  readonly now?: string;
}

/** A piece of text handed to rules, with where it lives. */
export interface TextUnit {
  readonly section: FindingSection;
  readonly field: TextField;
  readonly text: string;
}

/** What a rule reports; the engine adds id, rule, excerpt and the rule's reason. */
export interface RuleHit {
  readonly section: FindingSection;
  readonly field: TextField | null;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly suggestion: string;
  /** Defaults to the rule's severity. */
  readonly severity?: CheckSeverity;
  readonly fix?: QuickFix;
}

/** What every rule receives. */
export interface RuleContext {
  readonly input: CheckInput;
  /** Every text field of the document, in document order. */
  readonly units: readonly TextUnit[];
  /** Lower-cased names of people known to be people (roster and --people), for the people rules. */
  readonly knownPeople: ReadonlySet<string>;
  /** Memo shared across runs (keyed by text), so unchanged text is not analysed again. */
  readonly memo: Memo;
}

/** A bounded cache the engine shares between runs. */
export interface Memo {
  get<T>(key: string, compute: () => T): T;
  /** Called when a run starts: entries the previous run did not use may be dropped. */
  nextRun?(): void;
}

export interface RuleDefinition {
  readonly id: RuleId;
  readonly severity: CheckSeverity;
  /** One-line reason citing the principle; copied into every finding. */
  readonly reason: string;
  check(ctx: RuleContext): RuleHit[];
}

/** Where a rule's example sentences are placed when its example table is tested. */
export type ExamplePlacement = 'summary' | 'timeline' | 'impact' | 'control' | 'factor' | 'action' | 'prevention';

/** A rule's examples, kept beside it: each must (or must not) produce a finding of that rule. */
export interface RuleExamples {
  readonly placement: ExamplePlacement;
  readonly shouldFlag: readonly string[];
  readonly shouldNotFlag: readonly string[];
}

/** Examples of a rule that reads the document's structure rather than sentences. */
export interface SnapshotExamples {
  readonly shouldFlag: readonly { readonly name: string; readonly snapshot: PostmortemSnapshot }[];
  readonly shouldNotFlag: readonly { readonly name: string; readonly snapshot: PostmortemSnapshot }[];
}

export interface CheckReport {
  readonly findings: Finding[];
  readonly counts: Record<CheckSeverity, number>;
}
