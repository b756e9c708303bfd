import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Sql } from './database';

export interface PgliteDatabase extends Database {
  /** The whole database as a tarball, to start another one from (tests: a migrated snapshot). */
  dump(): Promise<Blob>;
}

/**
 * The embedded PostgreSQL: the console needs nothing installed. In a directory it keeps its data
 * across restarts; without one it lives in memory (tests). One connection, so transactions queue.
 */
export async function openPglite(dataDir: string | null, options: { snapshot?: Blob } = {}): Promise<PgliteDatabase> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A snapshot (`dump()` of another) skips initdb, most of an in-memory start (tests start many).
  const db = new PGlite({ ...(dataDir ? { dataDir } : {}), ...(options.snapshot ? { loadDataDir: options.snapshot } : {}) });
  await db.waitReady;
  const over = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    query: async <R extends object>(text: string, params: readonly unknown[] = []) => (await q.query<R>(text, [...params])).rows,
    exec: async (text) => void (await q.exec(text)),
  });
  const sql = over(db);
  return {
    kind: 'pglite',
    ...sql,
    relaxedQuery: sql.query,
    transaction: (fn) => db.transaction((tx) => fn(over(tx))),
    close: () => db.close(),
    dump: async () => db.dumpDataDir('none'),
  };
}
