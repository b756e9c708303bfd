import { HEALTHS } from '../../shared/problems';
import type { KioskHistory } from '../../shared/api';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';

/**
 * Folds the 15-minute samples older than `before` into one row per kiosk and hour: the worst health
 * and its problems, the largest outbox, the widest clock offset, the last content version and the
 * number of beats. A week of detail, then hours, keeps 30 days of 20,000 kiosks to ~25 million rows.
 */
export async function downsampleHistory(ctx: ConsoleContext, before: Date): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `WITH s AS (SELECT *, date_trunc('hour', at) AS hour FROM kiosk_history WHERE resolution = 'sample' AND at < $1),
       worst AS (SELECT DISTINCT ON (kiosk_id, hour) kiosk_id, hour, problems FROM s ORDER BY kiosk_id, hour, health_rank, at DESC),
       agg AS (SELECT kiosk_id, hour, min(health_rank) AS health_rank, max(outbox_pending) AS outbox_pending, max(outbox_dead) AS outbox_dead,
                 (array_agg(clock_offset_ms ORDER BY abs(clock_offset_ms) DESC NULLS LAST))[1] AS clock_offset_ms,
                 (array_agg(content_version ORDER BY at DESC))[1] AS content_version, sum(beats)::int AS beats
               FROM s GROUP BY kiosk_id, hour)
       INSERT INTO kiosk_history (kiosk_id, at, resolution, health_rank, problems, outbox_pending, outbox_dead, clock_offset_ms, content_version, beats)
       SELECT a.kiosk_id, a.hour, 'hour', a.health_rank, w.problems, a.outbox_pending, a.outbox_dead, a.clock_offset_ms, a.content_version, a.beats
       FROM agg a JOIN worst w USING (kiosk_id, hour)
       ON CONFLICT (kiosk_id, at, resolution) DO UPDATE SET health_rank = LEAST(kiosk_history.health_rank, EXCLUDED.health_rank),
         outbox_pending = GREATEST(kiosk_history.outbox_pending, EXCLUDED.outbox_pending), outbox_dead = GREATEST(kiosk_history.outbox_dead, EXCLUDED.outbox_dead),
         beats = kiosk_history.beats + EXCLUDED.beats`,
      [before],
    );
    await tx.query(`DELETE FROM kiosk_history WHERE resolution = 'sample' AND at < $1`, [before]);
  });
}

/** A kiosk's history over the last `days`: hours beyond a week, 15-minute samples within it. */
export async function historyOf(db: Sql, kioskId: string, since: Date): Promise<KioskHistory> {
  const rows = await db.query<{
    at: Date;
    resolution: 'sample' | 'hour';
    health_rank: number;
    problems: string[];
    outbox_pending: number;
    outbox_dead: number;
    clock_offset_ms: number | null;
    content_version: number | null;
    beats: number;
  }>('SELECT * FROM kiosk_history WHERE kiosk_id = $1 AND at >= $2 ORDER BY at', [kioskId, since]);
  return {
    points: rows.map((r) => ({
      at: r.at.toISOString(),
      resolution: r.resolution,
      health: HEALTHS[r.health_rank] ?? 'red',
      problems: r.problems,
      outboxPending: r.outbox_pending,
      outboxDead: r.outbox_dead,
      clockOffsetMs: r.clock_offset_ms,
      contentVersion: r.content_version,
      beats: r.beats,
    })),
  };
}
