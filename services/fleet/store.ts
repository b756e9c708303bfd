import type { Database } from '../store/database';
import type { Migration } from '../store/migrations';
import { reportMigrations } from './reports';

/** What the kiosk keeps of the commands it was given: each runs once, and its result is reported until the console took it. */
export const fleetMigrations: Migration[] = [
  {
    area: 'fleet',
    version: 1,
    name: 'commands',
    up: (db) =>
      db.exec(`CREATE TABLE fleet_commands (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        received_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
        detail TEXT,
        reported INTEGER NOT NULL DEFAULT 0
      )`),
  },
  ...reportMigrations,
];

export interface CommandRecord {
  readonly id: string;
  readonly kind: string;
  readonly expiresAt: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly detail: string | null;
}

export class FleetCommandStore {
  constructor(private readonly db: Database) {}

  /** Records a command the first time it is seen; false when it was seen before (it must not run again). */
  take(id: string, kind: string, expiresAt: string, now: Date): boolean {
    const r = this.db
      .prepare(`INSERT INTO fleet_commands (id, kind, received_at, expires_at, state) VALUES (?, ?, ?, ?, 'running') ON CONFLICT (id) DO NOTHING`)
      .run(id, kind, now.toISOString(), expiresAt);
    return r.changes === 1;
  }

  finish(id: string, state: 'done' | 'failed', detail: string): void {
    this.db.prepare('UPDATE fleet_commands SET state = ?, detail = ? WHERE id = ?').run(state, detail, id);
  }

  reported(id: string): void {
    this.db.prepare('UPDATE fleet_commands SET reported = 1 WHERE id = ?').run(id);
  }

  /** Finished commands whose result the console has not acknowledged yet. */
  unreported(): CommandRecord[] {
    return (
      this.db.prepare(`SELECT id, kind, expires_at, state, detail FROM fleet_commands WHERE reported = 0 AND state <> 'running' ORDER BY received_at`).all() as Array<{
        id: string;
        kind: string;
        expires_at: string;
        state: 'done' | 'failed';
        detail: string | null;
      }>
    ).map((r) => ({ id: r.id, kind: r.kind, expiresAt: r.expires_at, state: r.state, detail: r.detail }));
  }

  /** A command interrupted by a restart never finished: it failed. */
  failInterrupted(): void {
    this.db.prepare(`UPDATE fleet_commands SET state = 'failed', detail = 'interrupted by a restart of the kiosk' WHERE state = 'running'`).run();
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM fleet_commands').get() as { n: number }).n;
  }

  prune(before: Date): void {
    this.db.prepare('DELETE FROM fleet_commands WHERE reported = 1 AND received_at < ?').run(before.toISOString());
  }
}
