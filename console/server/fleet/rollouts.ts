import { ringSpec, type rolloutInput, type RingSpec, type RolloutView } from '../../shared/api';
import { z } from 'zod';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { conflict, notFound } from '../http/errors';
import { audit, type Actor } from './audit';
import { addEvents } from './events';
import { ringMembersSql, ringOf } from './rings';

export type UpdateKind = 'content' | 'app';

/** The kiosk columns of each kind of update (fixed identifiers, never from a request). */
const COLUMNS = {
  content: { mode: 'offer_content_mode', version: 'offer_content', attempt: 'offer_content_attempt', rollout: 'content_rollout_id', state: 'content_rollout_state', cast: 'integer' },
  app: { mode: 'offer_app_mode', version: 'offer_app', attempt: 'offer_app_attempt', rollout: 'app_rollout_id', state: 'app_rollout_state', cast: 'text' },
} as const;

interface RolloutRow {
  id: number;
  kind: UpdateKind;
  version: string;
  notes: string;
  rings: unknown;
  advance_share: number;
  failure_share: number;
  state: RolloutView['state'];
  current_ring: number;
  paused_reason: string | null;
  baseline: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const ringsOf = (row: RolloutRow): RingSpec[] => z.array(ringSpec).parse(row.rings);

async function lockRollout(tx: Sql, id: number): Promise<RolloutRow> {
  const [row] = await tx.query<RolloutRow>('SELECT * FROM rollouts WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound(`rollout ${id}`);
  return row;
}

/** A draft: nothing reaches a kiosk until a publisher starts it. */
export async function createRollout(tx: Sql, actor: Actor, input: z.output<typeof rolloutInput>, now: Date): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO rollouts (kind, version, notes, rings, advance_share, failure_share, state, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8) RETURNING id`,
    [input.kind, input.version, input.notes, JSON.stringify(input.rings), input.advanceShare, input.failureShare, actor.username, now],
  );
  await audit(tx, actor, now, 'rollout.create', `rollout:${row!.id}`, { kind: input.kind, version: input.version, rings: input.rings });
  return row!.id;
}

/**
 * Starts a draft: every kiosk is pinned to what it may keep (the last completed rollout's version, or
 * what it runs), then the first ring is offered the new version.
 */
export async function startRollout(tx: Sql, actor: Actor, id: number, now: Date): Promise<void> {
  const r = await lockRollout(tx, id);
  if (r.state !== 'draft') throw conflict(`rollout ${id} is ${r.state}, not a draft`);
  const [active] = await tx.query<{ id: number }>(`SELECT id FROM rollouts WHERE kind = $1 AND state IN ('running', 'paused')`, [r.kind]);
  if (active) throw conflict(`rollout ${active.id} of ${r.kind} is still under way: finish, cancel or let it complete first`, 'rollout-active');
  const [last] = await tx.query<{ version: string }>(`SELECT version FROM rollouts WHERE kind = $1 AND state = 'completed' ORDER BY id DESC LIMIT 1`, [r.kind]);
  const baseline = last?.version ?? null;
  await tx.query(`UPDATE rollouts SET state = 'running', current_ring = -1, baseline = $2, started_at = $3 WHERE id = $1`, [id, baseline, now]);
  const c = COLUMNS[r.kind];
  await tx.query(
    `UPDATE kiosks SET ${c.mode} = CASE WHEN $1::text IS NULL THEN 'hold' ELSE 'pin' END, ${c.version} = $1::${c.cast},
       ${c.rollout} = NULL, ${c.state} = NULL, row_version = row_version + 1
     WHERE status = 'approved'`,
    [baseline],
  );
  await audit(tx, actor, now, 'rollout.start', `rollout:${id}`, { kind: r.kind, version: r.version, baseline });
  await openRing(tx, { ...r, state: 'running', baseline }, 0, now);
}

/** Offers the version to one more ring: its members are recorded (to show when each picks it up) and pinned to it. */
async function openRing(tx: Sql, r: RolloutRow, ring: number, now: Date): Promise<void> {
  const rings = ringsOf(r);
  const c = COLUMNS[r.kind];
  await tx.query('INSERT INTO rollout_rings (rollout_id, ring, opened_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [r.id, ring, now]);
  await tx.query('UPDATE rollouts SET current_ring = $2 WHERE id = $1', [r.id, ring]);
  const members = ringMembersSql(rings, ring, 4);
  await tx.query(
    `INSERT INTO rollout_kiosks (rollout_id, kiosk_id, ring, state, offered_at)
     SELECT $1, k.id, $2, 'offered', $3 FROM kiosks k WHERE k.status = 'approved' AND ${members.sql}
     ON CONFLICT DO NOTHING`,
    [r.id, ring, now, ...members.params],
  );
  await tx.query(
    `UPDATE kiosks k SET ${c.mode} = 'pin', ${c.version} = $3::${c.cast}, ${c.rollout} = $1, ${c.state} = rk.state, row_version = k.row_version + 1
     FROM rollout_kiosks rk WHERE rk.rollout_id = $1 AND rk.ring = $2 AND rk.kiosk_id = k.id AND k.status = 'approved'`,
    [r.id, ring, r.version],
  );
}

/**
 * Moves running rollouts on: pauses one whose failures pass its threshold, opens the next ring when
 * the share of the current ring running the version and ready reaches its advance share, and
 * completes after the last. Any instance may run it; the row lock makes them take turns.
 */
export async function evaluateRollouts(ctx: ConsoleContext, only?: readonly number[]): Promise<void> {
  const ids = (await ctx.db.query<{ id: number }>(`SELECT id FROM rollouts WHERE state = 'running'`)).map((r) => r.id).filter((id) => !only || only.includes(id));
  for (const id of ids) {
    await ctx.db.transaction(async (tx) => {
      const now = new Date(ctx.clock.now());
      let r = await lockRollout(tx, id);
      for (let guard = 0; guard < 10 && r.state === 'running'; guard++) {
        const counts = await tx.query<{ ring: number; state: string; n: number }>(
          'SELECT ring, state, count(*)::int AS n FROM rollout_kiosks WHERE rollout_id = $1 GROUP BY ring, state',
          [id],
        );
        const offered = counts.reduce((s, c) => s + c.n, 0);
        const failed = counts.filter((c) => c.state === 'failed').reduce((s, c) => s + c.n, 0);
        if (offered > 0 && failed / offered >= r.failure_share) {
          const reason = `${failed} of ${offered} kiosks failed`;
          await tx.query(`UPDATE rollouts SET state = 'paused', paused_reason = $2 WHERE id = $1`, [id, reason]);
          await audit(tx, null, now, 'rollout.pause', `rollout:${id}`, { reason, automatic: true });
          return;
        }
        const ring = counts.filter((c) => c.ring === r.current_ring);
        const members = ring.reduce((s, c) => s + c.n, 0);
        const healthy = ring.filter((c) => c.state === 'healthy').reduce((s, c) => s + c.n, 0);
        if (members > 0 && healthy / members < r.advance_share) return;
        const rings = ringsOf(r);
        if (r.current_ring >= rings.length - 1) {
          await tx.query(`UPDATE rollouts SET state = 'completed', finished_at = $2 WHERE id = $1`, [id, now]);
          await audit(tx, null, now, 'rollout.complete', `rollout:${id}`, { version: r.version });
          return;
        }
        await openRing(tx, r, r.current_ring + 1, now);
        await audit(tx, null, now, 'rollout.advance', `rollout:${id}`, { ring: r.current_ring + 1, name: rings[r.current_ring + 1]!.name, healthy, members });
        r = await lockRollout(tx, id);
      }
    });
  }
}

export async function pauseRollout(tx: Sql, actor: Actor, id: number, now: Date): Promise<void> {
  const r = await lockRollout(tx, id);
  if (r.state !== 'running') throw conflict(`rollout ${id} is ${r.state}, not running`);
  await tx.query(`UPDATE rollouts SET state = 'paused', paused_reason = $2 WHERE id = $1`, [id, `paused by ${actor.username}`]);
  await audit(tx, actor, now, 'rollout.pause', `rollout:${id}`, {});
}

export async function resumeRollout(tx: Sql, actor: Actor, id: number, now: Date): Promise<void> {
  const r = await lockRollout(tx, id);
  if (r.state !== 'paused') throw conflict(`rollout ${id} is ${r.state}, not paused`);
  await tx.query(`UPDATE rollouts SET state = 'running', paused_reason = NULL WHERE id = $1`, [id]);
  await audit(tx, actor, now, 'rollout.resume', `rollout:${id}`, {});
}

/** Offers the version again to the kiosks that failed it, and only to them (their attempt number grows). */
export async function retryFailed(tx: Sql, actor: Actor, id: number, now: Date): Promise<number> {
  const r = await lockRollout(tx, id);
  if (r.state !== 'running' && r.state !== 'paused') throw conflict(`rollout ${id} is ${r.state}`);
  const c = COLUMNS[r.kind];
  const retried = await tx.query<{ kiosk_id: string; attempt: number }>(
    `UPDATE rollout_kiosks SET state = 'offered', failure = NULL, attempt = attempt + 1, offered_at = $2
     WHERE rollout_id = $1 AND state = 'failed' RETURNING kiosk_id, attempt`,
    [id, now],
  );
  if (retried.length > 0) {
    await tx.query(
      `UPDATE kiosks k SET ${c.attempt} = t.attempt, ${c.state} = 'offered', row_version = k.row_version + 1
       FROM unnest($1::text[], $2::int[]) AS t(id, attempt) WHERE k.id = t.id AND k.${c.rollout} = $3`,
      [retried.map((x) => x.kiosk_id), retried.map((x) => x.attempt), id],
    );
  }
  await audit(tx, actor, now, 'rollout.retry-failed', `rollout:${id}`, { kiosks: retried.length });
  return retried.length;
}

/** Stops a rollout: kiosks that have not taken the version go back to what they may keep; those that have, keep it. */
export async function cancelRollout(tx: Sql, actor: Actor, id: number, now: Date): Promise<void> {
  const r = await lockRollout(tx, id);
  if (r.state === 'completed' || r.state === 'cancelled') throw conflict(`rollout ${id} is ${r.state}`);
  const c = COLUMNS[r.kind];
  await tx.query(`UPDATE rollouts SET state = 'cancelled', finished_at = $2 WHERE id = $1`, [id, now]);
  await tx.query(
    `UPDATE kiosks SET ${c.mode} = CASE WHEN ${c.state} = 'healthy' THEN 'pin' WHEN $2::text IS NULL THEN 'hold' ELSE 'pin' END,
       ${c.version} = CASE WHEN ${c.state} = 'healthy' THEN ${c.version} ELSE $2::${c.cast} END,
       ${c.rollout} = NULL, ${c.state} = NULL, row_version = row_version + 1
     WHERE ${c.rollout} = $1`,
    [id, r.baseline],
  );
  await audit(tx, actor, now, 'rollout.cancel', `rollout:${id}`, {});
}

/**
 * What a kiosk joining the fleet (or moving to another hall) may install of one kind: its ring's
 * version when the rollout has reached its ring (or completed), what the fleet keeps otherwise, the
 * newest signed one when no rollout of that kind ever ran.
 */
export async function applyOfferFor(tx: Sql, kind: UpdateKind, kiosk: { id: string; hallId: string | null; bucket: number }, now: Date): Promise<void> {
  const c = COLUMNS[kind];
  const [r] = await tx.query<RolloutRow>(
    `SELECT * FROM rollouts WHERE kind = $1 AND state IN ('running', 'paused', 'completed') ORDER BY (state <> 'completed') DESC, id DESC LIMIT 1`,
    [kind],
  );
  const set = (mode: string, version: string | null, rolloutId: number | null, state: string | null) =>
    tx.query(
      `UPDATE kiosks SET ${c.mode} = $2, ${c.version} = $3::${c.cast}, ${c.rollout} = $4, ${c.state} = $5, row_version = row_version + 1 WHERE id = $1`,
      [kiosk.id, mode, version, rolloutId, state],
    );
  if (!r) return void (await set('newest', null, null, null));
  const ring = ringOf(ringsOf(r), kiosk);
  if (r.state === 'completed' || ring <= r.current_ring) {
    await tx.query(
      `INSERT INTO rollout_kiosks (rollout_id, kiosk_id, ring, state, offered_at) VALUES ($1, $2, $3, 'offered', $4)
       ON CONFLICT (rollout_id, kiosk_id) DO UPDATE SET ring = EXCLUDED.ring`,
      [r.id, kiosk.id, ring, now],
    );
    const [rk] = await tx.query<{ state: string }>('SELECT state FROM rollout_kiosks WHERE rollout_id = $1 AND kiosk_id = $2', [r.id, kiosk.id]);
    await set('pin', r.version, r.id, rk?.state ?? 'offered');
    await addEvents(tx, now, [{ kioskId: kiosk.id, kind: 'offered', detail: { kind, version: r.version, ring } }]);
    return;
  }
  await set(r.baseline === null ? 'hold' : 'pin', r.baseline, null, null);
}

// --- reading ------------------------------------------------------------------------------------

export async function rolloutViews(db: Sql, where: { id?: number } = {}): Promise<RolloutView[]> {
  const rows = await db.query<RolloutRow>(`SELECT * FROM rollouts ${where.id !== undefined ? 'WHERE id = $1' : ''} ORDER BY id DESC LIMIT 100`, where.id !== undefined ? [where.id] : []);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await db.query<{ rollout_id: number; ring: number; state: string; n: number; picked: number }>(
    `SELECT rollout_id, ring, state, count(*)::int AS n, count(picked_up_at)::int AS picked FROM rollout_kiosks WHERE rollout_id = ANY($1::int[]) GROUP BY rollout_id, ring, state`,
    [ids],
  );
  const opened = await db.query<{ rollout_id: number; ring: number; opened_at: Date }>('SELECT rollout_id, ring, opened_at FROM rollout_rings WHERE rollout_id = ANY($1::int[])', [ids]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    version: r.version,
    notes: r.notes,
    state: r.state,
    advanceShare: r.advance_share,
    failureShare: r.failure_share,
    currentRing: r.current_ring,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    pausedReason: r.paused_reason,
    rings: ringsOf(r).map((spec, index) => {
      const mine = counts.filter((c) => c.rollout_id === r.id && c.ring === index);
      const sum = (f: (c: (typeof mine)[number]) => number) => mine.reduce((s, c) => s + f(c), 0);
      return {
        index,
        name: spec.name,
        spec,
        openedAt: opened.find((o) => o.rollout_id === r.id && o.ring === index)?.opened_at.toISOString() ?? null,
        members: sum((c) => c.n),
        pickedUp: sum((c) => c.picked),
        healthy: sum((c) => (c.state === 'healthy' ? c.n : 0)),
        failed: sum((c) => (c.state === 'failed' ? c.n : 0)),
      };
    }),
  }));
}
