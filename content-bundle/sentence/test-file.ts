import fs from 'node:fs';
import { z } from 'zod';
import type { SentenceIndex } from './index';

/**
 * A published sentence test file: sentences people type, each with the entries that count as the
 * right answer (item codes, package ids). Operators keep one beside the content and run it against
 * every bundle (`npm run operator -- sentence-test`); the kiosk's development set uses the same format.
 */
export const sentenceTestFile = z.object({
  about: z.string().optional(),
  sentences: z.array(z.object({ text: z.string().min(1).max(100), expect: z.array(z.string().min(1)).min(1) }).strict()).min(1),
});
export type SentenceTestFile = z.infer<typeof sentenceTestFile>;

export const readSentenceTestFile = (file: string): SentenceTestFile => sentenceTestFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

export interface SentenceOutcome {
  readonly text: string;
  readonly expect: readonly string[];
  /** What came back, best first (refs). */
  readonly got: readonly string[];
  /** 1-based rank of the first expected entry; null when it is not among the results. */
  readonly rank: number | null;
  readonly ms: number;
}

export interface SentenceReport {
  readonly outcomes: readonly SentenceOutcome[];
  readonly top1: number;
  readonly top3: number;
  /** Sentences without the right entry in the top `within`. */
  readonly failures: readonly SentenceOutcome[];
}

/** Runs every sentence through the index; a sentence passes when an expected entry is within the top `within` (default 3). */
export function runSentenceTests(index: SentenceIndex, file: SentenceTestFile, within = 3): SentenceReport {
  const outcomes = file.sentences.map((s): SentenceOutcome => {
    const t = process.hrtime.bigint();
    const answer = index.ask(s.text, { limit: Math.max(5, within) });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const got = answer.results.map((r) => r.ref);
    const at = got.findIndex((ref) => s.expect.includes(ref));
    return { text: s.text, expect: s.expect, got, rank: at < 0 ? null : at + 1, ms };
  });
  const share = (n: number) => outcomes.filter((o) => o.rank !== null && o.rank <= n).length / Math.max(1, outcomes.length);
  return { outcomes, top1: share(1), top3: share(3), failures: outcomes.filter((o) => o.rank === null || o.rank > within) };
}
