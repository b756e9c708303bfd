import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isHan } from './text';

/**
 * Chinese word segmentation with jieba's maintained dictionary (loaded once per process, ~0.8 s)
 * plus the content's own words (lexicon words and terms, keywords, synonyms), so 奶茶店 and 稳岗返还
 * come out whole. Words added for one content version stay for the next: a word the catalogue
 * dropped only keeps being cut whole, which the matching tolerates (it also tries parts of words).
 */
let jieba: Jieba | null = null;
const known = new Set<string>();

/** Frequency given to content words: above everyday words, so they are cut whole. */
const CONTENT_WORD_FREQ = 50_000;

export function loadSegmenter(words: readonly string[] = []): Segmenter {
  jieba ??= Jieba.withDict(dict);
  const fresh = [...new Set(words)].filter((w) => [...w].length >= 2 && isHan(w) && !/\s/.test(w) && !known.has(w));
  if (fresh.length > 0) {
    jieba.loadDict(Buffer.from(fresh.map((w) => `${w} ${CONTENT_WORD_FREQ} n`).join('\n')));
    for (const w of fresh) known.add(w);
  }
  return segmenterOf(jieba);
}

export interface Segmenter {
  /** Precise mode: each character in one word (for sentences). */
  cut(text: string): string[];
  /** Search mode: words and the dictionary words inside long ones (for the catalogue). */
  cutForSearch(text: string): string[];
}

const segmenterOf = (j: Jieba): Segmenter => ({
  // HMM off: an unknown run stays single characters, which the typo and pinyin paths then read.
  cut: (text) => j.cut(text, false),
  cutForSearch: (text) => j.cutForSearch(text, false),
});
