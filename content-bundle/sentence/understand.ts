import type { ClarifyQuestion, Lexicon, LexiconConcept, LifeEventRule, LocalText } from '../model';
import { createWordReader, type Word } from './read-words';
import type { Segmenter } from './segmenter';
import { isHan, stemEnglish } from './text';
import type { Vocabulary } from './vocabulary';

/** One way a part of the sentence can be found: a bag of index words, and how much it counts. */
export interface Alternative {
  readonly tokens: readonly string[];
  readonly weight: number;
}

/** One thing the person said that the ranking looks for: a word of theirs, or a concept of the lexicon. */
export interface Slot {
  readonly kind: 'word' | 'concept';
  /** As the person wrote it (or the option they tapped). */
  readonly said: string;
  /** What it was read as, when not as written (a typo, pinyin). */
  readonly meant?: string;
  readonly via?: 'typo' | 'pinyin';
  readonly concept?: LexiconConcept;
  /** The option of a clarifying question that added this concept. */
  readonly chosen?: LocalText;
  readonly alternatives: readonly Alternative[];
  /** How much the slot counts in the ranking (a concept's weight; less for a lone character). */
  readonly weight: number;
}

export interface Understanding {
  readonly slots: readonly Slot[];
  readonly concepts: ReadonlySet<string>;
  /** Words that found nothing and were not fillers. */
  readonly unknown: readonly string[];
  /** Fillers were dropped, there were several parts, or an everyday word stood for a concept: a sentence, not a catalogue word. */
  readonly sentence: boolean;
  readonly clarify: ClarifyQuestion | null;
  readonly lifeEvents: readonly LifeEventRule[];
}

/** Weight of the known words inside an unknown one (公积 inside 公积金的) against a whole word. */
const PART_WEIGHT = 0.8;
/** A lone character outside the lexicon (证, 小) says little: 许可证 and 小微 are not what was meant by it. */
const LONE_CHARACTER_WEIGHT = 0.3;

interface ConceptHit {
  readonly concept: LexiconConcept;
  readonly said: string;
  /** Index of its first word, for the order of slots. */
  readonly first: number;
  /** The lexicon word found (its catalogue frequency says whether it was an everyday word). */
  readonly word: string;
  readonly via?: 'typo' | 'pinyin';
}

export interface Understander {
  understand(sentence: string, answers?: readonly string[]): Understanding;
}

/**
 * From a sentence to what to look for: its words (see read-words), the lexicon's concepts in them
 * (Chinese words of 2+ characters anywhere inside a run, longest first; single characters and
 * English words as whole words), fillers dropped; each concept and each remaining known word is a
 * slot. Answers to clarifying questions (`question:option`) add their option's concept.
 */
export function createUnderstander(lex: Lexicon, vocab: Vocabulary, seg: Segmenter, synonyms: readonly (readonly string[])[], fillers: ReadonlySet<string>): Understander {
  const conceptById = new Map(lex.concepts.map((c) => [c.id, c]));
  const longWords: { word: string; concept: LexiconConcept }[] = [];
  const wholeWords = new Map<string, LexiconConcept>();
  for (const c of lex.concepts) {
    for (const w of c.words) {
      if (!isHan(w)) wholeWords.set(stemEnglish(w), c);
      else if ([...w].length === 1) wholeWords.set(w, c);
      else longWords.push({ word: w, concept: c });
    }
  }
  longWords.sort((a, b) => [...b.word].length - [...a.word].length);
  const lexiconWords = new Set([...wholeWords.keys(), ...longWords.map((l) => l.word)]);
  const solid = (w: string) => fillers.has(w) || lexiconWords.has(w) || vocab.frequency(w) > 0;
  const englishKnown = (w: string) => fillers.has(w) || wholeWords.has(stemEnglish(w)) || vocab.frequency(stemEnglish(w)) > 0;
  const reader = createWordReader(vocab, seg, fillers, solid, englishKnown);

  const tokensOf = (text: string): string[] => (isHan(text) ? seg.cut(text).filter((t) => vocab.frequency(t) > 0) : [stemEnglish(text)]);

  /** Lexicon words among the words; `taken` marks the words they cover. */
  const findConcepts = (words: readonly Word[], taken: boolean[]): ConceptHit[] => {
    const hits: ConceptHit[] = [];
    // Each run's Chinese text, and which word each character belongs to.
    const runs = new Map<number, { chars: string[]; owner: number[] }>();
    words.forEach((w, i) => {
      if (w.english) return;
      const r = runs.get(w.run) ?? { chars: [], owner: [] };
      for (const c of w.text) {
        r.chars.push(c);
        r.owner.push(i);
      }
      runs.set(w.run, r);
    });
    for (const { word, concept } of longWords) {
      const target = [...word];
      for (const { chars, owner } of runs.values()) {
        for (let at = 0; at + target.length <= chars.length; at++) {
          if (target.some((c, k) => chars[at + k] !== c)) continue;
          const covered = [...new Set(owner.slice(at, at + target.length))];
          if (covered.some((i) => taken[i])) continue;
          // Part of a catalogue word (补助 in 扩岗补助, 开户 in 社保开户) is that word's, not the concept's.
          const cut = (i: number, from: number) => owner[from] === i;
          const partOf = (i: number) => vocab.frequency(words[i]!.text) > 0 && [...words[i]!.text].length > target.length;
          if ((partOf(covered[0]!) && cut(covered[0]!, at - 1)) || (partOf(covered.at(-1)!) && cut(covered.at(-1)!, at + target.length))) continue;
          for (const i of covered) taken[i] = true;
          const parts = covered.map((i) => words[i]!);
          const via = parts.find((p) => p.via)?.via;
          hits.push({ concept, said: parts.map((p) => p.said).join(via === 'pinyin' ? ' ' : ''), first: covered[0]!, word, ...(via ? { via } : {}) });
        }
      }
    }
    words.forEach((w, i) => {
      const concept = wholeWords.get(w.text);
      if (taken[i] || !concept) return;
      taken[i] = true;
      hits.push({ concept, said: w.said, first: i, word: w.text, ...(w.via ? { via: w.via } : {}) });
    });
    return hits.sort((a, b) => a.first - b.first);
  };

  const conceptSlot = (concept: LexiconConcept, said: string, word: string | null, via?: 'typo' | 'pinyin'): Slot => {
    const alternatives: Alternative[] = concept.terms.map((t) => ({ tokens: tokensOf(t), weight: 1 })).filter((a) => a.tokens.length > 0);
    if (word !== null && vocab.frequency(word) > 0) alternatives.push({ tokens: [word], weight: 1 });
    return { kind: 'concept', said, ...(via && word !== null ? { via, meant: word } : {}), concept, alternatives, weight: concept.weight };
  };

  /** A word's own index word, its content synonyms, and (weaker) the known words inside it. */
  const wordAlternatives = (text: string): Alternative[] => {
    const out: Alternative[] = [];
    if (vocab.frequency(text) > 0) out.push({ tokens: [text], weight: 1 });
    for (const group of synonyms) {
      if (!group.includes(text)) continue;
      for (const s of group) {
        const tokens = s === text ? [] : tokensOf(s);
        if (tokens.length > 0) out.push({ tokens, weight: 1 });
      }
    }
    if (isHan(text) && [...text].length >= 3) {
      const parts = [...new Set(seg.cutForSearch(text))].filter((p) => p !== text && vocab.frequency(p) > 0);
      if (parts.length > 0) out.push({ tokens: parts, weight: PART_WEIGHT });
    }
    if (!isHan(text)) for (const w of vocab.englishRelatives(text)) out.push({ tokens: [w], weight: PART_WEIGHT });
    return out;
  };

  const understand = (sentence: string, answers: readonly string[] = []): Understanding => {
    const { words, runs, latinWords } = reader.read(sentence);
    const taken = new Array<boolean>(words.length).fill(false);
    const hits = findConcepts(words, taken);

    const slots: Slot[] = [];
    const concepts = new Set<string>();
    for (const h of hits) {
      if (concepts.has(h.concept.id)) continue;
      concepts.add(h.concept.id);
      slots.push(conceptSlot(h.concept, h.said, h.word, h.via));
    }
    for (const a of answers) {
      const [qid, oid] = a.split(':');
      const option = lex.clarify.find((q) => q.id === qid)?.options.find((o) => o.id === oid);
      const concept = option ? conceptById.get(option.concept) : undefined;
      if (!option || !concept || concepts.has(concept.id)) continue;
      concepts.add(concept.id);
      slots.push({ ...conceptSlot(concept, option.label.zh, null), chosen: option.label });
    }

    let fillerDropped = false;
    const unknown: string[] = [];
    const seen = new Set<string>();
    words.forEach((w, i) => {
      if (taken[i]) return;
      if (fillers.has(w.text)) {
        fillerDropped = true;
        return;
      }
      const alternatives = wordAlternatives(w.text);
      if (alternatives.length === 0) unknown.push(w.said);
      else if (!seen.has(w.text)) {
        seen.add(w.text);
        slots.push({ kind: 'word', said: w.said, ...(w.text !== w.said ? { meant: w.text } : {}), ...(w.via ? { via: w.via } : {}), alternatives, weight: isHan(w.text) && [...w.text].length === 1 ? LONE_CHARACTER_WEIGHT : 1 });
      }
    });

    const answered = new Set(answers.map((a) => a.split(':')[0]));
    const clarify = lex.clarify.find((q) => concepts.has(q.when) && !answered.has(q.id) && !q.options.some((o) => o.concept !== q.when && concepts.has(o.concept))) ?? null;
    const lifeEvents = lex.lifeEvents
      .filter((r) => r.when.every((c) => concepts.has(c)) && !r.unless.some((c) => concepts.has(c)))
      .sort((a, b) => b.when.length - a.when.length);
    const everyday = hits.some((h) => vocab.frequency(h.word) <= 0);
    return { slots, concepts, unknown, sentence: fillerDropped || runs > 1 || latinWords > 1 || everyday, clarify, lifeEvents };
  };

  return { understand };
}
