import { BUILT_IN_FILLERS } from '../model/lexicon-fillers';
import type { Segmenter } from './segmenter';
import { isHan, runsOf, stemEnglish } from './text';

/** Words that never find anything: the fillers, and function words of guide text. */
export const stopWords = (extra: readonly string[] = []): ReadonlySet<string> =>
  new Set([...BUILT_IN_FILLERS, ...extra, '等', '其', '以', '于', '并', '及其', '以及', '其他', '相关', '有关', '规定', '第', '条', '款', '年', '月', '日', '号']);

/** Index words of a catalogue text: jieba's search-mode words and stemmed English words, without stop words. */
export function catalogueTokens(text: string, seg: Segmenter, stop: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const run of runsOf(text.normalize('NFKC').toLowerCase())) {
    if (run.kind === 'han') {
      for (const w of seg.cutForSearch(run.text)) if (isHan(w) && !stop.has(w)) out.push(w);
    } else {
      for (const w of run.words) if (w.length >= 2 && !stop.has(w)) out.push(stemEnglish(w));
    }
  }
  return out;
}
