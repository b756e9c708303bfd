import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface MigrationFile {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** `NNN-name.sql`, numbered 1..n without gaps: the one set both databases run. */
export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const m = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(f);
      if (!m) throw new Error(`migration file ${f} is not named NNN-name.sql`);
      return { version: Number(m[1]), name: m[2]!, sql: fs.readFileSync(path.join(dir, f), 'utf8') };
    });
  files.forEach((f, i) => {
    if (f.version !== i + 1) throw new Error(`migrations must be numbered 1..n; found ${f.version} at ${i + 1}`);
  });
  return files;
}

// Any fixed number: instances starting together take turns on it (per database).
const MIGRATION_LOCK = 7_160_016;

/**
 * Applies the migrations the database lacks, all in one transaction under an advisory lock, so
 * two console instances starting at once against one PostgreSQL never both apply one.
 */
export async function migrate(db: Database, now: Date, files = migrationFiles()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('CREATE TABLE IF NOT EXISTS console_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)');
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM console_migrations')).map((r) => r.version));
    const ran: number[] = [];
    for (const f of files) {
      if (applied.has(f.version)) continue;
      await tx.exec(f.sql);
      await tx.query('INSERT INTO console_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [f.version, f.name, now]);
      ran.push(f.version);
    }
    return ran;
  });
}
