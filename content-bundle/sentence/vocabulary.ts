import type { Database } from 'better-sqlite3';
import { pinyinForms } from '../db/pinyin';
import { isHan } from './text';

/** Longest pinyin word read back from Latin letters (zhuanyejishurencai is 18). */
const MAX_PINYIN_WORD = 24;

/**
 * The words a sentence can be read into, held in memory at open (a few thousand rows): document
 * frequencies, the words that share a toneless pinyin (for pinyin sentences and homophone typos),
 * and, built on first need, the words that differ in one character (for other typos).
 */
export class Vocabulary {
  private readonly df = new Map<string, number>();
  private readonly byPinyin = new Map<string, string[]>();
  private oneOff: Map<string, string[]> | null = null;
  private english: string[] | null = null;

  /**
   * `spoken`: words people say that are not catalogue words (lexicon words, fillers); they win a
   * pinyin reading over a catalogue word of the same sound, since they are what was said.
   */
  constructor(db: Database, private readonly spoken: ReadonlySet<string>) {
    const rows = db.prepare('SELECT term, df, pinyin FROM sentence_terms').raw().all() as [string, number, string][];
    const entries: [string, string][] = [];
    for (const [term, df, py] of rows) {
      this.df.set(term, df);
      if (py) entries.push([py, term]);
    }
    for (const w of spoken) if (isHan(w) && !this.df.has(w)) entries.push([pinyinForms(w).full, w]);
    for (const [py, term] of entries) {
      const list = this.byPinyin.get(py);
      if (list) list.push(term);
      else this.byPinyin.set(py, [term]);
    }
    for (const list of this.byPinyin.values()) list.sort((a, b) => this.preference(b) - this.preference(a));
  }

  /** How many catalogue entries hold the word (0: a lexicon word or filler only; -1: unknown). */
  frequency(word: string): number {
    return this.df.get(word) ?? (this.spoken.has(word) ? 0 : -1);
  }

  /** A word the catalogue or the lexicon knows. */
  knows(word: string): boolean {
    return this.frequency(word) >= 0;
  }

  private preference(word: string): number {
    return (this.spoken.has(word) ? 1e9 : 0) + (this.df.get(word) ?? 0);
  }

  /** The preferred known word with this toneless pinyin, if any. */
  byReading(pinyin: string): string | undefined {
    return this.byPinyin.get(pinyin)?.[0];
  }

  /** The preferred known word with the same sound as a Chinese text (注消 → 注销). */
  homophone(text: string): string | undefined {
    const hit = this.byReading(pinyinForms(text).full);
    return hit === text ? undefined : hit;
  }

  /**
   * Latin letters read as pinyin words ("gongsibanjia" → 公司 gongsi, 搬家 banjia): the reading with
   * the fewest words that covers every letter, or null when the letters are not pinyin of known words.
   */
  readPinyin(letters: string): { word: string; letters: string }[] | null {
    type Reading = { word: string; letters: string }[];
    const n = letters.length;
    const best: (Reading | null)[] = new Array<Reading | null>(n + 1).fill(null);
    best[0] = [];
    for (let i = 0; i < n; i++) {
      const from = best[i];
      if (!from) continue;
      for (let len = Math.min(MAX_PINYIN_WORD, n - i); len >= 1; len--) {
        const part = letters.slice(i, i + len);
        const word = this.byReading(part);
        if (word === undefined) continue;
        const next = best[i + len];
        if (!next || next.length > from.length + 1) best[i + len] = [...from, { word, letters: part }];
      }
    }
    return best[n] ?? null;
  }

  /**
   * Catalogue English words of the same stem family (register → registration, licence → license):
   * a shared beginning of 5+ letters that is most of the shorter word.
   */
  englishRelatives(stem: string): string[] {
    this.english ??= [...this.df.keys()].filter((w) => !isHan(w) && (this.df.get(w) ?? 0) > 0);
    const out: string[] = [];
    for (const w of this.english) {
      if (w === stem) continue;
      let common = 0;
      while (common < w.length && common < stem.length && w[common] === stem[common]) common++;
      if (common >= 5 && common >= 0.7 * Math.min(w.length, stem.length)) out.push(w);
    }
    return out;
  }

  /** A known word of 3+ characters that differs from the text in exactly one character (食吕经营 → 食品经营). */
  oneCharacterOff(text: string): string | undefined {
    const chars = [...text];
    if (chars.length < 3) return undefined;
    this.oneOff ??= this.buildOneOff();
    let pick: string | undefined;
    for (let i = 0; i < chars.length; i++) {
      for (const w of this.oneOff.get(maskAt(chars, i)) ?? []) {
        if (w !== text && (pick === undefined || this.preference(w) > this.preference(pick))) pick = w;
      }
    }
    return pick;
  }

  private buildOneOff(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const words = [...this.df.keys(), ...this.spoken].filter((w) => isHan(w));
    for (const w of new Set(words)) {
      const chars = [...w];
      if (chars.length < 3 || chars.length > 8) continue;
      for (let i = 0; i < chars.length; i++) {
        const key = maskAt(chars, i);
        const list = out.get(key);
        if (list) list.push(w);
        else out.set(key, [w]);
      }
    }
    return out;
  }
}

const maskAt = (chars: readonly string[], i: number): string => chars.map((c, j) => (j === i ? '*' : c)).join('');
