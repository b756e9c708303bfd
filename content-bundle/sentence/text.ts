const HAN = /\p{Script=Han}/u;
export const isHan = (s: string): boolean => HAN.test(s);

/** Longest sentence looked at; a kiosk field holds less, a pasted text is cut. */
export const MAX_SENTENCE = 100;

/** NFKC (full-width → half-width), lower case, apostrophes dropped (I'm → im), bounded. */
export function normaliseSentence(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/['’]/g, '').slice(0, MAX_SENTENCE);
}

export type Run = { kind: 'han'; text: string } | { kind: 'latin'; words: string[] };

/**
 * A sentence as runs of Chinese characters and runs of Latin words, in order; punctuation and
 * digits separate runs and are dropped (a number finds nothing, and may be personal).
 */
export function runsOf(sentence: string): Run[] {
  const out: Run[] = [];
  for (const m of sentence.matchAll(/(\p{Script=Han}+)|([a-z]+(?:\s+[a-z]+)*)/gu)) {
    if (m[1]) out.push({ kind: 'han', text: m[1] });
    else if (m[2]) out.push({ kind: 'latin', words: m[2].split(/\s+/) });
  }
  return out;
}

/**
 * A light English stemmer, the same for catalogue and sentence: plural -s, -ing and -ed go, then a
 * final e, so move/moved/moving/moves all read "mov", licence/licences "licenc".
 */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
