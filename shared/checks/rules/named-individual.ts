/**
 * named-individual: a person's name, username or @handle in the document. Responders appear by
 * role. Team, service, product and place names are not people ("Jenkins", "Cassandra", "Sydney",
 * "@sre-oncall"), unless a place that is also a first name stands where only a person fits
 * ("Victoria noticed…", "paged Austin"); action-item owners may be people (the engine never passes
 * owners to rules).
 * Names the caller knows (session roster, --people) are always people.
 */
import { analysed } from '../language/analysis.ts';
import { ROLE_OPTIONS } from '../language/lexicon.ts';
import { findKnownNames, mayContainName, mergeNames, namesIn, type NameSpan } from '../language/names.ts';
import { PROSE_SECTIONS, capitalise, q, scanSentences, type SentenceHit } from '../language/scan.ts';
import type { RuleDefinition } from '../types.ts';

// The role the sentence most likely means, from its verbs; the rest follow in the usual order.
const ROLE_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:approv|review|sign(?:ed)? off|lgtm)/i, 'the reviewer'],
  [/\b(?:declar|handed|hand(?:ed)? ?off|incident command|coordinat|status page)/i, 'the incident commander'],
  [/\b(?:ticket|customer|support)/i, 'a support engineer'],
  [/['’]s (?:change|pr|commit|pull request|patch|migration|script)|\b(?:wrote|authored|merged)\b/i, 'the change author'],
  [/\b(?:deploy|pushed|push|releas|rolled out|rollout|ran the migration|applied)/i, 'the deploying engineer'],
  [/\b(?:paged|acked|acknowledg|on[- ]call|restart|rolled back|roll back|failed over|fail over|drain|escalat)/i, 'the on-call engineer'],
];

function roleOptions(sentence: string, capital: boolean): string[] {
  const preferred = ROLE_HINTS.filter(([re]) => re.test(sentence)).map(([, role]) => role);
  const ordered = [...new Set([...preferred, ...ROLE_OPTIONS])];
  return capital ? ordered.map(capitalise) : ordered;
}

function hitFor(sentence: string, span: NameSpan): SentenceHit {
  const capital = span.start === 0;
  const options = roleOptions(sentence, capital);
  const rewrite = `${sentence.slice(0, span.start)}${options[0]}${sentence.slice(span.end)}`;
  const what =
    span.kind === 'handle'
      ? `${q(span.text)} is a person's handle`
      : span.kind === 'username'
        ? `${q(span.text)} looks like a person's username`
        : `${q(span.text)} names a person`;
  return {
    start: span.start,
    end: span.end,
    message: `${what}; responders appear by role, not by name.`,
    suggestion: `Name the role instead: ${q(rewrite, 160)}`,
    fix: { kind: 'choose-role', label: 'Replace the name with a role', options },
  };
}

/** A short, stable key for the set of known names (part of the memo key). */
function peopleKey(people: ReadonlySet<string>): string {
  let h = 2166136261;
  for (const name of [...people].sort()) {
    for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 10, 16777619);
  }
  return `${people.size}:${(h >>> 0).toString(36)}`;
}

export const rule: RuleDefinition = {
  id: 'named-individual',
  severity: 'error',
  reason: 'Responders appear by role (“the on-call engineer”), never by name: the analysis is about the system they worked in.',
  check(ctx) {
    const key = `named-individual|${peopleKey(ctx.knownPeople)}`;
    return scanSentences(ctx, { key, sections: ['header', ...PROSE_SECTIONS] }, (sentence) => {
      const known = findKnownNames(sentence, ctx.knownPeople);
      // Most sentences cannot name anyone ("The deploy…"): skip parsing them.
      if (known.length === 0 && !mayContainName(sentence)) return [];
      const found = namesIn(ctx.memo, analysed(ctx.memo, sentence));
      return mergeNames(known, found).map((span) => hitFor(sentence, span));
    });
  },
};
