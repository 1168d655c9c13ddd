/** Small text helpers for the structural rules: content words and overlap between two texts. */

const STOP = new Set(
  'a an the and or but of to in on at by for with from into onto over under is are was were be been being it its this that these those as we our they their them there then than so such not no do does did done has have had will would can could should may might must all any each every more most less least very also only just about after before when while if because which who what how'.split(
    ' ',
  ),
);

/** Lower-cased words of three letters or more that carry meaning. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z][a-z0-9-]{2,}/g) ?? [];
  return new Set(words.filter((w) => !STOP.has(w)).map((w) => w.replace(/(ing|ed|es|s)$/, '')));
}

/** Number of content words two texts share. */
export function sharedWords(a: string, b: string): number {
  const wa = contentWords(a);
  let n = 0;
  for (const w of contentWords(b)) if (wa.has(w)) n += 1;
  return n;
}

export function isBlank(text: string | undefined | null): boolean {
  return !text || text.trim() === '';
}
