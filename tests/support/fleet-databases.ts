import { randomBytes } from 'node:crypto';
import type { Database } from '../../console/server/db/database';
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

export const FLEET_DATABASES: readonly FleetDatabase[] = [
  {
    name: 'pglite',
    available: true,
    open: async () => {
      const db = await openPglite(null);
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
