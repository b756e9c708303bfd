import { RATING_LEVEL_IDS } from '../../../kernel/rating';
import type { StatRow, StatsAnswer } from '../../shared/evaluation';
import type { Sql } from '../db/database';

/**
 * 好差评 statistics on the five GB/T 39734 levels, by item, department, hall, kiosk, channel, month or day (China
 * dates): 好评率 (非常满意 + 满意 + 基本满意 of all ratings), the share of sessions rated, and of 差评 the
 * reply rate (the person was contacted), the 回访整改率 (rectified, or the legal basis recorded) and
 * the 回访整改满意率 (satisfied or basically satisfied with it, of those rectified).
 */
const CHINA_DAY = (col: string, fmt: string): string => `to_char((${col} AT TIME ZONE 'UTC') + interval '8 hours', '${fmt}')`;
const KEY_SQL = {
  item: (t: string) => `COALESCE(${t}.item_code, '-')`,
  // By the department's name as the kiosk's content gave it (what a hall manager reads); '-' for none.
  department: (t: string) => `COALESCE(${t}.department_name, '-')`,
  hall: (t: string) => `COALESCE(${t}.hall_id, '-')`,
  kiosk: (t: string) => `${t}.kiosk_id`,
  channel: (t: string) => `${t}.channel`,
  month: (t: string) => CHINA_DAY(`${t}.at`, 'YYYY-MM'),
  day: (t: string) => CHINA_DAY(`${t}.at`, 'YYYY-MM-DD'),
} as const;
export type StatDimension = keyof typeof KEY_SQL;

const share = (n: number, d: number | null): number | null => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

/** China dates [from, to] as instants: from 00:00 of `from` to 24:00 of `to` (UTC+8). */
export const periodOf = (from: string, to: string): [Date, Date] => [new Date(`${from}T00:00:00+08:00`), new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000)];

interface Agg {
  key: string;
  level: string;
  n: number;
  contacted: number;
  rectified: number;
  satisfied: number;
}

export async function ratingStats(db: Sql, o: { from: string; to: string; by: StatDimension; halls: readonly string[] | null }): Promise<StatsAnswer> {
  const [start, end] = periodOf(o.from, o.to);
  const params: unknown[] = [start, end];
  let scope = 'true';
  let sessionScope = 'true';
  if (o.halls) {
    params.push([...o.halls]);
    scope = `r.hall_id = ANY($3::text[])`;
    sessionScope = `s.hall_id = ANY($3::text[])`;
  }
  const rows = await db.query<Agg>(
    `SELECT ${KEY_SQL[o.by]('r')} AS key, r.level, count(*)::int AS n,
       count(c.contacted_at)::int AS contacted, count(c.rectified_at)::int AS rectified,
       count(*) FILTER (WHERE c.rectified_at IS NOT NULL AND c.satisfaction IN ('satisfied', 'basically-satisfied'))::int AS satisfied
     FROM ratings r LEFT JOIN cases c ON c.rating_id = r.id
     WHERE r.at >= $1 AND r.at < $2 AND ${scope} GROUP BY 1, 2`,
    params,
  );
  // Sessions belong to a hall, a kiosk and a day, never to an item, its department or a channel.
  const sessions =
    o.by === 'item' || o.by === 'department' || o.by === 'channel'
      ? null
      : new Map(
          (
            await db.query<{ key: string; n: number }>(
              `SELECT ${KEY_SQL[o.by]('s')} AS key, count(*)::int AS n FROM service_reports s WHERE s.kind = 'session' AND s.at >= $1 AND s.at < $2 AND ${sessionScope} GROUP BY 1`,
              params,
            )
          ).map((r) => [r.key, r.n]),
        );
  const totalSessions = (
    await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_reports s WHERE s.kind = 'session' AND s.at >= $1 AND s.at < $2 AND ${sessionScope}`, params)
  )[0]!.n;

  const byKey = new Map<string, Agg[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const k of sessions?.keys() ?? []) if (!byKey.has(k)) byKey.set(k, []);
  const build = (key: string, aggs: Agg[], sessionCount: number | null): StatRow => {
    const levels = Object.fromEntries(RATING_LEVEL_IDS.map((l) => [l, aggs.filter((a) => a.level === l).reduce((s, a) => s + a.n, 0)])) as StatRow['levels'];
    const ratings = aggs.reduce((s, a) => s + a.n, 0);
    const badAggs = aggs.filter((a) => a.level === 'dissatisfied' || a.level === 'very-dissatisfied');
    const bad = badAggs.reduce((s, a) => s + a.n, 0);
    const rectified = badAggs.reduce((s, a) => s + a.rectified, 0);
    return {
      key,
      levels,
      ratings,
      bad,
      sessions: sessionCount,
      goodRate: share(ratings - bad, ratings),
      ratedShare: sessionCount === null ? null : share(ratings, sessionCount),
      badReplyRate: share(badAggs.reduce((s, a) => s + a.contacted, 0), bad),
      rectifyRate: share(rectified, bad),
      rectifySatisfiedRate: share(badAggs.reduce((s, a) => s + a.satisfied, 0), rectified),
    };
  };
  const out = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, aggs]) => build(k, aggs, sessions ? (sessions.get(k) ?? 0) : null));
  return { by: o.by, from: o.from, to: o.to, rows: out, total: build('total', rows, totalSessions) };
}
