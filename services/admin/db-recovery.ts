import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { Logger } from '../log/logger';
import { openStore, type Database } from '../store/database';
import type { Migration } from '../store/migrations';

/** What a start found wrong with the database and what it saved; kept for diagnostics. */
export const storeRecovery = z.object({
  rebuiltAt: z.string(),
  problem: z.string(),
  /** Entries still to be sent (pending or parked) carried into the new database. */
  outboxKept: z.number().int(),
  /** Some outbox entries may have been lost (the table or rows in it could not be read). */
  outboxLost: z.boolean(),
});
export type StoreRecovery = z.infer<typeof storeRecovery>;

export const recoveryFile = (dataDir: string): string => path.join(dataDir, 'admin', 'db-recovery.json');

const OUTBOX_COLUMNS = [
  'seq', 'receipt_id', 'kind', 'idempotency_key', 'state', 'attempts', 'next_attempt_at', 'last_error',
  'created_at', 'delivered_at', 'result', 'payload', 'parked_reason', 'refusal_code',
] as const;

/** A row worth keeping: whole, and consistent with the table's own checks (a sealed payload unless delivered). */
const outboxRow = z
  .object({
    seq: z.number().int().positive(),
    receipt_id: z.string().uuid(),
    kind: z.enum(['application', 'evaluation', 'feedback', 'help']),
    idempotency_key: z.string().min(8),
    state: z.enum(['pending', 'delivered', 'dead']),
    attempts: z.number().int().nonnegative(),
    next_attempt_at: z.number().int(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    result: z.string().nullable(),
    payload: z.instanceof(Buffer).nullable(),
    parked_reason: z.enum(['refused', 'gave-up', 'unreadable']).nullable().optional(),
    refusal_code: z.string().nullable().optional(),
  })
  .refine((r) => (r.state === 'delivered' ? r.payload === null : r.payload !== null && r.payload.length > 28));
type OutboxRow = z.infer<typeof outboxRow>;

/** Why the database cannot be used as it is, or null when it is sound. */
function problemOf(file: string): string | null {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    const check = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const first = check[0]?.quick_check ?? 'no answer';
    return first === 'ok' ? null : `quick_check: ${check.slice(0, 3).map((c) => c.quick_check).join('; ')}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    try {
      db?.close();
    } catch {
      // A damaged file may fail to close cleanly; it is moved away next.
    }
  }
}

/**
 * A plain SQLite header for a file whose first 100 bytes were overwritten: the rest of page 1 (the
 * schema) and the other pages may still be readable once SQLite accepts the file again. Journal mode
 * legacy (no WAL needed), freelist dropped (only read), page count from the file size.
 */
function repairedHeader(pageSize: number, pages: number): Buffer {
  const h = Buffer.alloc(100, 0);
  h.write('SQLite format 3\0', 0, 'latin1');
  h.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16);
  h[18] = 1;
  h[19] = 1;
  h[20] = 0;
  h[21] = 64;
  h[22] = 32;
  h[23] = 32;
  h.writeUInt32BE(1, 24);
  h.writeUInt32BE(pages, 28);
  h.writeUInt32BE(1, 40);
  h.writeUInt32BE(4, 44);
  h.writeUInt32BE(1, 56);
  h.writeUInt32BE(1, 92);
  h.writeUInt32BE(3_045_000, 96);
  return h;
}

function readOutbox(file: string): { rows: OutboxRow[]; complete: boolean } | null {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
    // A schema naming pages that are gone (an index cut off) is refused whole otherwise; this is a scratch copy, only read.
    db.pragma('writable_schema = ON');
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'platform_outbox'").get();
  } catch {
    return null;
  }
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'platform_outbox'").get();
    if (!hasTable) return { rows: [], complete: false };
    const columns = new Set((db.prepare('PRAGMA table_info(platform_outbox)').all() as Array<{ name: string }>).map((c) => c.name));
    const select = `SELECT ${OUTBOX_COLUMNS.filter((c) => columns.has(c)).join(', ')} FROM platform_outbox`;
    const keep = (raw: unknown[]): OutboxRow[] => raw.flatMap((r) => {
      const parsed = outboxRow.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
    try {
      const all = db.prepare(`${select} ORDER BY seq`).all();
      const rows = keep(all);
      return { rows, complete: rows.length === all.length };
    } catch {
      // The table's pages are partly unreadable: ask row by row (each lookup touches only its own path).
    }
    let max = 0;
    try {
      max = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'platform_outbox'").get() as { seq: number } | undefined)?.seq ?? 0;
    } catch {
      max = 0;
    }
    if (max === 0) max = 10_000;
    const one = db.prepare(`${select} WHERE seq = ?`);
    const rows: OutboxRow[] = [];
    let failed = false;
    for (let seq = 1; seq <= Math.min(max, 100_000); seq++) {
      try {
        const r = one.get(seq);
        if (r) rows.push(...keep([r]));
      } catch {
        failed = true;
      }
    }
    return { rows, complete: !failed };
  } finally {
    try {
      db.close();
    } catch {
      // Damaged: nothing to flush.
    }
  }
}

/**
 * Reads what it can of the outbox of a damaged file, in every way that may work, and keeps the union
 * (by receipt): as it is, with its write-ahead log (where a power cut leaves the newest commits); with
 * the header's page count set to the pages really there (SQLite refuses a whole file cut short while its
 * header counts more), with and without the log; and with a rebuilt header for each possible page size.
 */
function salvageOutbox(damaged: string, scratch: string, migrations: readonly Migration[]): { rows: OutboxRow[]; complete: boolean } {
  const wal = fs.existsSync(`${damaged}-wal`) ? fs.readFileSync(`${damaged}-wal`) : null;
  const original = fs.readFileSync(damaged);
  const found: Array<{ rows: OutboxRow[]; complete: boolean }> = [];
  let n = 0;
  const read = (bytes: Buffer, withWal: boolean): void => {
    const file = path.join(scratch, `salvage-${n++}.db`);
    fs.writeFileSync(file, bytes);
    if (withWal && wal) fs.writeFileSync(`${file}-wal`, wal);
    const r = readOutbox(file);
    if (r) found.push(r);
  };
  read(original, true);

  const patched = (pageSize: number, header: Buffer | null, withWal: boolean): Buffer => {
    // Pages cut off are given back as zeros up to the count the surviving header recorded: the schema
    // still names them (an index's root page), and only a read that touches one fails.
    const recorded = header ? 0 : original.readUInt32BE(28);
    const pages = Math.max(Math.ceil(original.length / pageSize), recorded <= 1_000_000 ? recorded : 0);
    const bytes = Buffer.concat([original, Buffer.alloc(pages * pageSize - original.length)]);
    if (header) header.copy(bytes, 0);
    bytes.writeUInt32BE(pages, 28);
    // Without its log the copy is read in the legacy journal mode (a WAL-mode file with no log is fine too).
    if (!withWal) {
      bytes[18] = 1;
      bytes[19] = 1;
    }
    return bytes;
  };
  if (original.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
    const raw = original.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize >= 512 && (pageSize & (pageSize - 1)) === 0) {
      if (wal) read(patched(pageSize, null, true), true);
      read(patched(pageSize, null, false), false);
    }
  }
  if (!found.some((f) => f.rows.length > 0)) {
    // The schema itself is lost (its pages cut off or overwritten): a database the same migrations built
    // on an empty file lays out its tables on the same pages, so its schema pages are put in place of the
    // damaged ones and the outbox's own pages read where they are. Rows that are not the outbox's fail
    // the row check and are left out.
    const template = schemaTemplate(scratch, migrations);
    if (template) {
      const pages = Math.max(Math.ceil(original.length / template.pageSize), template.pageCount, original.readUInt32BE(28) <= 1_000_000 ? original.readUInt32BE(28) : 0);
      const grafted = (withWal: boolean): Buffer => {
        const bytes = Buffer.concat([original, Buffer.alloc(pages * template.pageSize - original.length)]);
        for (const p of template.schemaPages) template.bytes.copy(bytes, (p - 1) * template.pageSize, (p - 1) * template.pageSize, p * template.pageSize);
        bytes.writeUInt32BE(pages, 28);
        bytes[18] = withWal ? 2 : 1;
        bytes[19] = withWal ? 2 : 1;
        return bytes;
      };
      // With the log: its frames (the newest commits) lie over the grafted pages, the outbox's included.
      if (wal) read(grafted(true), true);
      read(grafted(false), false);
    }
  }
  if (!found.some((f) => f.rows.length > 0)) {
    for (const pageSize of [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512]) {
      if (original.length < pageSize) continue;
      read(patched(pageSize, repairedHeader(pageSize, Math.ceil(original.length / pageSize)), false), false);
      if (found.some((f) => f.rows.length > 0)) break;
    }
  }
  // The first reading of a receipt wins: the earlier ways read the newer state (with the log).
  const byReceipt = new Map<string, OutboxRow>();
  for (const f of found) for (const r of f.rows) if (!byReceipt.has(r.receipt_id)) byReceipt.set(r.receipt_id, r);
  const rows = [...byReceipt.values()].sort((a, b) => a.seq - b.seq);
  return { rows, complete: found.some((f) => f.complete && f.rows.length === rows.length) };
}

/** An empty database built by the same migrations: its bytes, and which pages hold its schema. */
function schemaTemplate(scratch: string, migrations: readonly Migration[]): { bytes: Buffer; pageSize: number; pageCount: number; schemaPages: number[] } | null {
  try {
    const db = openStore(scratch, migrations, 'template.db');
    const schemaPages = (db.prepare("SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'sqlite_master')").all() as Array<{ pageno: number }>).map((r) => r.pageno);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(path.join(scratch, 'template.db'));
    return { bytes, pageSize, pageCount: bytes.length / pageSize, schemaPages };
  } catch {
    return null;
  }
}

const removeDb = (file: string): void => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
};

/**
 * Opens the kiosk's store; a database damaged by a power cut (truncated, or garbage written over it)
 * does not keep the kiosk from starting. Its outbox entries that can still be read (sealed, as they
 * were) are carried into a new database built from the migrations; everything else is rebuilt from
 * what the kiosk has on its own (embedded content, the drivers' defaults). The damaged file is then
 * deleted: it holds sealed personal data nobody would look after.
 */
export interface OpenedStore {
  readonly db: Database;
  /** The last rebuild this data directory went through (this start or an earlier one), for diagnostics. */
  readonly recovery: StoreRecovery | null;
  /** This start found the database damaged and rebuilt it. */
  readonly rebuiltNow: boolean;
}

export function openStoreWithRecovery(dataDir: string, migrations: readonly Migration[], log: Logger, file = 'kiosk.db'): OpenedStore {
  const dbFile = path.join(dataDir, file);
  const problem = fs.existsSync(dbFile) ? problemOf(dbFile) : null;
  if (problem === null) {
    try {
      return { db: openStore(dataDir, migrations, file), recovery: readRecovery(dataDir), rebuiltNow: false };
    } catch (err) {
      // Sound by quick_check but unusable (a migration hits a damaged page): rebuild all the same.
      return rebuild(dataDir, dbFile, migrations, log, file, err instanceof Error ? err.message : String(err));
    }
  }
  return rebuild(dataDir, dbFile, migrations, log, file, problem);
}

function rebuild(dataDir: string, dbFile: string, migrations: readonly Migration[], log: Logger, file: string, problem: string): OpenedStore {
  log.error('database damaged: rebuilding it, keeping the outbox entries that can be read', { problem });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-salvage-'));
  let salvaged: { rows: OutboxRow[]; complete: boolean };
  try {
    salvaged = salvageOutbox(dbFile, scratch, migrations);
  } catch (err) {
    log.error('outbox salvage failed', { error: err instanceof Error ? err.message : String(err) });
    salvaged = { rows: [], complete: false };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  removeDb(dbFile);
  const db = openStore(dataDir, migrations, file);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO platform_outbox (${OUTBOX_COLUMNS.join(', ')}) VALUES (${OUTBOX_COLUMNS.map(() => '?').join(', ')})`,
  );
  let kept = 0;
  db.transaction(() => {
    for (const r of salvaged.rows) {
      // Delivered rows are history (no payload left): kept, but what counts is what still waits to be sent.
      if (r.state !== 'delivered') kept += 1;
      insert.run(
        r.seq, r.receipt_id, r.kind, r.idempotency_key, r.state, r.attempts, r.next_attempt_at, r.last_error,
        r.created_at, r.delivered_at, r.result, r.payload, r.parked_reason ?? null, r.refusal_code ?? null,
      );
    }
  })();
  const recovery: StoreRecovery = { rebuiltAt: new Date().toISOString(), problem: problem.slice(0, 300), outboxKept: kept, outboxLost: !salvaged.complete };
  fs.mkdirSync(path.dirname(recoveryFile(dataDir)), { recursive: true, mode: 0o700 });
  fs.writeFileSync(recoveryFile(dataDir), JSON.stringify(recovery), { mode: 0o600 });
  log.warn('database rebuilt', { outboxKept: kept, outboxLost: recovery.outboxLost });
  return { db, recovery, rebuiltNow: true };
}

/** The last rebuild, for diagnostics (until a technician clears it with a successful start after reading it). */
export function readRecovery(dataDir: string): StoreRecovery | null {
  try {
    return storeRecovery.parse(JSON.parse(fs.readFileSync(recoveryFile(dataDir), 'utf8')));
  } catch {
    return null;
  }
}
