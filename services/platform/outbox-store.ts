import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Migration } from '../store/migrations';
import { seal, unseal, type KeyProvider } from './keys';

/** Kinds of write that go through the outbox; each kind is delivered in order. */
export type OutboxKind = 'application' | 'evaluation' | 'feedback' | 'help' | 'ticket';
export const OUTBOX_KINDS: readonly OutboxKind[] = ['application', 'evaluation', 'feedback', 'help', 'ticket'];

export type OutboxState = 'pending' | 'delivered' | 'dead';

/**
 * Why an entry was parked as a dead letter: the platform refused it for good (a permanent 4xx,
 * it will never be accepted as it is), temporary failures went on for too many attempts, or the
 * sealed write could not be decrypted. Only `refused` is the platform's verdict on the write.
 */
export type ParkedReason = 'refused' | 'gave-up' | 'unreadable';

export interface OutboxEntry {
  readonly seq: number;
  readonly receiptId: string;
  readonly kind: OutboxKind;
  readonly idempotencyKey: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  /** Non-personal part of the platform's answer, e.g. { applicationNumber, promisedDate }. */
  readonly result: Record<string, unknown> | null;
  /** Set while the entry is a dead letter. */
  readonly parkedReason: ParkedReason | null;
  /** The platform's error code of a refusal (e.g. `enterprise-not-active`), when it gave one. */
  readonly refusalCode: string | null;
  /** An application's slip number (暂存凭条; the key to reprint its receipt at any kiosk). */
  readonly slipNumber: string | null;
}

interface Row {
  seq: number;
  receipt_id: string;
  kind: OutboxKind;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  result: string | null;
  payload: Buffer | null;
  parked_reason: ParkedReason | null;
  refusal_code: string | null;
  slip_number: string | null;
}

export const outboxMigrations: Migration[] = [
  {
    area: 'platform',
    version: 1,
    name: 'outbox',
    up: (db) =>
      db.exec(`CREATE TABLE platform_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        receipt_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        result TEXT,
        -- AES-256-GCM sealed JSON of the write; NULL once delivered (personal data purged)
        payload BLOB,
        CHECK (state <> 'delivered' OR payload IS NULL),
        CHECK (state = 'delivered' OR payload IS NOT NULL)
      );
      CREATE INDEX platform_outbox_queue ON platform_outbox (kind, state, seq);`),
  },
  {
    area: 'platform',
    version: 2,
    name: 'outbox-parked-reason',
    // A refusal must reach the person as a refusal, not as "will be sent": keep why, not just that.
    up: (db) =>
      db.exec(`ALTER TABLE platform_outbox ADD COLUMN parked_reason TEXT CHECK (parked_reason IN ('refused', 'gave-up', 'unreadable'));
      ALTER TABLE platform_outbox ADD COLUMN refusal_code TEXT;
      UPDATE platform_outbox SET parked_reason = 'gave-up' WHERE state = 'dead';`),
  },
  {
    area: 'platform',
    version: 3,
    name: 'outbox-slip-number',
    // A queued filing gets a slip the person keeps; the slip finds its receipt once delivered.
    up: (db) =>
      db.exec(`ALTER TABLE platform_outbox ADD COLUMN slip_number TEXT;
      CREATE UNIQUE INDEX platform_outbox_slip ON platform_outbox (slip_number) WHERE slip_number IS NOT NULL;`),
  },
];

const toEntry = (r: Row): OutboxEntry => ({
  seq: r.seq,
  receiptId: r.receipt_id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
  result: r.result ? (JSON.parse(r.result) as Record<string, unknown>) : null,
  parkedReason: r.parked_reason,
  refusalCode: r.refusal_code,
  slipNumber: r.slip_number ?? null,
});

const aad = (receiptId: string, kind: string): string => `platform-outbox:${kind}:${receiptId}`;

/**
 * The durable outbox: a write is sealed and committed here (one INSERT under synchronous=FULL)
 * before the user is told it was received. Personal data exists on disk only sealed, and only
 * until delivery.
 */
export class OutboxStore {
  private readonly stmts;

  constructor(
    private readonly db: Database,
    private readonly keys: KeyProvider,
  ) {
    // Freed pages are zeroed, so a purged payload leaves no ciphertext behind in the file.
    db.pragma('secure_delete = ON');
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO platform_outbox (receipt_id, kind, idempotency_key, state, created_at, payload, slip_number)
         VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      ),
      lastSlip: db.prepare(`SELECT slip_number FROM platform_outbox WHERE slip_number LIKE ? ORDER BY slip_number DESC LIMIT 1`),
      bySlip: db.prepare('SELECT * FROM platform_outbox WHERE slip_number = ?'),
      pendingOf: db.prepare(`SELECT * FROM platform_outbox WHERE kind = ? AND state = 'pending' ORDER BY seq`),
      head: db.prepare(`SELECT * FROM platform_outbox WHERE kind = ? AND state = 'pending' ORDER BY seq LIMIT 1`),
      byReceipt: db.prepare('SELECT * FROM platform_outbox WHERE receipt_id = ?'),
      delivered: db.prepare(
        `UPDATE platform_outbox SET state = 'delivered', payload = NULL, delivered_at = ?, result = ?, attempts = attempts + 1, last_error = NULL
         WHERE seq = ? AND state = 'pending'`,
      ),
      failed: db.prepare(
        `UPDATE platform_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, state = ?, parked_reason = ?, refusal_code = ?
         WHERE seq = ? AND state = 'pending'`,
      ),
      requeue: db.prepare(
        `UPDATE platform_outbox SET state = 'pending', attempts = 0, next_attempt_at = 0, parked_reason = NULL, refusal_code = NULL
         WHERE receipt_id = ? AND state = 'dead'`,
      ),
      discard: db.prepare(`DELETE FROM platform_outbox WHERE receipt_id = ? AND state = 'dead'`),
      depth: db.prepare(`SELECT state, COUNT(*) AS n FROM platform_outbox WHERE state <> 'delivered' GROUP BY state`),
      dead: db.prepare(`SELECT * FROM platform_outbox WHERE state = 'dead' ORDER BY seq`),
      pendingByKind: db.prepare(`SELECT kind, COUNT(*) AS n, MIN(created_at) AS oldest FROM platform_outbox WHERE state = 'pending' GROUP BY kind`),
      prune: db.prepare(`DELETE FROM platform_outbox WHERE state = 'delivered' AND delivered_at < ?`),
    };
  }

  /** Seals and commits one write; returns once it is durable. */
  enqueue(kind: OutboxKind, payload: unknown, options: { slipNumber?: string } = {}): { receiptId: string; idempotencyKey: string } {
    const receiptId = randomUUID();
    const idempotencyKey = randomUUID();
    const sealed = seal(this.keys.outboxKey(), JSON.stringify(payload), aad(receiptId, kind));
    this.stmts.insert.run(receiptId, kind, idempotencyKey, new Date().toISOString(), sealed, options.slipNumber ?? null);
    return { receiptId, idempotencyKey };
  }

  /** The highest slip number starting with `prefix` (a kiosk's slips of one day). */
  lastSlip(prefix: string): string | null {
    return (this.stmts.lastSlip.get(`${prefix}%`) as { slip_number: string } | undefined)?.slip_number ?? null;
  }

  bySlip(slipNumber: string): OutboxEntry | null {
    const row = this.stmts.bySlip.get(slipNumber) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Entries of a kind still waiting, with their payloads (unreadable ones left out): what this kiosk holds back. */
  pending(kind: OutboxKind): Array<{ entry: OutboxEntry; payload: unknown }> {
    return (this.stmts.pendingOf.all(kind) as Row[]).flatMap((row) => {
      if (!row.payload) return [];
      try {
        return [{ entry: toEntry(row), payload: JSON.parse(unseal(this.keys.outboxKey(), row.payload, aad(row.receipt_id, row.kind))) as unknown }];
      } catch {
        return [];
      }
    });
  }

  /** The oldest pending entry of a kind (deliveries of a kind keep their order), with its payload. */
  head(kind: OutboxKind): { entry: OutboxEntry; payload: unknown } | { entry: OutboxEntry; unreadable: string } | null {
    const row = this.stmts.head.get(kind) as Row | undefined;
    if (!row || !row.payload) return null;
    try {
      return { entry: toEntry(row), payload: JSON.parse(unseal(this.keys.outboxKey(), row.payload, aad(row.receipt_id, row.kind))) };
    } catch (e) {
      // A lost or replaced key file: the entry cannot be sent, but must not block its kind.
      return { entry: toEntry(row), unreadable: e instanceof Error ? e.message : String(e) };
    }
  }

  get(receiptId: string): OutboxEntry | null {
    const row = this.stmts.byReceipt.get(receiptId) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  /** Marks delivered and purges the sealed payload in the same statement. */
  markDelivered(seq: number, result: Record<string, unknown>): boolean {
    return this.stmts.delivered.run(new Date().toISOString(), JSON.stringify(result), seq).changes === 1;
  }

  /** Records a failed attempt; with `parked` the entry becomes a dead letter for that reason. */
  markFailed(seq: number, error: string, nextAttemptAt: number, parked: { reason: ParkedReason; refusalCode?: string } | null): void {
    this.stmts.failed.run(error, nextAttemptAt, parked ? 'dead' : 'pending', parked?.reason ?? null, parked?.refusalCode ?? null, seq);
  }

  /** Technician action: puts a dead letter back in line. */
  requeue(receiptId: string): boolean {
    return this.stmts.requeue.run(receiptId).changes === 1;
  }

  /**
   * Technician action, after confirming: drops a dead letter for good (the write will never be sent);
   * secure_delete zeroes its sealed payload in the file.
   */
  discard(receiptId: string): boolean {
    return this.stmts.discard.run(receiptId).changes === 1;
  }

  counts(): { pending: number; dead: number } {
    const out = { pending: 0, dead: 0 };
    for (const r of this.stmts.depth.all() as Array<{ state: 'pending' | 'dead'; n: number }>) out[r.state] = r.n;
    return out;
  }

  deadLetters(): OutboxEntry[] {
    return (this.stmts.dead.all() as Row[]).map(toEntry);
  }

  pendingByKind(): Array<{ kind: OutboxKind; n: number; oldest: string }> {
    return this.stmts.pendingByKind.all() as Array<{ kind: OutboxKind; n: number; oldest: string }>;
  }

  /** Forgets delivered entries (already free of personal data) older than `days`. */
  pruneDelivered(days: number): number {
    return this.stmts.prune.run(new Date(Date.now() - days * 86_400_000).toISOString()).changes;
  }
}
