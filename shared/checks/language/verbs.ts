/** Verb forms for suggested rewrites ("who approved" → "approve"), through compromise's conjugator. */
import nlp from 'compromise';

export interface VerbForms {
  readonly infinitive: string;
  readonly past: string;
  readonly gerund: string;
}

const cache = new Map<string, VerbForms>();

// Participles compromise does not map back to their infinitive.
const IRREGULAR: Record<string, string> = Object.fromEntries(
  `known:know seen:see caught:catch done:do gone:go taken:take given:give written:write begun:begin spoken:speak told:tell
   found:find thought:think brought:bring kept:keep left:leave made:make sent:send spent:spend stood:stand understood:understand
   won:win broken:break chosen:choose driven:drive forgotten:forget frozen:freeze hidden:hide risen:rise shaken:shake
   stolen:steal thrown:throw woken:wake held:hold heard:hear led:lead lost:lose meant:mean met:meet paid:pay said:say sold:sell
   taught:teach felt:feel fought:fight gotten:get got:get had:have shown:show withdrawn:withdraw overseen:oversee
   foreseen:foresee rebuilt:rebuild rewritten:rewrite upheld:uphold undone:undo proven:prove`
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]),
);

/** Forms of a single verb; falls back to the word itself when compromise cannot conjugate it. */
export function verbForms(word: string): VerbForms {
  const w = word.toLowerCase();
  const hit = cache.get(w);
  if (hit) return hit;
  let forms: VerbForms = { infinitive: w, past: w, gerund: w };
  const irregular = IRREGULAR[w];
  if (irregular) {
    const base = verbForms(irregular);
    cache.set(w, base);
    return base;
  }
  try {
    const c = (nlp(w).verbs() as unknown as { conjugate(): Array<Record<string, string>> }).conjugate()[0];
    if (c?.Infinitive) forms = { infinitive: c.Infinitive, past: c.PastTense ?? w, gerund: c.Gerund ?? w };
  } catch {
    // keep the fallback
  }
  if (cache.size > 2000) cache.clear();
  cache.set(w, forms);
  return forms;
}

// Past participles that are not "-ed" (for "should have seen", "could have caught").
const IRREGULAR_PARTICIPLES = new Set(
  `been seen known caught done gone taken given written read run begun spoken told found thought brought kept left made put
   set sent spent stood understood won broken chosen driven eaten fallen forgotten frozen gotten hidden ridden risen shaken
   stolen sworn thrown woken worn held heard led lost meant met paid said sold shut slept split spread struck taught felt
   fought got had hit hung hurt laid let lit proven rung shown shrunk sung sunk swum torn withdrawn undone overseen foreseen
   rebuilt rerun rewritten upheld`.split(/\s+/),
);

/** A past participle ("checked", "seen"), judged by compromise's tags and by form. */
export function looksLikeParticiple(word: string, tags: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  if (tags.has('Participle') || tags.has('PastTense')) return true;
  return /[a-z]{2,}ed$/.test(w);
}

/** Whether a word can be a verb at all (compromise conjugates it to a different past form). */
export function canBeVerb(word: string): boolean {
  const f = verbForms(word);
  return f.past !== f.infinitive || IRREGULAR[word.toLowerCase()] !== undefined || /^(?:let|set|put|hit|cut|shut|read|quit|spread|cost)$/.test(word.toLowerCase());
}
