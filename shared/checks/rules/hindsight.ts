/**
 * hindsight: wording that judges a moment with knowledge the responders did not have yet
 * ("obviously", "clearly", "of course", "in hindsight", "it was evident"). Most serious in the
 * timeline, which is written from what was known at each moment. "The runbook clearly lists the
 * steps" (how something is written) and "it was not obvious" are not hindsight.
 */
import { analysed, type Token } from '../language/analysis.ts';
import { PROSE_SECTIONS, q, scanSentences, withoutRange, type SentenceHit } from '../language/scan.ts';
import type { RuleDefinition } from '../types.ts';

const NEGATORS = new Set(['not', 'no', 'never', 'hardly', 'nothing', 'non', 'far', 'less', 'without', 'barely', 'neither', 'nor']);
// "clearly" about how something is written, shown or labelled: a property of the artefact, not hindsight.
const PRESENTATION =
  /^(?:lists?|listed|states?|stated|describes?|described|documents?|documented|labell?ed|labels?|marks?|marked|explains?|explained|defines?|defined|specifies|specified|indicates?|indicated|shows?|communicates?|communicated|writes|written|outlines?|outlined|separates?|separated|distinguish(?:es|ed)?|names?|named|titled|worded|identifies|identified|understood|understands|visible|readable|legible|says|reads|signals?|signposted|displays?|displayed|highlights?|highlighted|explained|announces?|announced|owned|scoped|set|structured|formatted|spelled|spelt|defined)$/;
const BECOME = /^(?:became|become|becomes|becoming|grew|got|turned)$/;
const INSTRUCTION_MODALS = /^(?:should|must|will|shall|make|makes|made|making|can|need|needs|ensure|ensures)$/;

interface Cue {
  readonly start: number;
  readonly end: number;
  readonly removable: boolean;
}

function before(tokens: readonly Token[], i: number, n: number): string[] {
  return tokens.slice(Math.max(0, i - n), i).map((t) => t.norm);
}

function negatedBefore(tokens: readonly Token[], i: number, n = 3): boolean {
  return before(tokens, i, n).some((w) => NEGATORS.has(w) || w === "n't");
}

function clearlyIsHindsight(tokens: readonly Token[], i: number, placementIsAction: boolean): boolean {
  if (placementIsAction) return false;
  if (negatedBefore(tokens, i, 2)) return false; // "did not clearly indicate"
  const prevWords = before(tokens, i, 6);
  if (prevWords.some((w) => INSTRUCTION_MODALS.test(w)) || tokens[i - 1]?.norm === 'to') return false; // "should clearly show", "make it clearly visible"
  if (i === 0 && tokens[i + 1] && tokens[i + 1]!.tags.has('Verb') && tokens[i + 1]!.tags.has('Imperative')) return false; // "Clearly label…"
  // The word it modifies: the next word, or the previous verb ("the runbook lists the steps clearly").
  let k = i + 1;
  while (tokens[k] && (tokens[k]!.tags.has('Adverb') || tokens[k]!.implicit)) k += 1;
  const next = tokens[k];
  const prev = tokens[i - 1];
  const modified = next && !/[,;:]/.test(tokens[i]!.post) ? next : prev;
  if (modified && PRESENTATION.test(modified.norm)) {
    // "was clearly visible in the diff" still judges what responders should have seen.
    if (modified.norm === 'visible' && before(tokens, i, 2).some((w) => /^(?:was|were)$/.test(w))) return true;
    return false;
  }
  return true;
}

function cues(sentence: string, tokens: readonly Token[], isAction: boolean): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    const w = t.norm;
    const next = tokens[i + 1];
    if (w === 'obviously' || w === 'evidently' || w === 'plainly') {
      if (!negatedBefore(tokens, i, 2) && !(w === 'plainly' && next && PRESENTATION.test(next.norm))) {
        out.push({ start: t.start, end: t.end, removable: true });
      }
    } else if (w === 'clearly') {
      if (clearlyIsHindsight(tokens, i, isAction)) out.push({ start: t.start, end: t.end, removable: true });
    } else if (w === 'obvious' || w === 'evident' || w === 'self-evident' || w === 'apparent' || w === 'clear' || w === 'plain') {
      const prev = before(tokens, i, 4);
      if (negatedBefore(tokens, i, 3) || prev.some((p) => BECOME.test(p)) || t.lower.startsWith('non')) continue;
      if (prev.slice(-2).join(' ') === 'anything but') continue; // "anything but obvious"
      if (isAction || prev.some((p) => /^(?:make|makes|made|making|more|less|keep)$/.test(p))) continue;
      const copula = prev.some((p) => /^(?:was|were|is|be|been|seemed|looked)$/.test(p));
      const strong = w === 'obvious' || w === 'evident' || w === 'self-evident';
      // "the obvious fix", "it was obvious", "it was clear that…", "should have been clear"
      // "the obvious fix" judges; "obvious symptoms were absent" describes what was missing.
      const absent = tokens.some((x) => /^(?:absent|missing|none|lacking|lacked|no|without)$/.test(x.norm));
      const attributive = strong && next !== undefined && next.tags.has('Noun') && !/[,;:]/.test(t.post) && !absent;
      const clearThat = (w === 'clear' || w === 'plain' || w === 'apparent') && copula && (next?.norm === 'that' || next?.norm === 'to' || prev.includes('been'));
      if ((strong && (copula || attributive)) || clearThat) out.push({ start: t.start, end: t.end, removable: false });
    } else if (
      w === 'of' &&
      next?.norm === 'course' &&
      !/^(?:the|a|this|that|its|their|our|matter|crash|due)$/.test(tokens[i - 1]?.norm ?? '') &&
      !/^(?:including|excluding|with|without|plus)$/.test(tokens[i + 2]?.norm ?? '') // "12%, of course including retries"
    ) {
      out.push({ start: t.start, end: next.end, removable: true });
      i += 1;
    } else if (w === 'hindsight' && next?.norm !== 'bias' && !before(tokens, i, 2).some((p) => /^(?:avoid|avoiding|avoided|against|reduce|without)$/.test(p))) {
      const prev = tokens[i - 1];
      const withPrep = prev && /^(?:in|with)$/.test(prev.norm);
      const benefit = tokens[i - 3]?.norm === 'with' && tokens[i - 2]?.norm === 'the' && prev?.norm === 'benefit';
      // "in hindsight" keeps the lead-in with it (including "with the benefit of").
      const start = benefit ? tokens[i - 3]!.start : withPrep ? prev.start : t.start;
      out.push({ start, end: t.end, removable: Boolean(withPrep || benefit) });
    } else if (w === 'in' && next?.norm === 'retrospect') {
      out.push({ start: t.start, end: next.end, removable: true });
      i += 1;
    } else if (w === 'retrospectively' || w === 'retroactively') {
      out.push({ start: t.start, end: t.end, removable: true });
    } else if (w === 'looking' && next?.norm === 'back' && (/[,]/.test(next.post) || /^(?:now|it)$/.test(tokens[i + 2]?.norm ?? ''))) {
      out.push({ start: t.start, end: next.end, removable: true });
      i += 1;
    }
  }
  return out;
}

function check(sentence: string, tokens: readonly Token[], isAction: boolean): SentenceHit[] {
  return cues(sentence, tokens, isAction).map((c) => {
    const words = sentence.slice(c.start, c.end);
    const rewrite = c.removable ? withoutRange(sentence, c.start, c.end) : null;
    return {
      start: c.start,
      end: c.end,
      message: `${q(words)} judges the moment with knowledge the responders did not have yet.`,
      suggestion: rewrite
        ? `Drop it and say what responders could see at that moment: ${q(rewrite, 140)}`
        : 'Describe what responders could see and know at that moment (which signals, which dashboards), instead of how it looks now.',
    };
  });
}

/** Hindsight matters most where the story is told moment by moment: a warning there, information elsewhere. */
function bySection(hit: SentenceHit, unit: { section: string }): SentenceHit {
  return unit.section === 'timeline' ? hit : { ...hit, severity: 'info' };
}

const TRIGGER = /\b(?:obvious(?:ly)?|(?:self-)?evident(?:ly)?|clear(?:ly)?|plain(?:ly)?|apparent|of course|hindsight|in retrospect|retrospectively|retroactively|looking back)\b/i;

export const rule: RuleDefinition = {
  id: 'hindsight',
  severity: 'warning',
  reason: 'The timeline is written from what was known at each moment, without hindsight.',
  check(ctx) {
    const run = (isAction: boolean) =>
      scanSentences(
        ctx,
        {
          key: `hindsight|${isAction ? 'action' : 'prose'}`,
          sections: isAction ? ['actions'] : ['header', ...PROSE_SECTIONS.filter((s) => s !== 'actions')],
          adjust: bySection,
        },
        (sentence) => (TRIGGER.test(sentence) ? check(sentence, analysed(ctx.memo, sentence).tokens, isAction) : []),
      );
    return [...run(false), ...run(true)];
  },
};
