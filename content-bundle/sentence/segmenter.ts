import crypto from 'node:crypto';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { isHan } from './text';

export interface Segmenter {
  /** Precise mode: each character in one word (for sentences). */
  cut(text: string): string[];
  /** Search mode: words and the dictionary words inside long ones (for the catalogue). */
  cutForSearch(text: string): string[];
}

/** Frequency given to content words: above everyday words, so they are cut whole. */
const CONTENT_WORD_FREQ = 50_000;
/** Segmenters kept: the installed content's and the one before (a reader may still be open on it). */
const KEEP = 2;
const cache = new Map<string, Segmenter>();

/**
 * Chinese word segmentation with jieba's maintained dictionary plus the content's own words
 * (lexicon words and terms, keywords, synonyms), so 奶茶店 and 稳岗返还 come out whole. One jieba per
 * word set (~0.2 s and ~35 MB each): the bundle build and every kiosk cut a content version exactly
 * alike, whatever else the process has read.
 */
export function loadSegmenter(words: readonly string[] = []): Segmenter {
  const own = [...new Set(words)].filter((w) => [...w].length >= 2 && isHan(w) && !/\s/.test(w)).sort();
  const key = crypto.createHash('sha256').update(own.join('\n')).digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const jieba = Jieba.withDict(dict);
  if (own.length > 0) jieba.loadDict(Buffer.from(own.map((w) => `${w} ${CONTENT_WORD_FREQ} n`).join('\n')));
  const seg: Segmenter = {
    // HMM off: an unknown run stays single characters, which the typo and pinyin paths then read.
    cut: (text) => jieba.cut(text, false),
    cutForSearch: (text) => jieba.cutForSearch(text, false),
  };
  cache.set(key, seg);
  for (const old of cache.keys()) if (cache.size > KEEP) cache.delete(old);
  return seg;
}
