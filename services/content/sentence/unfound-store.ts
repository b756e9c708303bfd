import type { Database } from '../../store/database';
import type { Migration } from '../../store/migrations';

export const unfoundSentenceMigrations: Migration[] = [
  {
    area: 'content-sentences',
    version: 1,
    name: 'unfound sentences',
    // `seq` grows on every write, so a reader that remembers the last seq it saw gets new and repeated sentences.
    up: (db) => db.exec('CREATE TABLE unfound_sentences (text TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, count INTEGER NOT NULL, first_at TEXT NOT NULL, last_at TEXT NOT NULL)'),
  },
];

/** How much is kept: the newest sentences, none older than this. */
export const UNFOUND_RETENTION = { maxEntries: 500, maxDays: 90 } as const;

export interface UnfoundSentence {
  readonly seq: number;
  readonly text: string;
  readonly count: number;
  readonly firstAt: string;
  readonly lastAt: string;
}

/**
 * Sentences people typed that found nothing, already scrubbed of personal data, kept in the kiosk's
 * store so that operators can grow the lexicon from real use: one row per distinct sentence with a
 * count, bounded by UNFOUND_RETENTION (the oldest go first).
 */
export class UnfoundSentences {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(text: string): void {
    const at = this.now().toISOString();
    const cutoff = new Date(this.now().getTime() - UNFOUND_RETENTION.maxDays * 86_400_000).toISOString();
    this.db.transaction(() => {
      const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM unfound_sentences').pluck().get() as number);
      this.db
        .prepare(
          `INSERT INTO unfound_sentences (text, seq, count, first_at, last_at) VALUES (@text, @seq, 1, @at, @at)
           ON CONFLICT (text) DO UPDATE SET seq = @seq, count = count + 1, last_at = @at`,
        )
        .run({ text, seq, at });
      this.db.prepare('DELETE FROM unfound_sentences WHERE last_at < ?').run(cutoff);
      this.db.prepare('DELETE FROM unfound_sentences WHERE seq <= (SELECT seq FROM unfound_sentences ORDER BY seq DESC LIMIT 1 OFFSET ?)').run(UNFOUND_RETENTION.maxEntries);
    })();
  }

  /** Sentences written after `after` (a seq), oldest first; `next` is the seq to ask after next time. */
  list(after: number, limit: number): { sentences: UnfoundSentence[]; next: number } {
    const rows = this.db
      .prepare('SELECT seq, text, count, first_at AS firstAt, last_at AS lastAt FROM unfound_sentences WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(after, limit) as UnfoundSentence[];
    return { sentences: rows, next: rows.at(-1)?.seq ?? after };
  }
}
