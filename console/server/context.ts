import type { Clock } from './clock';
import type { ConsoleConfig } from './config';
import type { Database } from './db/database';
import type { ConsoleLog } from './log';

/** What every part of the console server works with. Nothing else is kept between requests. */
export interface ConsoleContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly config: ConsoleConfig;
  readonly log: ConsoleLog;
}

/** The console's clock as a Date (every time the SQL sees is one of these, never the database's now()). */
export const nowDate = (ctx: Pick<ConsoleContext, 'clock'>): Date => new Date(ctx.clock.now());
