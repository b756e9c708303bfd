import { z } from 'zod';
import { deviceConfigEntry, type DeviceConfigEntry } from '../../contract/api/devices';
import type { Database } from '../store/database';
import type { Migration } from '../store/migrations';

/** Schema of the devices area: one row per configured role. */
export const deviceConfigMigrations: Migration[] = [
  {
    area: 'devices',
    version: 1,
    name: 'device config: role → serial port, baud rate, printer profile',
    up: (db) =>
      db.exec(`CREATE TABLE device_config (
        role TEXT PRIMARY KEY CHECK (role IN ('idReader', 'printer', 'pad', 'scanner')),
        path TEXT NOT NULL,
        baud_rate INTEGER NOT NULL,
        profile_json TEXT,
        updated_at TEXT NOT NULL)`),
  },
];

const row = z.object({ role: z.string(), path: z.string(), baud_rate: z.number(), profile_json: z.string().nullable() });

/** Reads and replaces the device configuration; rows that no longer parse are skipped, not trusted. */
export class DeviceConfigStore {
  constructor(private readonly db: Database) {}

  list(): DeviceConfigEntry[] {
    const rows = z.array(row).parse(this.db.prepare('SELECT role, path, baud_rate, profile_json FROM device_config ORDER BY role').all());
    return rows.flatMap((r) => {
      const parsed = deviceConfigEntry.safeParse({
        role: r.role,
        path: r.path,
        baudRate: r.baud_rate,
        ...(r.profile_json ? { profile: JSON.parse(r.profile_json) as unknown } : {}),
      });
      return parsed.success ? [parsed.data] : [];
    });
  }

  replace(entries: readonly DeviceConfigEntry[]): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM device_config').run();
      const insert = this.db.prepare('INSERT INTO device_config (role, path, baud_rate, profile_json, updated_at) VALUES (?, ?, ?, ?, ?)');
      for (const e of entries) insert.run(e.role, e.path, e.baudRate, e.profile ? JSON.stringify(e.profile) : null, now);
    })();
  }
}
