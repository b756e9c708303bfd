import { z } from 'zod';
import { localText } from '../../content-bundle/model';
import { method } from './define';

/** One entry offered for a sentence, with the reasons shown under its name. */
export const askResult = z.object({
  kind: z.enum(['item', 'package']),
  /** Item code or package id: always an entry of the installed catalogue. */
  ref: z.string(),
  name: localText,
  /** The item's guided flow (情形引导), when it has one. */
  flowId: z.string().nullable(),
  why: z.array(localText).min(1),
  /** Put first because the sentence is a life event the package covers (一件事). */
  lifeEvent: z.boolean(),
});
export type AskResult = z.infer<typeof askResult>;

export const askAnswer = z.object({
  /** What was typed reads as a sentence rather than a catalogue word (the search screen then shows this answer). */
  sentence: z.boolean(),
  results: z.array(askResult),
  /** A question asked back when the sentence is ambiguous; an option's id goes back in `answers`. */
  clarify: z.object({ id: z.string(), question: localText, options: z.array(z.object({ id: z.string(), label: localText })).min(2) }).nullable(),
  /** offline: the kiosk's own ranking; assistant: reordered by the hall's language model; keywords: the keyword search's hits. */
  via: z.enum(['offline', 'assistant', 'keywords']),
  found: z.boolean(),
});
export type AskAnswer = z.infer<typeof askAnswer>;

export const unfoundSentence = z.object({ seq: z.number().int(), text: z.string(), count: z.number().int(), firstAt: z.string(), lastAt: z.string() });

/** Sentence methods of the content area (merged into `contentApi`). */
export const askApi = {
  /**
   * 智能导办: a sentence in the person's own words → catalogue items and packages with why. `record`:
   * the person submitted it (not typing), so a sentence that finds nothing is kept, scrubbed, for operators.
   */
  'content.ask': method(
    z.object({
      sentence: z.string().max(200),
      answers: z.array(z.string().max(120)).max(4).default([]),
      record: z.boolean().default(false),
      limit: z.number().int().min(1).max(10).default(5),
    }),
    askAnswer,
  ),
  /** Technician (and fleet console): the sentences that found nothing, after a seq, oldest first. */
  'content.unfoundSentences': method(
    z.object({ after: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    z.object({ sentences: z.array(unfoundSentence), next: z.number().int(), retention: z.object({ maxEntries: z.number().int(), maxDays: z.number().int() }) }),
  ),
};
