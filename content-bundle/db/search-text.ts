const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasCjk = (s: string): boolean => CJK.test(s);

/** Normalises user input: NFKC (full-width → half-width), lower case, collapsed spaces, bounded. */
export function normaliseQuery(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 64);
}

/** Splits a normalised query into terms: whitespace, and a boundary between Chinese and Latin runs. */
export function queryTerms(q: string): string[] {
  const out: string[] = [];
  for (const word of q.split(' ')) {
    for (const run of word.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g) ?? []) out.push(run);
  }
  return [...new Set(out)];
}

/** Every substring of 1..n characters (code points), for the short-term index. */
export function grams(text: string, n: number): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let len = 1; len <= n; len++) for (let i = 0; i + len <= chars.length; i++) out.add(chars.slice(i, i + len).join(''));
  return [...out];
}

/** Overlapping trigrams of a term (for typo-tolerant matching). */
export function trigrams(term: string): string[] {
  const chars = [...term];
  if (chars.length < 3) return [term];
  const out: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) out.push(chars.slice(i, i + 3).join(''));
  return [...new Set(out)];
}

/** An FTS5 string literal: the whole term quoted, inner quotes doubled, so no input is FTS syntax. */
export const ftsLiteral = (term: string): string => `"${term.replace(/"/g, '""')}"`;
