import { pinyin } from 'pinyin-pro';

/** A word the IME may offer, with its spelling precomputed once. */
interface Phrase {
  readonly text: string;
  readonly full: string; // "shebao"
  readonly initials: string; // "sb"
  readonly weight: number;
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
 * words, matched by full spelling or by initials, ranked before single characters.
 */
export class PinyinIme {
  private readonly phrases: Phrase[] = [];
  private readonly seen = new Set<string>();
  /** Single characters common in forms (室, 号, 路): first among the characters of their syllable. */
  private readonly preferredChars = new Set<string>();
  private readonly syllables: string[];

  constructor(private readonly charsBySyllable: Readonly<Record<string, string>>) {
    // Longest syllables first so "zhuang" wins over "zhu".
    this.syllables = Object.keys(charsBySyllable).sort((a, b) => b.length - a.length);
  }

  /** Adds words; a higher weight ranks earlier (content phrases above common words). */
  addPhrases(texts: readonly string[], weight: number): void {
    for (const text of texts) {
      const clean = text.trim();
      if (clean.length === 1 && /^\p{Script=Han}$/u.test(clean)) this.preferredChars.add(clean);
      if (clean.length < 2 || clean.length > 12 || this.seen.has(clean) || !/^\p{Script=Han}+$/u.test(clean)) continue;
      this.seen.add(clean);
      const syllables = pinyin(clean, { toneType: 'none', type: 'array', v: true });
      this.phrases.push({
        text: clean,
        full: syllables.join(''),
        initials: syllables.map((s) => s[0] ?? '').join(''),
        weight,
      });
    }
  }

  /** Splits the start of the buffer into the longest known syllable. */
  firstSyllable(buffer: string): string | null {
    return this.syllables.find((s) => buffer.startsWith(s)) ?? null;
  }

  /** Every candidate for the typed spelling, best first (no cut-off: a rare surname must stay reachable). */
  candidates(rawBuffer: string, limit = Number.POSITIVE_INFINITY): Candidate[] {
    const buffer = rawBuffer.toLowerCase().replace(/[^a-z]/g, '');
    if (buffer === '') return [];
    const words = this.phrases
      .map((p) => ({ p, rank: p.full === buffer ? 0 : p.full.startsWith(buffer) ? 1 : p.initials === buffer ? 2 : p.initials.startsWith(buffer) && buffer.length >= 2 ? 3 : -1 }))
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
