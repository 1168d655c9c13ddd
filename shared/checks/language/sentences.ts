/**
 * Sentence splitting with offsets. Deterministic and dependency-free: the checks run on every
 * keystroke, and findings must point at exact ranges of the field's text.
 */

export interface Sentence {
  readonly text: string;
  /** UTF-16 offsets into the field's text. */
  readonly start: number;
  readonly end: number;
}

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'vs', 'approx', 'dr', 'mr', 'mrs', 'ms', 'st', 'no', 'inc', 'ltd', 'co', 'jr', 'sr',
  'fig', 'min', 'sec', 'est', 'cf', 'al', 'a.m', 'p.m', 'u.s', 'u.k', 'e.u', 'ca', 'resp', 'approx', 'incl',
]);

// Longer "sentences" (pasted logs, unpunctuated walls of text) are cut so analysis stays cheap.
const MAX_SENTENCE = 400;

function endsWithAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[\p{L}\p{M}.]/u.test(text[from - 1]!)) from -= 1;
  const word = text.slice(from, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital initial ("J. Smith", "Ł. Nowak").
  return /^\p{Lu}\p{M}*$/u.test(text.slice(from, dot));
}

/** Splits text into sentences (never across a line break), trimming whitespace and list bullets. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s]!)) s += 1;
    // List bullets and numbering ("- ", "* ", "• ", "1. ", "1) ").
    const bullet = /^(?:[-*•‣–]\s+|\d{1,2}[.)]\s+)/.exec(text.slice(s, Math.min(e, s + 6)));
    if (bullet) s += bullet[0].length;
    while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
    if (e <= s) return;
    while (e - s > MAX_SENTENCE) {
      let cut = text.lastIndexOf(' ', s + MAX_SENTENCE);
      if (cut <= s) cut = s + MAX_SENTENCE;
      out.push({ text: text.slice(s, cut), start: s, end: cut });
      s = cut;
      while (s < e && /\s/.test(text[s]!)) s += 1;
    }
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };

  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      push(from, i);
      from = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Consume a run of terminators and closing quotes/brackets.
    let j = i + 1;
    while (j < text.length && /[.!?"'”’)\]]/.test(text[j]!)) j += 1;
    if (j < text.length && !/\s/.test(text[j]!)) continue; // "3.5", "api.example.com", "v1.2"
    let k = j;
    while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k += 1;
    const next = text[k];
    if (c === '.' && endsWithAbbreviation(text, i)) continue;
    // "e.g. the retry" or "at 3 p.m. the job": a lower-case continuation is not a new sentence.
    if (c === '.' && next !== undefined && /\p{Ll}/u.test(next)) continue;
    push(from, j);
    from = j;
    i = j - 1;
  }
  push(from, text.length);
  return out;
}
