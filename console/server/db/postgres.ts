import pg from 'pg';
import { withRetry, type Database, type QueryOptions, type Sql } from './database';

export interface PostgresOptions {
  readonly url: string;
  /** A schema of its own (tests share one server); created when missing. */
  readonly schema?: string;
  readonly poolSize?: number;
}

// int8 (counts, identities) as numbers: none of the console's counters comes near 2^53.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A PostgreSQL server (FLEET_DATABASE_URL): several console instances share it. */
export async function openPostgres(o: PostgresOptions): Promise<Database> {
  const schema = o.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const setup = new pg.Client({ connectionString: o.url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  // Options the URL carries (?options=-c search_path=…) are kept: the pools' own are added to them.
  const fromUrl = new URL(o.url).searchParams.get('options') ?? '';
  const options = (extra: string): string => [fromUrl, schema ? `-c search_path=${schema}` : '', extra].filter(Boolean).join(' ');
  const size = o.poolSize ?? 10;
  const pool = new pg.Pool({ connectionString: o.url, max: size, types, options: options('') || undefined });
  // Heartbeats commit without waiting for the disk (see TransactionOptions.relaxed).
  const relaxed = new pg.Pool({ connectionString: o.url, max: size, types, options: options('-c synchronous_commit=off') });
  for (const p of [pool, relaxed]) p.on('error', () => undefined); // an idle client's broken connection is replaced on next use

  const over = (c: pg.Pool | pg.PoolClient): Sql => ({
    query: async <R extends object>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) =>
      (await c.query<R>(options.prepare ? { name: options.prepare, text, values: params as unknown[] } : { text, values: params as unknown[] })).rows,
    exec: async (text) => void (await c.query(text)),
  });
  const transaction = <T>(fn: (tx: Sql) => Promise<T>, opts: { relaxed?: boolean } = {}): Promise<T> =>
    withRetry(async () => {
      const client = await (opts.relaxed ? relaxed : pool).connect();
      try {
        await client.query('BEGIN');
        const out = await fn(over(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    });
  return {
    kind: 'postgres',
    ...over(pool),
    relaxedQuery: over(relaxed).query,
    transaction,
    close: async () => {
      await Promise.all([pool.end(), relaxed.end()]);
    },
  };
}

/** Drops a schema a test created (and everything in it). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}
