/**
 * blame-question: questions, direct or reported, whose answer is a person: who did / caused /
 * approved it, whose fault, who is responsible for the outage, why didn't you…, how could they….
 * Questions that end at a system ("why didn't the alert fire?", "who is paged for X?", "who owns
 * the alerting rules?") and relative clauses ("the engineer who approved the change") are fine.
 */
import { analysed, boundaryBetween, has, type Token } from '../language/analysis.ts';
import { namesIn, type NameSpan } from '../language/names.ts';
import { PROSE_SECTIONS, capitalise, q, scanSentences, type SentenceHit } from '../language/scan.ts';
import { classifyHead } from '../language/subjects.ts';
import { canBeVerb, verbForms } from '../language/verbs.ts';
import type { RuleDefinition } from '../types.ts';

// Verbs (infinitive) whose agent is what a blame question hunts for.
const BLAME_VERBS = new Set(
  `cause do break approve push deploy merge run make write sign authorize authorise let allow introduce forget miss drop mess screw
   delete remove change touch trigger ship release review okay ok greenlight green-light rubber-stamp ignore skip fail neglect
   overlook mistype misconfigure type commit apply kill bypass override disable leave set rush botch ruin wreck blow take knock
   select choose pick decide sign-off restart reboot roll revert promote drain scale edit modify update upgrade patch rotate
   configure enable flip toggle truncate migrate execute wipe purge shut stop launch rm send publish fat-finger force-push
   hotfix cancel terminate`.split(/\s+/),
);
const FAILURE_VERBS = new Set(
  `ignore skip miss forget neglect bypass disregard overlook bother break delete fail mess screw drop misread mistype rush botch
   override`.split(/\s+/),
);
const BLAME_WORDS = /^(?:responsible|accountable|culpable|guilty|blame|blamed|fault|careless|negligent|lazy|sloppy|reckless|inattentive|incompetent)$/;
const INCIDENT_WORDS = /^(?:outage|outages|incident|incidents|failure|failures|mistake|mistakes|error|errors|breakage|downtime|loss|problem|problems|mess|damage|bug|bugs|this|it|that|issue|disruption|regression|leak)$/;
const AUX = /^(?:did|do|does|was|were|is|are|has|have|had|should|would|could|will|can|must|might)$/;
const PERSON_SELECTORS = /^(?:engineer|engineers|developer|developers|person|people|member|members|employee|employees|operator|operators|reviewer|reviewers|dev|devs|sre|sres|admin|admins|individual|individuals|one|team|teams|responder|responders|on-call|oncall|colleague|user)$/;

interface Found {
  readonly start: number; // token index of the question word
  readonly end: number; // token index of the clause's last word
  readonly suggestion: string;
}

function clauseEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k + 1 < tokens.length && !/[?;:]/.test(tokens[k]!.post) && !(/,/.test(tokens[k]!.post) && k > i + 2 && /^(?:and|but|so|because)$/.test(tokens[k + 1]!.norm))) k += 1;
  return k;
}

function inName(names: readonly NameSpan[], t: Token | undefined): boolean {
  return t !== undefined && names.some((n) => t.start < n.end && t.end > n.start);
}

/** "who" or "whose" asking a question rather than opening a relative clause ("the engineer who…"). */
function interrogative(tokens: readonly Token[], i: number, names: readonly NameSpan[]): boolean {
  const prev = tokens[i - 1];
  if (!prev) return true;
  const sep = prev.post + tokens[i]!.pre;
  if (/[?:;(]|["“]/.test(sep)) return true;
  const nounLike = (has(prev, 'Noun') && !has(prev, 'Verb') && !has(prev, 'Adjective')) || has(prev, 'Pronoun') || inName(names, prev);
  if (nounLike && /^[\s,]*$/.test(sep) && !/^(?:it|this|that|what|question|questions)$/.test(prev.norm)) return false;
  return true;
}

/** The head of the noun phrase starting at k, and where the phrase ends. */
function phraseAt(tokens: readonly Token[], k: number, names: readonly NameSpan[]): { head: number; next: number } {
  let head = -1;
  let j = k;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (j > k && boundaryBetween(tokens[j - 1]!, t)) break;
    // After a person, the next verb-able word is the verb even when tagged a noun ("could the operator run…").
    if (head >= 0 && classifyHead(tokens, head, names, k) !== 'system' && !has(t, 'Determiner') && (has(t, 'Adjective') || has(t, 'Preposition') || canBeVerb(t.norm))) break;
    if (has(t, 'Determiner') || (has(t, 'Adjective') && !has(t, 'Verb')) || t.possessive || has(t, 'Noun') || has(t, 'Pronoun') || has(t, 'Person')) {
      if (!has(t, 'Determiner')) head = j;
      if (has(t, 'Verb') && !has(t, 'Noun') && head !== j) break;
      j += 1;
      continue;
    }
    break;
  }
  return { head, next: j };
}

function isPersonPhrase(tokens: readonly Token[], k: number, names: readonly NameSpan[]): { person: boolean; nobody: boolean; next: number } {
  const { head, next } = phraseAt(tokens, k, names);
  if (head < 0) return { person: false, nobody: false, next };
  const kind = classifyHead(tokens, head, names, k);
  return { person: kind === 'person' || kind === 'nobody', nobody: kind === 'nobody', next };
}

function restFrom(sentence: string, tokens: readonly Token[], from: number, to: number): string {
  if (from > to || !tokens[from]) return '';
  return sentence.slice(tokens[from]!.start, tokens[to]!.end).replace(/[?.!]+$/, '');
}

function whoQuestion(sentence: string, tokens: readonly Token[], i: number): Found | null {
  const end = clauseEnd(tokens, i);
  let k = i + 1;
  const words = tokens.slice(i + 1, end + 1);
  // "who is responsible / to blame / at fault / accountable"
  const blameAt = words.findIndex((t) => BLAME_WORDS.test(t.norm));
  if (blameAt >= 0 && blameAt <= 4) {
    const word = words[blameAt]!.norm;
    if (word === 'responsible' || word === 'accountable') {
      const object = words.slice(blameAt + 1).filter((t) => t.norm !== 'for');
      const gerund = object[0] && has(object[0], 'Gerund');
      const incident =
        object.length === 0 ||
        object.some((t) => INCIDENT_WORDS.test(t.norm) || (has(t, 'Adjective') && t.norm.endsWith('ed')) || (has(t, 'PastTense') && !has(t, 'Noun')));
      if (gerund || !incident) return null; // "who is responsible for reviewing config changes?" asks about ownership
    }
    return { start: i, end, suggestion: 'Ask which conditions lined up instead: “What conditions made this outcome possible, and which control did not catch it?”' };
  }
  // "who did it", "who approved this change", "who forgot to renew the certificate"
  let did = false;
  while (tokens[k] && (AUX.test(tokens[k]!.norm) || tokens[k]!.norm === 'not' || has(tokens[k], 'Adverb')) && k <= end) {
    if (/^(?:did|had|has|have)$/.test(tokens[k]!.norm)) did = true;
    if (/^(?:is|are|was|were|be|been)$/.test(tokens[k]!.norm) && !did) return null; // "who was paged", "who is on call"
    if (/^(?:can|should|must|will|does|do)$/.test(tokens[k]!.norm)) return null; // "who can approve…": a process question
    k += 1;
  }
  const verb = tokens[k];
  // "Who did this?" — "did" is the verb itself.
  if (did && tokens[k - 1]?.norm === 'did' && verb && /^(?:it|this|that)$/.test(verb.norm)) {
    return { start: i, end, suggestion: 'Ask what made it possible instead: “What made this possible, and which control did not catch it?”' };
  }
  if (!verb || k > end || !(has(verb, 'Verb') || canBeVerb(verb.norm))) return null;
  // After "who", a verb without the present "-s" is past ("who let…", "who set…").
  const past = did || has(verb, 'PastTense') || has(verb, 'Participle') || verb.norm.endsWith('ed') || (!verb.norm.endsWith('s') && has(verb, 'Infinitive'));
  if (!past) return null;
  const inf = verbForms(verb.norm).infinitive;
  if (!BLAME_VERBS.has(inf) && !BLAME_VERBS.has(verb.norm)) return null;
  if (inf === 'do' || inf === 'make') {
    // "who did it/this", "who made the change/the call/the mistake"
    const obj = tokens[k + 1]?.norm ?? '';
    if (inf === 'do' && !/^(?:it|this|that)$/.test(obj)) return null;
  }
  const rest = restFrom(sentence, tokens, k + 1, end);
  return {
    start: i,
    end,
    suggestion: `Ask what made it possible instead: “What made it possible to ${verbForms(verb.norm).infinitive}${rest ? ` ${rest}` : ''} without anything catching it?”`,
  };
}

/** "which engineer", "which team member", "which of the SREs", "which of us": the index of the person word, or -1. */
function personAfterWhich(tokens: readonly Token[], i: number): number {
  const next = tokens[i + 1];
  if (!next) return -1;
  if (next.norm === 'team' && tokens[i + 2]?.norm === 'member') return i + 2;
  if (PERSON_SELECTORS.test(next.norm)) return i + 1;
  if (next.norm !== 'of') return -1;
  const after = tokens[i + 2]?.norm ?? '';
  if (/^(?:us|you|them)$/.test(after)) return i + 2;
  if (after === 'the' && PERSON_SELECTORS.test((tokens[i + 3]?.norm ?? '').replace(/s$/, ''))) return i + 3;
  return -1;
}

function check(sentence: string, tokens: readonly Token[], names: readonly NameSpan[]): SentenceHit[] {
  const isQuestion = sentence.includes('?');
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const w = t.norm;
    const next = tokens[i + 1];
    if (w === 'whose' && next && interrogative(tokens, i, names)) {
      if (/^(?:fault|mistake|mistakes|change|changes|commit|code|pr|pull|deploy|decision|idea|call|error|push|script|command|config|watch|shift|bad|typo|approval)$/.test(next.norm)) {
        found.push({ start: i, end: clauseEnd(tokens, i), suggestion: 'Ask about the conditions instead: “Which conditions lined up to make this possible, and which control did not catch it?”' });
      }
    } else if (w === 'who' && interrogative(tokens, i, names) && !tokens.slice(Math.max(0, i - 2), i).some((x) => x.norm === 'not')) {
      // ("The question is not who ran the command but…" rejects the question.)
      const f = whoQuestion(sentence, tokens, i);
      if (f) found.push(f);
    } else if (w === 'which' && personAfterWhich(tokens, i) > 0 && interrogative(tokens, i, names)) {
      const k = personAfterWhich(tokens, i);
      const f = whoQuestion(sentence, tokens, k);
      if (f) found.push({ ...f, start: i });
    } else if ((w === 'why' || w === 'how') && next && AUX.test(next.norm) && (i === 0 || interrogative(tokens, i, names))) {
      let k = i + 2;
      let negated = false;
      if (tokens[k]?.norm === 'not') {
        negated = true;
        k += 1;
      }
      const subject = isPersonPhrase(tokens, k, names);
      if (!subject.person) continue;
      if (tokens[subject.next]?.norm === 'not' || subject.nobody) negated = true; // "why did nobody notice…"
      const verbTok = tokens.slice(subject.next, subject.next + 3).find((x) => has(x, 'Verb') && x.norm !== 'not');
      const verb = verbTok ? verbForms(verbTok.norm).infinitive : '';
      // "Why did you…?" asks a person to justify themselves; "how could they…" is rhetorical.
      const rhetorical = /^(?:would|could|can)$/.test(next.norm) || tokens[k]?.norm === 'you';
      const failure = FAILURE_VERBS.has(verb) || (verbTok !== undefined && FAILURE_VERBS.has(verbTok.norm));
      if (!(negated || rhetorical || failure) || (w === 'how' && !(rhetorical || failure || negated))) continue;
      if (w === 'how' && next.norm === 'did' && !failure && !negated) continue;
      const end = clauseEnd(tokens, i);
      const rest = verbTok ? restFrom(sentence, tokens, tokens.indexOf(verbTok) + 1, end) : '';
      found.push({
        start: i,
        end,
        suggestion: verbTok
          ? `Ask what got in the way instead: “What made ${verbForms(verbTok.norm).gerund}${rest ? ` ${rest}` : ''} hard or seem unnecessary at the time?”`
          : 'Ask what the responder could see and what got in the way, not why they did not act.',
      });
    } else if (w === 'how' && next?.norm === 'come' && isPersonPhrase(tokens, i + 2, names).person) {
      found.push({ start: i, end: clauseEnd(tokens, i), suggestion: 'Ask what made the action hard or seem unnecessary at the time.' });
    } else if (isQuestion && AUX.test(w) && (i === 0 || /[?:;"“]/.test(tokens[i - 1]!.post + t.pre))) {
      // Yes/no questions about a person's failing: "Did the reviewer even look at the plan?"
      let k = i + 1;
      let flagged = t.text.toLowerCase().endsWith("n't") || tokens[k]?.norm === 'not';
      if (tokens[k]?.norm === 'not') k += 1;
      const subject = isPersonPhrase(tokens, k, names);
      if (!subject.person) continue;
      const after = tokens.slice(subject.next, subject.next + 4);
      if (after.some((x) => /^(?:not|even|ever|bother)$/.test(x.norm) || BLAME_WORDS.test(x.norm) || FAILURE_VERBS.has(verbForms(x.norm).infinitive))) flagged = true;
      if (flagged) {
        found.push({ start: i, end: clauseEnd(tokens, i), suggestion: 'Ask what the person could see and what the system made easy: “What did the plan show, and what would have made the problem visible?”' });
      }
    }
  }
  const seen = new Set<number>();
  return found
    .filter((f) => (seen.has(f.start) ? false : (seen.add(f.start), true)))
    .map((f) => {
      const start = tokens[f.start]!.start;
      const end = tokens[f.end]!.end;
      const words = sentence.slice(start, end);
      return {
        start,
        end,
        message: `${q(capitalise(words), 80)} asks for a person; the answer will not change the system.`,
        suggestion: f.suggestion,
      };
    });
}

// Only sentences that can hold a person-seeking question are parsed.
const TRIGGER =
  /\bwho|\bwhose\b|\bwhich\s+(?:of\b|team|engineer|developer|person|people|member|employee|operator|reviewer|dev|sre|admin|individual|one\b|responder|on-?call|colleague|user)|\b(?:why|how)\s+(?:did|do|does|was|were|is|are|has|have|had|would|could|should|will|can|must|might|come)|\?/i;

export const rule: RuleDefinition = {
  id: 'blame-question',
  severity: 'error',
  reason: 'We do not ask who failed; we ask what failed: questions end at a system condition, never at a person.',
  check(ctx) {
    return scanSentences(ctx, { key: 'blame-question', sections: ['header', ...PROSE_SECTIONS] }, (sentence) => {
      if (!TRIGGER.test(sentence)) return [];
      const a = analysed(ctx.memo, sentence);
      return check(sentence, a.tokens, namesIn(ctx.memo, a));
    });
  },
};
