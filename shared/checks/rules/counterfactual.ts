/**
 * counterfactual: a world that did not exist, about people — "should/could/would have", "failed
 * to", "forgot to", "neglected to", "if only", "had they checked…" — when the subject is a person,
 * a role, a team or "we". A system's expected behaviour ("the retry should have fired", "the alert
 * would have paged if…") and "no one could have known" are not findings.
 */
import { analysed, boundaryBetween, has, type Token } from '../language/analysis.ts';
import { namesIn, type NameSpan } from '../language/names.ts';
import { PROSE_SECTIONS, capitalise, q, scanSentences, type SentenceHit } from '../language/scan.ts';
import { classifyHead, subjectOf, type SubjectKind } from '../language/subjects.ts';
import { looksLikeParticiple, verbForms } from '../language/verbs.ts';
import type { RuleDefinition } from '../types.ts';

// "must have" and "may have" infer what happened ("someone must have changed it"); they are not counterfactuals.
const MODALS = /^(?:should|could|would|might|ought)$/;
const SKIP = /^(?:also|easily|already|just|reasonably|realistically|probably|likely|definitely|certainly|really|maybe|perhaps|then|at|least|ideally|arguably|clearly|obviously|simply|instead|all|both|at-least)$/;
// Qualities asked of people: "should have been more careful".
const CARE_ADJ = /^(?:careful|cautious|aware|vigilant|diligent|attentive|thorough|proactive|quicker|faster|alert|mindful|prepared|conscious|clearer|stricter|firmer|decisive|responsive|suspicious|skeptical|sceptical|rigorous)$/;
// Outcomes that happen to people rather than choices they make: "we could have lost data".
const OUTCOME = /^(?:lost|suffered|experienced|incurred|faced|had|received|gotten|got|ended|wound|needed|required|wanted|liked|preferred|loved|hated)$/;
// Passive verbs that are human activities: "the change should have been reviewed".
const HUMAN_PASSIVE = /^(?:reviewed|tested|checked|double-checked|verified|noticed|spotted|escalated|communicated|announced|investigated|acknowledged|read|followed|approved|declared|reverted|consulted|questioned|discussed|planned|coordinated|raised|considered|asked|staged|paused|rolled|handled|owned|updated|documented|reported)$/;
const FAILED_VERBS = /^(?:failed|fails|fail|forgot|forget|forgets|neglected|neglects|omitted|didn't|overlooked)$/;

interface Hit {
  readonly from: number;
  readonly to: number;
  readonly subject: string;
  readonly verb: Token | null;
  readonly restFrom: number;
}

function isPersonKind(kind: SubjectKind): boolean {
  return kind === 'person';
}

function skipAdverbs(tokens: readonly Token[], j: number): number {
  let k = j;
  while (tokens[k] && (SKIP.test(tokens[k]!.norm) || (has(tokens[k], 'Adverb') && !/^(?:more|less|not|never)$/.test(tokens[k]!.norm)))) k += 1;
  return k;
}

/** The subject words of a clause, for the rewrite ("The engineer"). */
function subjectText(sentence: string, tokens: readonly Token[], head: number): string {
  if (head < 0) return 'They';
  let s = head;
  while (s > 0 && !boundaryBetween(tokens[s - 1]!, tokens[s]!) && (has(tokens[s - 1], 'Determiner') || has(tokens[s - 1], 'Adjective') || has(tokens[s - 1], 'Noun') || tokens[s - 1]!.possessive) && !/^(?:if|had|and|but|that)$/.test(tokens[s - 1]!.norm)) s -= 1;
  return capitalise(sentence.slice(tokens[s]!.start, tokens[head]!.end));
}

/** Conditions in the sentence: "if the alert had fired", "had the canary been enabled", "with better alerting". */
function conditions(tokens: readonly Token[], names: readonly NameSpan[]): { person: boolean; system: boolean } {
  let person = false;
  let system = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const w = tokens[i]!.norm;
    if (w === 'if' || w === 'unless' || (w === 'had' && (i === 0 || boundaryBetween(tokens[i - 1]!, tokens[i]!)))) {
      // Subject: the head before the clause's first verb.
      let k = i + 1;
      if (tokens[k]?.norm === 'only') k += 1;
      let head = -1;
      for (; k < tokens.length && k < i + 8; k += 1) {
        const t = tokens[k]!;
        if (has(t, 'Verb') && !has(t, 'Noun') && !has(t, 'Gerund')) break;
        if (!has(t, 'Determiner') && !has(t, 'Adverb')) head = k;
      }
      if (head < 0) continue;
      const kind = classifyHead(tokens, head, names);
      if (kind === 'person') person = true;
      else system = true;
    } else if ((w === 'with' || w === 'without') && tokens[i + 1] && !has(tokens[i + 1], 'Pronoun')) {
      const next = tokens[i + 1]!;
      if (has(next, 'Noun') || has(next, 'Adjective') || has(next, 'Determiner')) system = true;
    }
  }
  return { person, system };
}

function modalHit(sentence: string, tokens: readonly Token[], i: number, names: readonly NameSpan[]): Hit | null {
  const modal = tokens[i]!.norm;
  let k = i + 1;
  if (modal === 'ought') {
    if (tokens[k]?.norm !== 'to') return null;
    k += 1;
  }
  let negated = false;
  while (tokens[k] && /^(?:not|never)$/.test(tokens[k]!.norm)) {
    negated = true;
    k += 1;
  }
  if (tokens[k]?.norm !== 'have' || boundaryBetween(tokens[i]!, tokens[k]!)) return null;
  let j = skipAdverbs(tokens, k + 1);
  const subject = subjectOf(tokens, i, names);
  const headText = subjectText(sentence, tokens, subject.head);
  if (tokens[j]?.norm === 'been') {
    j = skipAdverbs(tokens, j + 1);
    let x = tokens[j];
    if (x && /^(?:more|less|extra|much|a|bit|lot|little)$/.test(x.norm)) {
      j = skipAdverbs(tokens, j + 1);
      while (tokens[j] && /^(?:more|less|bit|lot|little)$/.test(tokens[j]!.norm)) j += 1;
      x = tokens[j];
    }
    if (!x) return null;
    if (CARE_ADJ.test(x.norm)) {
      return isPersonKind(subject.kind) || subject.kind === 'implicit' ? { from: i, to: j, subject: headText, verb: null, restFrom: j + 1 } : null;
    }
    if (!looksLikeParticiple(x.text, x.tags)) return null;
    if (subject.kind === 'person' || subject.kind === 'nobody' || subject.kind === 'affected') return null; // "the on-call should have been paged"
    // Passive about a thing: who would have done it? "by the reviewer" / "by the canary" / a human activity.
    const byAt = tokens.findIndex((t, n) => n > j && t.norm === 'by');
    if (byAt > 0) {
      const agent = subjectOf(tokens, Math.min(tokens.length, byAt + 4), names);
      const kind = classifyHead(tokens, Math.min(tokens.length - 1, agent.head >= 0 ? agent.head : byAt + 1), names);
      if (kind !== 'person') return null;
    } else if (x.norm === 'caught' || x.norm === 'flagged') {
      if (!/\b(?:in|during|at) (?:code |the )?review\b/i.test(sentence)) return null;
    } else if (!HUMAN_PASSIVE.test(x.norm)) {
      return null;
    }
    return { from: i, to: j, subject: '', verb: null, restFrom: j + 1 };
  }
  const x = tokens[j];
  if (!x || !looksLikeParticiple(x.text, x.tags) || has(x, 'Determiner')) return null;
  if (subject.kind === 'implicit') {
    // "Should have checked the dashboard." — a note about someone; "Could have been worse." is not.
    return modal === 'should' || modal === 'ought' ? { from: i, to: j, subject: 'They', verb: x, restFrom: j + 1 } : null;
  }
  if (!isPersonKind(subject.kind)) return null;
  // "we could have lost data" is an outcome; "we should have had a plan" is still a counterfactual.
  if (OUTCOME.test(x.norm) && modal !== 'should' && modal !== 'ought') return null;
  if (negated && /^(?:could|might|would)$/.test(modal)) return null; // "they couldn't have known"
  if (/^(?:would|could|might)$/.test(modal)) {
    const cond = conditions(tokens, names);
    if (cond.system && !cond.person) return null; // "…would have rolled back sooner if the dashboard had shown it"
    // The substitution test, not a counterfactual: "any of us could have run it", "I would have done the same".
    const subjectWords = tokens.slice(Math.max(0, subject.head - 2), subject.head + 1).map((t) => t.norm);
    if (subjectWords.some((w) => /^(?:any|anyone|anybody|most|many)$/.test(w))) return null;
    if (/^the same\b|^likewise|^similarly/.test(tokens.slice(j + 1, j + 3).map((t) => t.norm).join(' '))) return null;
    // "might have" without a condition guesses at what happened: "the responder might have restarted the wrong node".
    if (modal === 'might' && !cond.person) return null;
  }
  return { from: i, to: j, subject: headText, verb: x, restFrom: j + 1 };
}

function ifHadHit(sentence: string, tokens: readonly Token[], i: number, names: readonly NameSpan[]): Hit | null {
  // "if (only) <person> had (not) <done>" and "had <person> <done>"
  const w = tokens[i]!.norm;
  let k = i + 1;
  if (w === 'if') {
    if (tokens[k]?.norm === 'only') k += 1;
    const start = k;
    while (tokens[k] && tokens[k]!.norm !== 'had' && k < start + 6 && !boundaryBetween(tokens[k - 1]!, tokens[k]!)) k += 1;
    if (tokens[k]?.norm !== 'had' || k === start) return null;
    const head = k - 1;
    if (classifyHead(tokens, head, names, start) !== 'person') return null;
    let j = skipAdverbs(tokens, k + 1);
    if (tokens[j]?.norm === 'not') j = skipAdverbs(tokens, j + 1);
    const x = tokens[j];
    if (!x || !looksLikeParticiple(x.text, x.tags) || x.norm === 'been' || OUTCOME.test(x.norm)) return null;
    return { from: i, to: j, subject: subjectText(sentence, tokens, head), verb: x, restFrom: j + 1 };
  }
  // Inversion at the start of a clause: "Had the on-call engineer checked the runbook, …"
  if (i > 0 && !boundaryBetween(tokens[i - 1]!, tokens[i]!)) return null;
  let head = -1;
  for (; k < tokens.length && k < i + 6; k += 1) {
    const t = tokens[k]!;
    if (k > i + 1 && (looksLikeParticiple(t.text, t.tags) || t.norm === 'not') && head >= 0) break;
    if (!has(t, 'Determiner')) head = k;
  }
  if (head < 0 || classifyHead(tokens, head, names, i + 1) !== 'person') return null;
  let j = k;
  if (tokens[j]?.norm === 'not') j += 1;
  const x = tokens[j];
  if (!x || x.norm === 'been' || !looksLikeParticiple(x.text, x.tags)) return null;
  return { from: i, to: j, subject: subjectText(sentence, tokens, head), verb: x, restFrom: j + 1 };
}

function failedHit(sentence: string, tokens: readonly Token[], i: number, names: readonly NameSpan[]): Hit | null {
  const t = tokens[i]!;
  const w = t.norm;
  const next = tokens[i + 1];
  if (w === 'did' && next?.norm === 'not' && tokens[i + 2]?.norm === 'bother') {
    const subject = subjectOf(tokens, i, names);
    return isPersonKind(subject.kind) ? { from: i, to: i + 2, subject: subjectText(sentence, tokens, subject.head), verb: null, restFrom: i + 3 } : null;
  }
  if (!FAILED_VERBS.test(w)) return null;
  // "failed to", "forgot to", "neglected to", also "forgot the flag".
  const toNext = next?.norm === 'to';
  if (!toNext && !/^(?:forgot|neglected|overlooked)$/.test(w)) return null;
  if (w === 'overlooked' && !has(next, 'Determiner')) return null;
  if (has(t, 'Noun') && !has(t, 'Verb')) return null;
  const subject = subjectOf(tokens, i, names);
  const systemsForget = /^(?:forgot|forget|forgets|neglected|neglects|omitted)$/.test(w);
  if (subject.kind === 'implicit') {
    if (!systemsForget) return null;
  } else if (!isPersonKind(subject.kind)) {
    return null;
  }
  const verb = toNext ? tokens[i + 2] ?? null : null;
  return { from: i, to: toNext ? i + 2 : i, subject: subjectText(sentence, tokens, subject.head), verb, restFrom: toNext ? i + 3 : i + 1 };
}

function possessiveFailure(tokens: readonly Token[], i: number, names: readonly NameSpan[]): Hit | null {
  // "the engineer's failure to follow the runbook"
  const t = tokens[i]!;
  if (!/^failures?$/.test(t.norm) || tokens[i + 1]?.norm !== 'to') return null;
  const owner = tokens[i - 1];
  if (!owner || !(owner.possessive || /^(?:his|her|their|our|my|your)$/.test(owner.norm))) return null;
  const kind = /^(?:his|her|their|our|my|your)$/.test(owner.norm) ? 'person' : classifyHead(tokens, i - 1, names);
  return kind === 'person' ? { from: i, to: i + 2, subject: '', verb: tokens[i + 2] ?? null, restFrom: i + 3 } : null;
}

function rewrite(sentence: string, tokens: readonly Token[], hit: Hit): string {
  if (!hit.verb || !hit.subject) {
    return 'Write what was known and possible at that moment, and what made the other path hard, e.g. “The deploy tool showed no diff of the rendered values, so the change looked safe.”';
  }
  let end = hit.restFrom;
  while (end < tokens.length && !/[,;:.!?]/.test(tokens[end - 1]?.post ?? '') && !/^(?:if|because|when|so|but)$/.test(tokens[end]!.norm)) end += 1;
  const rest = hit.restFrom < end && tokens[hit.restFrom] ? ` ${sentence.slice(tokens[hit.restFrom]!.start, tokens[end - 1]!.end).replace(/[,;:.!?]+$/, '')}` : '';
  return `Say what happened and why it made sense then: ${q(`${hit.subject} did not ${verbForms(hit.verb.norm).infinitive}${rest}: <what they could see, and what made that reasonable at the time>.`, 200)}`;
}

function check(sentence: string, tokens: readonly Token[], names: readonly NameSpan[]): SentenceHit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const w = tokens[i]!.norm;
    let hit: Hit | null = null;
    if (MODALS.test(w)) hit = modalHit(sentence, tokens, i, names);
    else if (w === 'if' || w === 'had') hit = ifHadHit(sentence, tokens, i, names);
    else if (FAILED_VERBS.test(w) || w === 'did') hit = failedHit(sentence, tokens, i, names);
    else if (/^failures?$/.test(w)) hit = possessiveFailure(tokens, i, names);
    if (hit && !hits.some((h) => h.from <= hit.to && hit.from <= h.to)) hits.push(hit);
  }
  return hits.map((h) => {
    const start = tokens[h.from]!.start;
    // "forgot to" can end the sentence: the hit may reach past the last token.
    const end = Math.max(start, tokens[Math.min(h.to, tokens.length - 1)]!.end);
    return {
      start,
      end,
      message: `${q(sentence.slice(start, end))} describes a world that did not exist, about what people did not do.`,
      suggestion: rewrite(sentence, tokens, h),
    };
  });
}

// Only sentences that can hold a counterfactual are parsed: a modal with "have", "had", "failed to"…
const MODAL = /\b(?:should|could|would|might|ought)/i;
const HAVE = /\bhave\b|['’]ve\b/i;
const OTHER = /\bhad\b|\b(?:fail(?:ed|s)?|forg[eo]ts?|neglect(?:ed|s)?|omitted|overlooked)\s+(?:to|the|a|an|that|about)\b|\bbother|\bfailures?\s+to\b/i;
const triggers = (s: string) => (MODAL.test(s) && HAVE.test(s)) || OTHER.test(s);

export const rule: RuleDefinition = {
  id: 'counterfactual',
  severity: 'warning',
  reason: 'Counterfactuals (“they should have noticed”) describe a world that did not exist; write what was known at each moment.',
  check(ctx) {
    return scanSentences(ctx, { key: 'counterfactual', sections: ['header', ...PROSE_SECTIONS] }, (sentence) => {
      if (!triggers(sentence)) return [];
      const a = analysed(ctx.memo, sentence);
      return check(sentence, a.tokens, namesIn(ctx.memo, a));
    });
  },
};
