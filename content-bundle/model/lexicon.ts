import { z } from 'zod';
import { contentId, localText } from './text';

/**
 * A word as people type it: lower case (English), no spaces, no punctuation. Chinese words are
 * matched inside a sentence; English words are matched as whole words (after removing a plural
 * or -ing/-ed ending, so "moving" is "move").
 */
export const lexiconWord = z
  .string()
  .min(1)
  .max(16)
  .regex(/^[\p{Script=Han}a-z0-9]+$/u, 'Chinese characters or lower-case letters and digits, no spaces');

/**
 * A concept: everyday words that mean one thing of the catalogue (奶茶店, 饭馆, 小吃 → 餐饮服务).
 * `terms` are catalogue words the concept stands for, looked up in item names, keywords, guide
 * text and FAQ; `items` and `packages` point at entries directly when no catalogue word says it.
 */
export const lexiconConcept = z
  .object({
    id: contentId,
    /** What the concept is called when the kiosk says why: 您说的“奶茶店”属于<label>. */
    label: localText,
    words: z.array(lexiconWord).min(1),
    terms: z.array(z.string().min(1).max(24)).default([]),
    items: z.array(z.string()).default([]),
    packages: z.array(contentId).default([]),
    /**
     * How much the concept counts in the ranking (1 = as much as a word of the catalogue). Context
     * concepts such as 公司 or 开 say little about which item fits alone, so they count less.
     */
    weight: z.number().min(0).max(3).default(1),
  })
  .strict();
export type LexiconConcept = z.infer<typeof lexiconConcept>;

/** A life event: when every concept of `when` was said (and none of `unless`), the package comes first. */
export const lifeEventRule = z
  .object({
    id: contentId,
    /** The event in a few words: 开办餐饮店 · opening a restaurant. */
    label: localText,
    when: z.array(contentId).min(1),
    unless: z.array(contentId).default([]),
    package: contentId,
  })
  .strict();
export type LifeEventRule = z.infer<typeof lifeEventRule>;

/**
 * A question asked back when a concept alone is ambiguous (开店: 卖吃的 / 理发美容 / 卖药 / 其他):
 * it is asked while none of its options' concepts was said, and a tapped option counts as said.
 */
export const clarifyQuestion = z
  .object({
    id: contentId,
    when: contentId,
    question: localText,
    options: z.array(z.object({ id: contentId, label: localText, concept: contentId }).strict()).min(2).max(6),
  })
  .strict();
export type ClarifyQuestion = z.infer<typeof clarifyQuestion>;

/** The domain lexicon operators author in content (`lexicon.json`); checked at bundle build. */
export const lexicon = z
  .object({
    /** Words that carry no meaning for finding an item, beyond the kiosk's own list (我想, 怎么办 …). */
    fillers: z.array(lexiconWord).default([]),
    concepts: z.array(lexiconConcept).default([]),
    lifeEvents: z.array(lifeEventRule).default([]),
    clarify: z.array(clarifyQuestion).default([]),
  })
  .strict();
export type Lexicon = z.infer<typeof lexicon>;
export type LexiconInput = z.input<typeof lexicon>;
