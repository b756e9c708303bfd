import { HEALTH_RANK } from '../../shared/problems';
import type { ConsoleContext } from '../context';
import { raiseAlerts } from './alerts';
import { expireCommands } from './commands';
import { addEvents } from './events';
import { downsampleHistory } from './history';
import { evaluateRollouts } from './rollouts';
import { deliverWebhooks } from './webhook';
import { sweepCases } from '../evaluation/sweep';
import { pruneVideoCalls } from '../video/calls';

/**
 * Kiosks whose last beat is more than three beats old: offline (red), with an event and an alert.
 * Several instances may sweep at once; SKIP LOCKED gives each kiosk to one of them.
 */
export async function markOffline(ctx: ConsoleContext): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const now = new Date(ctx.clock.now());
    const gone = await tx.query<{ id: string; hall_id: string | null; label: string | null; old_health: string }>(
      `WITH due AS (
         SELECT id, health FROM kiosks WHERE status = 'approved' AND online AND offline_after < $1
         ORDER BY offline_after LIMIT 1000 FOR UPDATE SKIP LOCKED)
       UPDATE kiosks k SET online = false, health = 'red', health_rank = $2, problems = array_append(array_remove(k.problems, 'offline'), 'offline'),
         session_in_progress = false, row_version = k.row_version + 1
       FROM due WHERE k.id = due.id RETURNING k.id, k.hall_id, k.label, due.health AS old_health`,
      [now, HEALTH_RANK.red],
    );
    await addEvents(
      tx,
      now,
      gone.flatMap((k) => [
        { kioskId: k.id, kind: 'offline' },
        { kioskId: k.id, kind: 'problem-raised', detail: { code: 'offline' } },
        ...(k.old_health !== 'red' ? [{ kioskId: k.id, kind: 'health', detail: { from: k.old_health, to: 'red' } }] : []),
      ]),
    );
    for (const k of gone) await raiseAlerts(tx, ctx, { id: k.id, hallId: k.hall_id, label: k.label }, ['offline'], now);
    return gone.map((k) => k.id);
  });
}

/** Work done less often, by one instance at a time: the job's row is claimed only when it is due. */
async function claim(ctx: ConsoleContext, job: string, everyMs: number): Promise<boolean> {
  const now = ctx.clock.now();
  const rows = await ctx.db.query(
    `INSERT INTO job_runs (job, last_run_at) VALUES ($1, $2)
     ON CONFLICT (job) DO UPDATE SET last_run_at = EXCLUDED.last_run_at WHERE job_runs.last_run_at <= $3 RETURNING job`,
    [job, new Date(now), new Date(now - everyMs)],
  );
  return rows.length === 1;
}

/**
 * Old rows go a batch at a time (by the age index), so no single statement holds the database long:
 * the embedded PGlite has one connection, and heartbeats queue behind whatever runs.
 */
const BY_KEY = {
  // By primary key (a join, an array): a `ctid IN (…)` or an IN-join is planned as a scan of the whole table.
  kiosk_history: `DELETE FROM kiosk_history h USING (SELECT kiosk_id, at, resolution FROM kiosk_history WHERE at < $1 LIMIT 5000) o
    WHERE h.kiosk_id = o.kiosk_id AND h.at = o.at AND h.resolution = o.resolution RETURNING 1`,
  kiosk_events: `DELETE FROM kiosk_events WHERE id = ANY(ARRAY(SELECT id FROM kiosk_events WHERE at < $1 LIMIT 5000)) RETURNING 1`,
} as const;

async function deleteInBatches(ctx: ConsoleContext, table: keyof typeof BY_KEY, before: Date): Promise<void> {
  for (;;) {
    const gone = await ctx.db.query(BY_KEY[table], [before]);
    if (gone.length < 5000) return;
  }
}

/** Retention and folding: history older than a week into hours, everything older than the retention period gone. */
export async function housekeeping(ctx: ConsoleContext, force = false): Promise<void> {
  if (!force && !(await claim(ctx, 'housekeeping', 3_600_000))) return;
  const now = ctx.clock.now();
  await downsampleHistory(ctx, new Date(now - 7 * 86_400_000));
  const horizon = new Date(now - ctx.config.historyDays * 86_400_000);
  await deleteInBatches(ctx, 'kiosk_history', horizon);
  await deleteInBatches(ctx, 'kiosk_events', horizon);
  await ctx.db.query(`DELETE FROM webhook_deliveries WHERE state <> 'pending' AND due_at < $1`, [horizon]);
  await ctx.db.query('DELETE FROM sessions WHERE expires_at < $1', [new Date(now)]);
  await ctx.db.query(`UPDATE enrolments SET state = 'expired' WHERE state = 'pending' AND last_seen_at < $1`, [new Date(now - 86_400_000)]);
  await ctx.db.query(`UPDATE commands SET attachment = NULL WHERE attachment IS NOT NULL AND issued_at < $1`, [horizon]);
  await pruneVideoCalls(ctx, horizon);
}

/** One pass of everything time drives. */
export async function sweep(ctx: ConsoleContext, options: { fetch?: typeof fetch } = {}): Promise<void> {
  await markOffline(ctx);
  await expireCommands(ctx);
  await evaluateRollouts(ctx);
  await deliverWebhooks(ctx, options.fetch ?? fetch);
  await housekeeping(ctx);
  // Case deadlines move by the working day: twice a minute is prompt enough, and one instance does it.
  if (await claim(ctx, 'cases', 30_000)) await sweepCases(ctx);
}

/** Sweeps `sweepSeconds` after the previous sweep ended, until stopped; a failed sweep is logged and the next one runs. */
export function startSweeper(ctx: ConsoleContext, options: { fetch?: typeof fetch } = {}): { stop(): Promise<void> } {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const next = (): void => {
    timer = setTimeout(() => {
      current = sweep(ctx, options)
        .catch((err: unknown) => ctx.log.error('sweep failed', { error: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
          if (!stopped) next();
        });
    }, ctx.config.sweepSeconds * 1000);
    timer.unref();
  };
  next();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
