/**
 * runChecks: the one engine behind the editor's marks, the server's report on save and the
 * command line. Pure and deterministic: same input, same findings, in the browser and in Node.
 */
import { SECTIONS } from '../schema/sections.ts';
import { createMemo } from './memo.ts';
import { ALL_RULES } from './rules/index.ts';
import {
  fieldKey,
  type CheckInput,
  type CheckReport,
  type Finding,
  type FindingSection,
  type Memo,
  type RuleContext,
  type RuleDefinition,
  type RuleHit,
} from './types.ts';
import { textUnits } from './units.ts';

export interface RunOptions {
  /** Reuse across runs so unchanged text is not analysed again (the editor keeps one). */
  memo?: Memo;
  /** Defaults to every rule. */
  rules?: readonly RuleDefinition[];
}

const SECTION_ORDER: Record<FindingSection, number> = Object.fromEntries([
  ['header', -1],
  ...SECTIONS.map((s, i) => [s.id, i] as const),
]) as Record<FindingSection, number>;

/** 53-bit FNV-style hash as base36: short, stable ids without a crypto dependency. */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The sentence around [start, end): what a dismissal stays attached to. */
function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to]!)) to += 1;
  return text.slice(from, Math.min(text.length, to + 1)).trim();
}

function sectionTitle(section: FindingSection): string {
  return section === 'header' ? 'Title' : (SECTIONS.find((s) => s.id === section)?.title ?? section);
}

/** Runs every rule over the snapshot. */
export function runChecks(input: CheckInput, options: RunOptions = {}): CheckReport {
  const units = textUnits(input.snapshot);
  const knownPeople = new Set([...(input.roster ?? []), ...(input.people ?? [])].map((n) => n.trim().toLowerCase()).filter(Boolean));
  const ctx: RuleContext = { input, units, knownPeople, memo: options.memo ?? createMemo() };
  const textByField = new Map(units.map((u) => [fieldKey(u.field), u.text]));
  const unitOrder = new Map(units.map((u, i) => [fieldKey(u.field), i]));

  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const rule of options.rules ?? ALL_RULES) {
    let hits: RuleHit[];
    try {
      hits = rule.check(ctx);
    } catch {
      // A rule that throws on odd input must not take the others down; it reports nothing.
      continue;
    }
    for (const hit of hits) {
      const key = hit.field ? fieldKey(hit.field) : `section:${hit.section}`;
      const text = hit.field ? (textByField.get(key) ?? '') : '';
      const whole = hit.start === hit.end;
      const excerpt = whole ? (hit.field ? text.slice(0, 120) : sectionTitle(hit.section)) : text.slice(hit.start, hit.end);
      const anchor = whole ? excerpt : sentenceAround(text, hit.start, hit.end);
      const base = `${rule.id}|${key}|${anchor}|${excerpt}`;
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      findings.push({
        id: stableHash(`${base}|${occurrence}`),
        rule: rule.id,
        severity: hit.severity ?? rule.severity,
        section: hit.section,
        location: { field: hit.field, start: hit.start, end: hit.end },
        excerpt,
        message: hit.message,
        suggestion: hit.suggestion,
        reason: rule.reason,
        ...(hit.fix ? { fix: hit.fix } : {}),
      });
    }
  }
  findings.sort(
    (a, b) =>
      SECTION_ORDER[a.section] - SECTION_ORDER[b.section] ||
      (unitOrder.get(a.location.field ? fieldKey(a.location.field) : '') ?? -1) -
        (unitOrder.get(b.location.field ? fieldKey(b.location.field) : '') ?? -1) ||
      a.location.start - b.location.start ||
      a.rule.localeCompare(b.rule),
  );
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { findings, counts };
}
