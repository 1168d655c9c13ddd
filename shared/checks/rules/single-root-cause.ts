/**
 * single-root-cause: "the root cause was…" framing, and a postmortem whose analysis lists fewer
 * than two contributing factors. "Root cause analysis" as the name of a meeting or a process is fine.
 */
import { analysed, type Token } from '../language/analysis.ts';
import { capitalise, q, scanSentences, type SentenceHit } from '../language/scan.ts';
import type { FindingSection, RuleContext, RuleDefinition, RuleHit } from '../types.ts';

// Where the framing is checked: the analysis prose. The timeline records when a cause was found,
// and action items may name the meeting ("schedule a root cause analysis").
const SECTIONS: readonly FindingSection[] = ['summary', 'detection', 'control', 'factors', 'prevention'];

// "root cause analysis", "root-cause review": the name of a process, not a claim about the incident.
const PROCESS_WORDS = /^(?:analys[ie]s|analy[sz]ing|meeting|meetings|session|sessions|review|reviews|process|template|templates|doc|docs|document|investigation|investigations|workshop|exercise|call|discussion|write-?up|methodology|method|framework|tool|tooling|category|field|training|report|reports|rca|postmortem|retro|retrospective)$/;
// Words before it that reject the framing: "no single root cause", "instead of a root cause".
const REJECTING = /^(?:no|not|never|without|instead|rather|isn't|wasn't|beyond|rarely|seldom|hardly)$/;
const MODIFIERS = /^(?:single|sole|main|primary|underlying|real|true|actual|ultimate|one|only|fundamental|technical|immediate|direct|proximate|final|overall|probable|likely|core|deeper|deep)$/;

const REPLACEMENT = 'primary contributing factor';

function rootCauseAt(tokens: readonly Token[], i: number): { first: number; last: number; verb: boolean } | null {
  const t = tokens[i]!;
  if (t.norm === 'root-cause' || t.norm === 'rootcause') return { first: i, last: i, verb: false };
  if (/^root-?caused$/.test(t.norm)) return { first: i, last: i, verb: true };
  if (t.norm === 'root' && tokens[i + 1] && /^caused?$/.test(tokens[i + 1]!.norm) && tokens[i + 1]!.text.toLowerCase() !== 'causes') {
    return { first: i, last: i + 1, verb: tokens[i + 1]!.norm === 'caused' && !/^(?:the|a|an|its|this|that)$/.test(tokens[i - 1]?.norm ?? '') };
  }
  return null;
}

function check(sentence: string, tokens: readonly Token[]): SentenceHit[] {
  const hits: SentenceHit[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const found = rootCauseAt(tokens, i);
    if (!found) continue;
    const next = tokens[found.last + 1];
    i = found.last;
    if (!found.verb && next && PROCESS_WORDS.test(next.norm)) continue;
    const before = tokens.slice(Math.max(0, found.first - 4), found.first).map((t) => t.norm);
    if (before.some((w) => REJECTING.test(w)) || before.join(' ').includes('rather than') || before.join(' ').includes('instead of')) continue;
    if (found.verb) {
      hits.push({
        start: tokens[found.first]!.start,
        end: tokens[found.last]!.end,
        message: `${q(sentence.slice(tokens[found.first]!.start, tokens[found.last]!.end))} traces the incident to a single cause.`,
        suggestion: 'Say what this condition contributed and list the others beside it, e.g. “We traced one contributing factor to a kernel bug; the others were…”.',
      });
      continue;
    }
    // Include a modifier ("the primary root cause") so the quick fix reads "the primary contributing factor".
    let first = found.first;
    if (tokens[first - 1] && MODIFIERS.test(tokens[first - 1]!.norm) && !tokens[first - 1]!.implicit) first -= 1;
    const start = tokens[first]!.start;
    const end = tokens[found.last]!.end;
    const words = sentence.slice(start, end);
    const replacement = /^[A-Z]/.test(words) ? capitalise(REPLACEMENT) : REPLACEMENT;
    const rewritten = `${sentence.slice(0, start)}${replacement}${sentence.slice(end)}`.replace(/\b([Aa])n? primary contributing/, '$1 primary contributing');
    hits.push({
      start,
      end,
      message: `${q(words)} frames the incident as having one cause.`,
      suggestion: `Rewrite it as one of several contributing factors — ${q(rewritten, 140)} — and list the conditions that let it matter (detection, controls, defaults).`,
      fix: { kind: 'replace', label: `Replace with “${replacement}”`, replacement },
    });
  }
  return hits;
}

/** The document-level half: the analysis should name at least two contributing factors. */
function factorCount(ctx: RuleContext): RuleHit[] {
  const snap = ctx.input.snapshot;
  const factors = snap.factors.filter((f) => f.body.trim() !== '').length;
  // Only once the story is written (summary and a timeline): an empty draft is section-empty's business.
  const storyWritten = snap.text.summary.trim() !== '' && snap.timeline.some((e) => e.body.trim() !== '');
  if (factors >= 2 || !storyWritten) return [];
  return [
    {
      section: 'factors',
      field: null,
      start: 0,
      end: 0,
      message:
        factors === 0
          ? 'The analysis names no contributing factors, so it cannot show how several conditions lined up.'
          : 'Only one contributing factor is listed: the analysis reads as a single root cause.',
      suggestion:
        'Add the other conditions that lined up: what let the trigger reach production, what delayed detection, which control was missing or failed.',
    },
  ];
}

export const rule: RuleDefinition = {
  id: 'single-root-cause',
  severity: 'warning',
  reason: 'Prefer several contributing factors over one “root cause”: incidents happen when several conditions line up.',
  check(ctx) {
    const sentenceHits = scanSentences(ctx, { key: 'single-root-cause', sections: SECTIONS }, (sentence) => {
      if (!/root[\s-]*caus/i.test(sentence)) return [];
      return check(sentence, analysed(ctx.memo, sentence).tokens);
    });
    return [...sentenceHits, ...factorCount(ctx)];
  },
};
