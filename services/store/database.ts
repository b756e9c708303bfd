import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate, type Migration } from './migrations';

export type { Database };

/**
 * Opens the kiosk's store in WAL mode with FULL sync: a power cut must not lose a write that the
 * user was told about, and WAL keeps readers (search) from blocking the writer (outbox).
 */
export function openStore(dataDir: string, migrations: readonly Migration[], file = 'kiosk.db'): Database {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path.join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed in place: personal data purged from a row is not left in free space.
  db.pragma('secure_delete = ON');
  migrate(db, migrations);
  return db;
}

/**
 * Folds the write-ahead log back into the database and truncates it: rows deleted or overwritten
 * (secure_delete zeroes them in the database) leave no older copy of their pages in the WAL.
 */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Small typed key/value settings on top of the core schema. */
export class SettingsRepository {
  constructor(private readonly db: Database) {}

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, value, new Date().toISOString());
  }
}
