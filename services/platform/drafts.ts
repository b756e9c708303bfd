import { createHmac, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';
import { seal, unseal, type KeyProvider } from './keys';

/** How long a saved form (暂存) is kept for the person to come back with the same card. */
export const DRAFT_DAYS = 7;
const DAY_MS = 86_400_000;

export const draftMigrations: Migration[] = [
  {
    area: 'platform',
    version: 4,
    name: 'drafts',
    // Sealed like the outbox; the holder column is a keyed hash of the ID number, never the number.
    up: (db) =>
      db.exec(`CREATE TABLE platform_drafts (
        draft_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        item_code TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        payload BLOB NOT NULL
      );
      CREATE INDEX platform_drafts_holder ON platform_drafts (holder);`),
  },
];

export interface DraftSummary {
  readonly draftId: string;
  readonly itemCode: string;
  readonly savedAt: string;
  readonly expiresAt: string;
}

interface Row {
  draft_id: string;
  holder: string;
  item_code: string;
  saved_at: string;
  expires_at: number;
  payload: Buffer;
}

const summary = (r: Row): DraftSummary => ({ draftId: r.draft_id, itemCode: r.item_code, savedAt: r.saved_at, expiresAt: new Date(r.expires_at).toISOString() });
const aad = (draftId: string): string => `platform-draft:${draftId}`;

/**
 * Forms a person saved to finish later (暂存), found again by the card they were saved with: sealed
 * with the outbox key (AES-256-GCM), kept at most 7 days, wiped as they are handed back. One draft per
 * person and item: saving again replaces it.
 */
export class DraftStore {
  private readonly stmts;

  constructor(
    private readonly db: Database,
    private readonly keys: KeyProvider,
    private readonly now: () => number = Date.now,
  ) {
    db.pragma('secure_delete = ON');
    this.stmts = {
      insert: db.prepare('INSERT INTO platform_drafts (draft_id, holder, item_code, saved_at, expires_at, payload) VALUES (?, ?, ?, ?, ?, ?)'),
      dropSame: db.prepare('DELETE FROM platform_drafts WHERE holder = ? AND item_code = ?'),
      list: db.prepare('SELECT * FROM platform_drafts WHERE holder = ? AND expires_at > ? ORDER BY saved_at DESC'),
      get: db.prepare('SELECT * FROM platform_drafts WHERE draft_id = ? AND holder = ? AND expires_at > ?'),
      drop: db.prepare('DELETE FROM platform_drafts WHERE draft_id = ?'),
      expire: db.prepare('DELETE FROM platform_drafts WHERE expires_at <= ?'),
      count: db.prepare('SELECT COUNT(*) AS n FROM platform_drafts'),
    };
  }

  /** A keyed hash of the ID number (the key derived from the outbox key): finds a person's drafts without storing who they are. */
  private holder(idNumber: string): string {
    const key = createHmac('sha256', this.keys.outboxKey()).update('platform-draft-holder').digest();
    return createHmac('sha256', key).update(idNumber).digest('hex');
  }

  save(idNumber: string, itemCode: string, content: unknown): DraftSummary {
    this.expire();
    const holder = this.holder(idNumber);
    const draftId = randomUUID();
    const savedAt = new Date(this.now()).toISOString();
    const expiresAt = this.now() + DRAFT_DAYS * DAY_MS;
    const sealed = seal(this.keys.outboxKey(), JSON.stringify(content), aad(draftId));
    this.db.transaction(() => {
      this.stmts.dropSame.run(holder, itemCode);
      this.stmts.insert.run(draftId, holder, itemCode, savedAt, expiresAt, sealed);
    })();
    return { draftId, itemCode, savedAt, expiresAt: new Date(expiresAt).toISOString() };
  }

  list(idNumber: string): DraftSummary[] {
    this.expire();
    return (this.stmts.list.all(this.holder(idNumber), this.now()) as Row[]).map(summary);
  }

  /** Hands a draft back to the person who saved it, and wipes it; null when it is not theirs, expired or gone. */
  take(idNumber: string, draftId: string): { itemCode: string; content: unknown } | null {
    this.expire();
    const row = this.stmts.get.get(draftId, this.holder(idNumber), this.now()) as Row | undefined;
    if (!row) return null;
    this.stmts.drop.run(draftId);
    return { itemCode: row.item_code, content: JSON.parse(unseal(this.keys.outboxKey(), row.payload, aad(draftId))) as unknown };
  }

  /** Wipes what is older than 7 days (at every use, and at start). */
  expire(): number {
    return this.stmts.expire.run(this.now()).changes;
  }

  get size(): number {
    return (this.stmts.count.get() as { n: number }).n;
  }
}
