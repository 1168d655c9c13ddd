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

type HashState = readonly [number, number];
const HASH_SEED: HashState = [0xdeadbeef, 0x41c6ce57];

function hashUpdate([a, b]: HashState, text: string): HashState {
  let h1 = a;
  let h2 = b;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return [h1, h2];
}

function hashDigest([a, b]: HashState): string {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** 53-bit FNV-style hash as base36: short, stable ids without a crypto dependency. */
export function stableHash(text: string): string {
  return hashDigest(hashUpdate(HASH_SEED, text));
}

const SENTENCE_END = /[.!?\n]/;

/**
 * The sentences of one field as a dismissal sees them: text between ".", "!", "?" or a line
 * break. Bounds are found once per field and each sentence is sliced once, so a field with many
 * findings in one huge sentence costs a binary search per finding, not a scan.
 */
class FieldAnchors {
  private readonly ends: number[] = [];
  private readonly anchors = new Map<number, { readonly text: string; readonly id: number }>();
  private readonly ids = new Map<string, number>();

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i += 1) if (SENTENCE_END.test(text[i]!)) this.ends.push(i);
  }

  /** The trimmed sentence around [start, end), and a number equal for equal sentence texts. */
  around(start: number, end: number): { readonly text: string; readonly id: number } {
    // First terminator at or after `end` closes the sentence; the one before `start` opens it.
    const close = this.firstAtOrAfter(end);
    const open = this.firstAtOrAfter(start) - 1;
    const from = open >= 0 ? this.ends[open]! + 1 : 0;
    const to = close < this.ends.length ? this.ends[close]! + 1 : this.text.length;
    const key = from * (this.text.length + 1) + to;
    let anchor = this.anchors.get(key);
    if (!anchor) {
      const text = this.text.slice(from, to).trim();
      anchor = { text, id: this.idOf(text) };
      this.anchors.set(key, anchor);
    }
    return anchor;
  }

  /** A number per distinct anchor text (sentences and whole-field excerpts share the numbering). */
  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(text, id);
    }
    return id;
  }

  private firstAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function sectionTitle(section: FindingSection): string {
  return section === 'header' ? 'Title' : (SECTIONS.find((s) => s.id === section)?.title ?? section);
}

/** Runs every rule over the snapshot. */
export function runChecks(input: CheckInput, options: RunOptions = {}): CheckReport {
  options.memo?.nextRun?.();
  const units = textUnits(input.snapshot);
  const knownPeople = new Set([...(input.roster ?? []), ...(input.people ?? [])].map((n) => n.trim().toLowerCase()).filter(Boolean));
  const ctx: RuleContext = { input, units, knownPeople, memo: options.memo ?? createMemo() };
  const textByField = new Map(units.map((u) => [fieldKey(u.field), u.text]));
  const unitOrder = new Map(units.map((u, i) => [fieldKey(u.field), i]));

  const findings: Finding[] = [];
  const anchorsByField = new Map<string, FieldAnchors>();
  // The id hashes `rule|field|sentence|excerpt|occurrence`; the state after `rule|field|sentence|`
  // is kept per sentence so a sentence is hashed once per rule, however many findings it holds.
  const prefixStates = new Map<string, HashState>();
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
      let anchors = anchorsByField.get(key);
      if (!anchors) {
        anchors = new FieldAnchors(text);
        anchorsByField.set(key, anchors);
      }
      // A whole-field finding is anchored on its excerpt, a range on the sentence around it.
      const anchor = whole ? { text: excerpt, id: anchors.idOf(excerpt) } : anchors.around(hit.start, hit.end);
      const stateKey = `${rule.id}|${key}|${anchor.id}`;
      let prefix = prefixStates.get(stateKey);
      if (!prefix) {
        prefix = hashUpdate(HASH_SEED, `${rule.id}|${key}|${anchor.text}|`);
        prefixStates.set(stateKey, prefix);
      }
      // Same rule, field, sentence and excerpt: numbered in order so each id stays unique.
      const base = `${stateKey}|${excerpt}`;
      const occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      findings.push({
        id: hashDigest(hashUpdate(prefix, `${excerpt}|${occurrence}`)),
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
