/**
 * The console's one way to the database, the same for the embedded PostgreSQL (PGlite) and a
 * PostgreSQL server: one SQL dialect, parameters as $1…, timestamps as Date, int8 as number.
 */
export interface QueryOptions {
  /**
   * A statement the server keeps planned under this name (per connection): for the few statements
   * every heartbeat runs, whose planning would otherwise cost more than their execution.
   */
  readonly prepare?: string;
}

export interface Sql {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Commit without waiting for the write-ahead log to reach the disk: for heartbeats only, whose loss
   * in a database crash costs one beat (the kiosk sends the next a minute later), never for commands,
   * rollouts, sessions or the audit log.
   */
  readonly relaxed?: boolean;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** A single statement with the durability of `relaxed` transactions. */
  relaxedQuery<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  close(): Promise<void>;
}

/** Errors after which the whole transaction may simply run again. */
export const isRetryable = (err: unknown): boolean => {
  const code = (err as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01';
};

export async function withRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
    }
  }
}
