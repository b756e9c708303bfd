import { pinyin } from 'pinyin-pro';

/** A word the IME may offer, with its spelling precomputed once. */
interface Phrase {
  readonly text: string;
  readonly full: string; // "shebao"
  readonly initials: string; // "sb"
  /** Length of the first syllable's spelling: a general word needs the buffer to pass it. */
  readonly first: number;
  readonly weight: number;
  /** Chosen by content or the form word list (ranked by prefix), not just a dictionary word. */
  readonly curated: boolean;
}

export interface Candidate {
  readonly text: string;
  /** How much of the typed spelling choosing it consumes. */
  readonly consumes: number;
}

/**
 * The pinyin input method of the on-screen keyboard. The library (simple-keyboard-layouts' Chinese
 * layout) gives single characters per syllable ordered by frequency; what it lacks, and what this
 * class adds, is words: phrases from the content (service names, departments, keywords) and common
 * words, matched by full spelling or by initials, ranked before single characters; a general word
 * list with frequencies (`addWordList`, jieba's dictionary shipped as `words.generated.ts`), offered
 * once the spelling says more than one syllable (gongs → 公司) or as the initials (gs → 公司), so a
 * single syllable still lists its characters first; and what may follow a chosen text (`predictions`).
 */
export class PinyinIme {
  private readonly words: Map<string, Phrase>;
  /** Single characters common in forms (室, 号, 路): first among the characters of their syllable. */
  private readonly preferredChars: Set<string>;
  private readonly syllables: string[];

  /** `base`: an IME whose words this one starts with (the shared word list), copied, never changed. */
  constructor(
    private readonly charsBySyllable: Readonly<Record<string, string>>,
    base?: PinyinIme,
  ) {
    this.words = new Map(base?.words);
    this.preferredChars = new Set(base?.preferredChars);
    // Longest syllables first so "zhuang" wins over "zhu".
    this.syllables = Object.keys(charsBySyllable).sort((a, b) => b.length - a.length);
  }

  /** Adds words; a higher weight ranks earlier (content phrases above common words). */
  addPhrases(texts: readonly string[], weight: number): void {
    for (const text of texts) {
      const clean = text.trim();
      if (clean.length === 1 && /^\p{Script=Han}$/u.test(clean)) this.preferredChars.add(clean);
      if (clean.length < 2 || clean.length > 12 || !/^\p{Script=Han}+$/u.test(clean)) continue;
      // A word already known from the word list becomes curated; a curated one keeps its higher weight.
      const known = this.words.get(clean);
      if (known?.curated && known.weight >= weight) continue;
      this.push(clean, pinyin(clean, { toneType: 'none', type: 'array', v: true }), weight, true);
    }
  }

  /**
   * Adds a spelled word list, one word a line: `text syl'la'bles frequency [c]` (c: a word of the
   * content, ranked above general words). Weights stay below curated phrases' (≥ 1).
   */
  addWordList(list: string): void {
    for (const line of list.split('\n')) {
      const [text, spelled, f, from] = line.split(' ');
      if (!text || !spelled || this.words.has(text)) continue;
      const logf = Math.log10(Math.max(1, Number(f) || 1));
      this.push(text, spelled.split("'"), from === 'c' ? 0.8 + logf / 100 : Math.min(0.79, logf / 10), false);
    }
  }

  private push(text: string, syllables: readonly string[], weight: number, curated: boolean): void {
    this.words.set(text, {
      text,
      full: syllables.join(''),
      initials: syllables.map((s) => s[0] ?? '').join(''),
      first: syllables[0]?.length ?? 0,
      weight,
      curated,
    });
  }

  /**
   * What may follow a chosen text (联想): the rest of the known words that begin with it, best first
   * (公 → 司 of 公司; 变更 → 登记 of 变更登记). Chosen with nothing typed, a prediction consumes nothing.
   */
  predictions(after: string, limit = 40): Candidate[] {
    const tail = [...after].slice(-4).join('');
    const out: Array<{ text: string; weight: number }> = [];
    const used = new Set<string>();
    // The longest tail that begins a word first: after 变更 the words of 变更, then those of 更.
    for (let n = Math.min(tail.length, 4); n >= 1; n--) {
      const stem = [...tail].slice(-n).join('');
      const found = [...this.words.values()]
        .filter((p) => p.text.length > stem.length && p.text.startsWith(stem))
        .sort((a, b) => b.weight - a.weight)
        .map((p) => ({ text: p.text.slice(stem.length), weight: p.weight }));
      for (const f of found) {
        if (used.has(f.text)) continue;
        used.add(f.text);
        out.push(f);
      }
      if (out.length >= limit) break;
    }
    return out.slice(0, limit).map((p) => ({ text: p.text, consumes: 0 }));
  }

  /** Splits the start of the buffer into the longest known syllable. */
  firstSyllable(buffer: string): string | null {
    return this.syllables.find((s) => buffer.startsWith(s)) ?? null;
  }

  /** Every candidate for the typed spelling, best first (no cut-off: a rare surname must stay reachable). */
  candidates(rawBuffer: string, limit = Number.POSITIVE_INFINITY): Candidate[] {
    const buffer = rawBuffer.toLowerCase().replace(/[^a-z]/g, '');
    if (buffer === '') return [];
    const oneSyllable = Object.hasOwn(this.charsBySyllable, buffer);
    const rankOf = (p: Phrase): number => {
      if (p.full === buffer) return 0;
      if (p.curated) return p.full.startsWith(buffer) ? 1 : p.initials === buffer ? 2 : p.initials.startsWith(buffer) && buffer.length >= 2 ? 3 : -1;
      // A general word: only once the spelling passes its first syllable, or as its initials; never when
      // the spelling is itself one whole syllable (wang is 王, not wan-g… 万公顷; fang is 方, not 反革命).
      if (buffer.length > p.first && !oneSyllable && p.full.startsWith(buffer)) return 4;
      return p.initials === buffer && buffer.length >= 2 ? 5 : -1;
    };
    const words = [...this.words.values()]
      .map((p) => ({ p, rank: rankOf(p) }))
      .filter((x) => x.rank >= 0)
      .sort((a, b) => a.rank - b.rank || b.p.weight - a.p.weight || a.p.text.length - b.p.text.length)
      .map(({ p }) => ({ text: p.text, consumes: buffer.length }));
    const syllable = this.firstSyllable(buffer) ?? (this.charsBySyllable[buffer[0] ?? ''] ? buffer[0]! : null);
    const chars = syllable
      ? (this.charsBySyllable[syllable] ?? '')
          .split(' ')
          .filter(Boolean)
          .map((text, i) => ({ text, consumes: syllable.length, rank: this.preferredChars.has(text) ? -1 : i }))
          .sort((a, b) => a.rank - b.rank)
          .map(({ text, consumes }) => ({ text, consumes }))
      : [];
    const out: Candidate[] = [];
    const used = new Set<string>();
    for (const c of [...words, ...chars]) {
      if (used.has(c.text)) continue;
      used.add(c.text);
      out.push(c);
      if (out.length >= limit) break;
    }
    return out;
  }
}
