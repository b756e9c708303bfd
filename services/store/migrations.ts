import type { Database } from 'better-sqlite3';

/**
 * A numbered schema change owned by one area of the product (core, content, outbox …).
 * Versions are per area, so areas add migrations without renumbering each other's.
 */
export interface Migration {
  readonly area: string;
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}

const ensureLedger = (db: Database): void => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    area TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
    PRIMARY KEY (area, version))`);
};

export const appliedVersion = (db: Database, area: string): number => {
  ensureLedger(db);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE area = ?').get(area) as
    | { v: number | null }
    | undefined;
  return row?.v ?? 0;
};

/** Applies every migration newer than the store's, each in its own transaction; returns what ran. */
export function migrate(db: Database, migrations: readonly Migration[]): Migration[] {
  ensureLedger(db);
  const byArea = new Map<string, Migration[]>();
  for (const m of migrations) byArea.set(m.area, [...(byArea.get(m.area) ?? []), m]);
  const ran: Migration[] = [];
  for (const [area, list] of byArea) {
    const sorted = [...list].sort((a, b) => a.version - b.version);
    sorted.forEach((m, i) => {
      if (m.version !== i + 1) throw new Error(`migrations of ${area} must be numbered 1..n, found ${m.version} at ${i + 1}`);
    });
    const current = appliedVersion(db, area);
    for (const m of sorted.filter((x) => x.version > current)) {
      db.transaction(() => {
        m.up(db);
        db.prepare('INSERT INTO schema_migrations (area, version, name, applied_at) VALUES (?, ?, ?, ?)').run(
          area,
          m.version,
          m.name,
          new Date().toISOString(),
        );
      })();
      ran.push(m);
    }
  }
  return ran;
}
