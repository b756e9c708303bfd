import type { Migration } from './migrations';

/** Schema of the kiosk's own settings. */
export const coreMigrations: Migration[] = [
  {
    area: 'core',
    version: 1,
    name: 'settings',
    up: (db) => db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
  },
  {
    area: 'core',
    version: 2,
    name: 'settings-updated-at',
    up: (db) => {
      db.exec("ALTER TABLE settings ADD COLUMN updated_at TEXT NOT NULL DEFAULT ''");
      db.exec("UPDATE settings SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    },
  },
];
