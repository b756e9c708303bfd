import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../console/server/db/database';
import { migrate, migrationFiles } from '../../console/server/db/migrate';
import { openPglite } from '../../console/server/db/pglite';
import { dropSchema, openPostgres } from '../../console/server/db/postgres';

/**
 * The databases the fleet suite runs against: the embedded PGlite always, and the PostgreSQL server
 * named by FLEET_TEST_DATABASE_URL (`.ci/run` installs, starts and exports it). Without that variable
 * the PostgreSQL variant is skipped with a message; with FLEET_TEST_REQUIRE_POSTGRES=1 (CI) its absence
 * fails the run instead, so CI can never skip it silently.
 */
export interface FleetDatabase {
  readonly name: 'pglite' | 'postgres';
  readonly available: boolean;
  /** A fresh, empty database (a schema of its own on the server), and how to drop it. */
  open(): Promise<{ db: Database; url: string | null; schema: string | null; drop(): Promise<void> }>;
}

export const postgresUrl = process.env.FLEET_TEST_DATABASE_URL ?? null;
const required = process.env.FLEET_TEST_REQUIRE_POSTGRES === '1';
if (!postgresUrl) {
  if (required) throw new Error('FLEET_TEST_REQUIRE_POSTGRES=1 but FLEET_TEST_DATABASE_URL is not set: the fleet suite must run against PostgreSQL here');
  console.warn('fleet tests: the PostgreSQL variant is skipped (FLEET_TEST_DATABASE_URL is not set; .ci/run sets it)');
}

/**
 * A migrated, empty PGlite as a tarball, made once per machine and migration set: starting from it
 * skips initdb (about 2 s instead of 5–20 s on two busy cores).
 */
async function pgliteSnapshot(): Promise<Blob> {
  const pglite = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256').update(pglite.version).update(JSON.stringify(migrationFiles())).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `fleet-pglite-${hash}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const db = await openPglite(null);
  await migrate(db, new Date());
  const blob = await db.dump();
  await db.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return blob;
}

export const FLEET_DATABASES: readonly FleetDatabase[] = [
  {
    name: 'pglite',
    available: true,
    open: async () => {
      const db = await openPglite(null, { snapshot: await pgliteSnapshot() });
      return { db, url: null, schema: null, drop: () => db.close() };
    },
  },
  {
    name: 'postgres',
    available: postgresUrl !== null,
    open: async () => {
      const schema = `fleet_test_${randomBytes(6).toString('hex')}`;
      const db = await openPostgres({ url: postgresUrl!, schema });
      return {
        db,
        url: postgresUrl,
        schema,
        drop: async () => {
          await db.close();
          await dropSchema(postgresUrl!, schema);
        },
      };
    },
  },
];
