import { z } from 'zod';
import { UNFOUND_RETENTION_DAYS, type UnfoundSentenceView } from '../../shared/evaluation';
import type { Sql } from '../db/database';
import { badRequest } from '../http/errors';

/**
 * 智能导办's sentences that found nothing, summed per sentence over the rows (one per sentence and
 * kiosk) within `scope`, most frequent first; keyset paging on (count, text).
 */
const encodeCursor = (count: number, text: string): string => Buffer.from(JSON.stringify([count, text])).toString('base64url');
const decodeCursor = (c: string): [number, string] => {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    raw = null;
  }
  const parsed = z.tuple([z.number().int(), z.string()]).safeParse(raw);
  if (!parsed.success) throw badRequest('the page cursor is not one this console gave', 'bad-cursor');
  return parsed.data;
};

export async function listUnfound(
  db: Sql,
  q: { scope: (params: unknown[]) => string; hall?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ sentences: UnfoundSentenceView[]; next: string | null }> {
  const params: unknown[] = [];
  const where = [q.scope(params)];
  if (q.hall !== undefined) {
    params.push(q.hall);
    where.push(`u.hall_id = $${params.length}`);
  }
  let page = 'true';
  if (q.after !== undefined) {
    const [count, text] = decodeCursor(q.after);
    params.push(count, text);
    page = `(s.count < $${params.length - 1} OR (s.count = $${params.length - 1} AND s.text > $${params.length}))`;
  }
  params.push(q.limit + 1);
  const rows = await db.query<{ text: string; count: number; kiosks: number; halls: (string | null)[]; first_seen: Date; last_seen: Date }>(
    `SELECT * FROM (
       SELECT u.text, sum(u.count)::int AS count, count(*)::int AS kiosks, array_agg(DISTINCT u.hall_id) AS halls, min(u.first_seen) AS first_seen, max(u.last_seen) AS last_seen
       FROM unfound_sentences u WHERE ${where.join(' AND ')} GROUP BY u.text
     ) s WHERE ${page} ORDER BY s.count DESC, s.text LIMIT $${params.length}`,
    params,
  );
  const shown = rows.slice(0, q.limit);
  const last = shown.at(-1);
  return {
    sentences: shown.map((r) => ({
      text: r.text,
      count: r.count,
      kiosks: r.kiosks,
      halls: r.halls.filter((h): h is string => h !== null).sort(),
      firstSeen: r.first_seen.toISOString(),
      lastSeen: r.last_seen.toISOString(),
    })),
    next: rows.length > q.limit && last ? encodeCursor(last.count, last.text) : null,
  };
}

/** Sentences no kiosk has typed for UNFOUND_RETENTION_DAYS go (per kiosk: a sentence still typed elsewhere stays). */
export async function dropStaleUnfound(db: Sql, now: Date): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    'WITH gone AS (DELETE FROM unfound_sentences WHERE last_seen < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
    [new Date(now.getTime() - UNFOUND_RETENTION_DAYS * 86_400_000)],
  );
  return r?.n ?? 0;
}
