import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Readings of domain words whose characters are polyphones (多音字), fixed so pinyin search finds
 * them whatever pinyin-pro's general dictionary prefers: 会计 kuàijì (not huìjì), 银行 yínháng …
 */
const DOMAIN_READINGS: Record<string, string> = {
  会计: 'kuài jì',
  银行: 'yín háng',
  行政: 'xíng zhèng',
  行业: 'háng yè',
  单位: 'dān wèi',
  重新: 'chóng xīn',
  长期: 'cháng qī',
  调整: 'tiáo zhěng',
  经营: 'jīng yíng',
  供给: 'gōng jǐ',
  给付: 'jǐ fù',
  广告: 'guǎng gào',
  重点: 'zhòng diǎn',
  调解: 'tiáo jiě',
  地址: 'dì zhǐ',
  还款: 'huán kuǎn',
  发行: 'fā xíng',
  出版物: 'chū bǎn wù',
  乐器: 'yuè qì',
  参保: 'cān bǎo',
  卫生: 'wèi shēng',
};
customPinyin(DOMAIN_READINGS);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
export const hasCjk = (s: string): boolean => CJK.test(s);

/** Full spelling and initials of a Chinese phrase, tone-less, no spaces: 社会保险 → shehuibaoxian, shbx. */
export function pinyinForms(text: string): { full: string; initials: string } {
  const chars = [...text].filter((c) => CJK.test(c)).join('');
  if (chars === '') return { full: '', initials: '' };
  const syllables = pinyin(chars, { toneType: 'none', type: 'array', v: true }) as string[];
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
}

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
