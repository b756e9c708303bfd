import type { Segmenter } from './segmenter';
import { isHan, normaliseSentence, runsOf, stemEnglish } from './text';
import type { Vocabulary } from './vocabulary';

/** One word of a sentence as read: Chinese (possibly repaired, or read from pinyin) or a stemmed English word. */
export interface Word {
  readonly text: string;
  /** As the person wrote it. */
  readonly said: string;
  readonly via?: 'typo' | 'pinyin';
  readonly english: boolean;
  /** Which run of the sentence it came from (words of different runs never form one lexicon word). */
  readonly run: number;
}

export interface WordReader {
  read(sentence: string): { words: Word[]; runs: number; latinWords: number };
}

/**
 * Reads a sentence into words. Chinese runs are cut by jieba; a token glued to a filler (想开, 开个)
 * is split when the rest is a word; loose characters (what jieba leaves of a word it does not know)
 * are read as a known word of the same sound (注消 → 注销) or, with a neighbour, as a known word one
 * character off (食吕 + 经营 → 食品经营). Latin runs are read as pinyin of known words where every
 * letter fits (gongsi banjia → 公司 搬家), otherwise as English.
 *
 * `solid(word)`: a word kept as it is (a catalogue word, a lexicon word, a filler).
 */
export function createWordReader(vocab: Vocabulary, seg: Segmenter, fillers: ReadonlySet<string>, solid: (w: string) => boolean, englishKnown: (w: string) => boolean): WordReader {
  const hanFillers = [...fillers].filter(isHan).sort((a, b) => b.length - a.length);

  const splitFillers = (tokens: string[]): string[] =>
    tokens.flatMap((t) => {
      if (solid(t) || t.length < 2) return [t];
      for (const f of hanFillers) {
        if (t.length <= f.length) continue;
        if (t.startsWith(f) && solid(t.slice(f.length))) return [f, t.slice(f.length)];
        if (t.endsWith(f) && solid(t.slice(0, -f.length))) return [t.slice(0, -f.length), f];
      }
      return [t];
    });

  /** Loose characters as homophones of known words, longest window first; null when none is. */
  const homophones = (chars: string[], run: number): Word[] | null => {
    const out: Word[] = [];
    let k = 0;
    let found = false;
    while (k < chars.length) {
      let len = chars.length - k;
      for (; len >= 2; len--) {
        const text = chars.slice(k, k + len).join('');
        const heard = vocab.homophone(text);
        if (heard) {
          out.push({ text: heard, said: text, via: 'typo', english: false, run });
          found = true;
          break;
        }
      }
      if (len < 2) {
        out.push({ text: chars[k]!, said: chars[k]!, english: false, run });
        len = 1;
      }
      k += len;
    }
    return found ? out : null;
  };

  const readHan = (text: string, run: number): Word[] => {
    const tokens = splitFillers(seg.cut(text));
    const out: Word[] = [];
    const plain = (t: string): Word => ({ text: t, said: t, english: false, run });
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (solid(t)) {
        out.push(plain(t));
        i++;
        continue;
      }
      if ([...t].length > 1) {
        // A word the catalogue does not have: a known word of the same sound or one character off
        // (jieba's dictionary holds rare slips such as 注消), else kept as the person wrote it.
        const fixed = vocab.homophone(t) ?? vocab.oneCharacterOff(t);
        out.push(fixed ? { text: fixed, said: t, via: 'typo', english: false, run } : plain(t));
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && !solid(tokens[j]!) && [...tokens[j]!].length === 1) j++;
      const loose = tokens.slice(i, j);
      const heard = homophones(loose, run);
      if (heard) {
        out.push(...heard);
        i = j;
        continue;
      }
      // One wrong character: the loose characters alone, with the next word, or with the previous one.
      const stretch = loose.join('');
      const next = tokens[j];
      const prev = i > 0 ? tokens[i - 1] : undefined;
      const tries: [string, number, boolean][] = [[stretch, j, false]];
      if (next !== undefined) tries.push([stretch + next, j + 1, false]);
      if (prev !== undefined && out.length > 0) tries.push([prev + stretch, j, true]);
      const fix = tries.map(([said, end, withPrev]) => ({ said, end, withPrev, word: vocab.oneCharacterOff(said) })).find((x) => x.word !== undefined);
      if (fix?.word) {
        if (fix.withPrev) out.pop();
        out.push({ text: fix.word, said: fix.said, via: 'typo', english: false, run });
        i = fix.end;
      } else {
        out.push(...loose.map(plain));
        i = j;
      }
    }
    return out;
  };

  const readLatin = (words: readonly string[], run: number): Word[] => {
    const out: Word[] = [];
    let pending: string[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const asPinyin = (r: { word: string; letters: string }): Word => ({ text: r.word, said: r.letters, via: 'pinyin', english: false, run });
      const whole = vocab.readPinyin(pending.join(''));
      if (whole) out.push(...whole.map(asPinyin));
      else {
        for (const p of pending) {
          const read = vocab.readPinyin(p);
          if (read) out.push(...read.map(asPinyin));
          else out.push({ text: stemEnglish(p), said: p, english: true, run });
        }
      }
      pending = [];
    };
    for (const w of words) {
      if (englishKnown(w)) {
        flush();
        out.push({ text: fillers.has(w) ? w : stemEnglish(w), said: w, english: true, run });
      } else pending.push(w);
    }
    flush();
    return out;
  };

  return {
    read(sentence) {
      const runs = runsOf(normaliseSentence(sentence));
      const words: Word[] = [];
      let latinWords = 0;
      runs.forEach((r, run) => {
        if (r.kind === 'latin') {
          latinWords += r.words.length;
          words.push(...readLatin(r.words, run));
        } else words.push(...readHan(r.text, run));
      });
      return { words, runs: runs.length, latinWords };
    },
  };
}
