import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { coreMigrations } from '../../../services/store/core-migrations';
import { openStore, SettingsRepository } from '../../../services/store/database';
import { appliedVersion, migrate, type Migration } from '../../../services/store/migrations';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('store and migrations', () => {
  it('opens in WAL mode with full sync so a power cut does not lose acknowledged writes', () => {
    const db = openStore(tempDir(), coreMigrations);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('migrates a store left at an old schema version and keeps its data', () => {
    const dir = tempDir();
    // A kiosk that ran an older build: only migration 1 of 'core' applied, with a setting saved.
    const old = new BetterSqlite3(path.join(dir, 'kiosk.db'));
    migrate(old, coreMigrations.slice(0, 1));
    old.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('kioskId', 'kiosk-nanhai-01');
    expect(appliedVersion(old, 'core')).toBe(1);
    old.close();

    const db = openStore(dir, coreMigrations);
    expect(appliedVersion(db, 'core')).toBe(coreMigrations.length);
    const settings = new SettingsRepository(db);
    expect(settings.get('kioskId')).toBe('kiosk-nanhai-01');
    const row = db.prepare("SELECT updated_at FROM settings WHERE key = 'kioskId'").get() as { updated_at: string };
    expect(row.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    db.close();
  });

  it('runs each migration once, per area, and refuses gaps in numbering', () => {
    const db = new BetterSqlite3(':memory:');
    const calls: string[] = [];
    const m = (area: string, version: number): Migration => ({
      area,
      version,
      name: `${area}-${version}`,
      up: () => calls.push(`${area}-${version}`),
    });
    migrate(db, [m('a', 1), m('b', 1), m('a', 2)]);
    migrate(db, [m('a', 1), m('b', 1), m('a', 2)]);
    expect(calls).toEqual(['a-1', 'a-2', 'b-1']);
    expect(() => migrate(db, [m('c', 1), m('c', 3)])).toThrow(/numbered 1..n/);
  });

  it('rolls back a migration that fails halfway, leaving the version unchanged', () => {
    const db = new BetterSqlite3(':memory:');
    const broken: Migration = {
      area: 'x',
      version: 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE t (a INTEGER)');
        throw new Error('disk full');
      },
    };
    expect(() => migrate(db, [broken])).toThrow('disk full');
    expect(appliedVersion(db, 'x')).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
  });
});
