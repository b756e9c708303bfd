import { randomUUID } from 'node:crypto';
import type { QueuedCall } from '../../shared/video';
import { KIOSK_ONLY_SIGNALS, STAFF_ONLY_SIGNALS, type CallState, type VideoExchange, type VideoExchangeAnswer, type VideoRequest, type VideoSignal } from '../../wire/video';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { asKiosk } from '../evaluation/ledger';
import { audit, type Actor } from '../fleet/audit';
import type { Refusal } from '../fleet/heartbeats';
import type { SignedCall } from '../fleet/signed-call';
import { conflict, forbidden, notFound } from '../http/errors';

/** A kiosk asks about once a second during a call: one not heard from this long has gone (crash, power, network). */
export const KIOSK_GONE_MS = 20_000;
/** A call-back request stays in the queue this long for staff to walk over. */
const CALLBACK_SHOWN_MS = 30 * 60_000;

type Signalled = Omit<VideoExchangeAnswer, 'serverTime'>;

/** Ends a call: its signals go with it (only the queue row stays, for the hall's own counts). */
async function endCall(tx: Sql, id: string, now: Date): Promise<void> {
  await tx.query(`UPDATE video_calls SET state = 'ended', ended_at = $2 WHERE id = $1 AND state <> 'ended'`, [id, now]);
  await tx.query('DELETE FROM video_signals WHERE call_id = $1', [id]);
}

async function addSignals(tx: Sql, id: string, to: 'kiosk' | 'staff', signals: readonly VideoSignal[], now: Date): Promise<void> {
  for (const s of signals) await tx.query('INSERT INTO video_signals (call_id, to_side, body, at) VALUES ($1, $2, $3::jsonb, $4)', [id, to, JSON.stringify(s), now]);
}

async function signalsFor(tx: Sql, id: string, to: 'kiosk' | 'staff', after: number): Promise<Signalled['signals']> {
  const rows = await tx.query<{ seq: number; body: VideoSignal }>('SELECT seq, body FROM video_signals WHERE call_id = $1 AND to_side = $2 AND seq > $3 ORDER BY seq LIMIT 200', [id, to, after]);
  return rows.map((r) => ({ seq: Number(r.seq), signal: r.body }));
}

/** The person asked for video help at a kiosk: the call joins the queue (an earlier call of the kiosk ends). */
export async function requestVideoCall(ctx: ConsoleContext, call: SignedCall, req: VideoRequest): Promise<{ ok: true; value: string } | Refusal> {
  return asKiosk(ctx, call, async (tx, kiosk, now) => {
    const open = await tx.query<{ id: string }>(`SELECT id FROM video_calls WHERE kiosk_id = $1 AND state <> 'ended'`, [kiosk.id]);
    for (const o of open) await endCall(tx, o.id, now);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO video_calls (id, kiosk_id, hall_id, item_code, item_name, audio_only, state, requested_at, kiosk_seen_at) VALUES ($1, $2, $3, $4, $5, $6, 'waiting', $7, $7)`,
      [id, kiosk.id, kiosk.hall_id, req.item?.code ?? null, req.item?.name ?? null, req.audioOnly, now],
    );
    return id;
  });
}

/** A kiosk's turn in a call: its signals in, staff's out, the call's state. Only its own call. */
export async function exchangeVideoSignals(ctx: ConsoleContext, call: SignedCall, ex: VideoExchange): Promise<{ ok: true; value: Signalled } | Refusal> {
  return asKiosk(ctx, call, async (tx, kiosk, now) => {
    const [c] = await tx.query<{ state: CallState; answered_by: string | null }>('SELECT state, answered_by FROM video_calls WHERE id = $1 AND kiosk_id = $2 FOR UPDATE', [ex.callId, kiosk.id]);
    if (!c || c.state === 'ended') return { state: 'ended' as const, staffName: null, signals: [] };
    const mine = ex.signals.filter((s) => !STAFF_ONLY_SIGNALS.has(s.kind));
    if (mine.some((s) => s.kind === 'hangup')) {
      await endCall(tx, ex.callId, now);
      return { state: 'ended' as const, staffName: null, signals: [] };
    }
    let state = c.state;
    if (ex.callback && state !== 'callback') {
      state = 'callback';
      await tx.query(`UPDATE video_calls SET state = 'callback' WHERE id = $1`, [ex.callId]);
    }
    await tx.query('UPDATE video_calls SET kiosk_seen_at = $2 WHERE id = $1', [ex.callId, now]);
    if (state === 'answered') await addSignals(tx, ex.callId, 'staff', mine, now);
    return { state, staffName: c.answered_by, signals: state === 'answered' ? await signalsFor(tx, ex.callId, 'kiosk', ex.after) : [] };
  });
}

interface CallRow {
  id: string;
  kiosk_id: string;
  label: string | null;
  hall_id: string | null;
  hall_name: string | null;
  item_code: string | null;
  item_name: string | null;
  state: CallState;
  audio_only: boolean;
  requested_at: Date;
  answered_by: string | null;
}

/** The calls staff of these halls see: waiting and answered ones whose kiosk is still there, and call-back requests. */
export async function callQueue(ctx: ConsoleContext, scope: (params: unknown[]) => string): Promise<QueuedCall[]> {
  const now = ctx.clock.now();
  const params: unknown[] = [new Date(now - KIOSK_GONE_MS), new Date(now - CALLBACK_SHOWN_MS)];
  const rows = await ctx.db.query<CallRow>(
    `SELECT c.id, c.kiosk_id, k.label, c.hall_id, h.name AS hall_name, c.item_code, c.item_name, c.state, c.audio_only, c.requested_at, c.answered_by
     FROM video_calls c LEFT JOIN kiosks k ON k.id = c.kiosk_id LEFT JOIN halls h ON h.id = c.hall_id
     WHERE ((c.state IN ('waiting', 'answered') AND c.kiosk_seen_at > $1) OR (c.state = 'callback' AND c.requested_at > $2)) AND ${scope(params)}
     ORDER BY c.requested_at LIMIT 100`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    kioskId: r.kiosk_id,
    kioskLabel: r.label,
    hallId: r.hall_id,
    hallName: r.hall_name,
    itemCode: r.item_code,
    itemName: r.item_name,
    state: r.state,
    audioOnly: r.audio_only,
    requestedAt: r.requested_at.toISOString(),
    answeredBy: r.answered_by,
  }));
}

/** The call as the staff member may touch it: in their halls, and while in progress answered by them. */
async function staffCall(tx: Sql, actor: Actor, id: string, scope: (params: unknown[]) => string): Promise<{ state: CallState; answered_by: string | null }> {
  const params: unknown[] = [id];
  const [c] = await tx.query<{ state: CallState; answered_by: string | null }>(`SELECT c.state, c.answered_by FROM video_calls c WHERE c.id = $1 AND ${scope(params)} FOR UPDATE`, params);
  if (!c) throw notFound(`call ${id}`);
  // A call in progress is its staff member's alone; a call-back request any staff of the hall may close.
  if (c.state === 'answered' && c.answered_by !== actor.username) throw forbidden('another staff member has this call');
  return c;
}

export async function answerCall(ctx: ConsoleContext, actor: Actor, id: string, scope: (params: unknown[]) => string): Promise<void> {
  const now = new Date(ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    const c = await staffCall(tx, actor, id, scope);
    if (c.state !== 'waiting') throw conflict(`the call is ${c.state}`);
    await tx.query(`UPDATE video_calls SET state = 'answered', answered_by = $2, answered_at = $3 WHERE id = $1`, [id, actor.username, now]);
    await audit(tx, actor, now, 'video.answer', `call:${id}`);
  });
}

export async function staffExchange(ctx: ConsoleContext, actor: Actor, id: string, scope: (params: unknown[]) => string, o: { send?: readonly VideoSignal[]; after?: number }): Promise<{ state: CallState; signals: Signalled['signals'] }> {
  const now = new Date(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const c = await staffCall(tx, actor, id, scope);
    if (c.state === 'ended') return { state: 'ended' as const, signals: [] };
    const mine = (o.send ?? []).filter((s) => !KIOSK_ONLY_SIGNALS.has(s.kind));
    // Staff hanging up (or closing a call-back request) ends the call; the kiosk's next turn sees it ended.
    if (mine.some((s) => s.kind === 'hangup')) {
      await endCall(tx, id, now);
      await audit(tx, actor, now, 'video.end', `call:${id}`);
      return { state: 'ended' as const, signals: [] };
    }
    if (c.state !== 'answered' && mine.length > 0) throw conflict(`the call is ${c.state}`);
    await addSignals(tx, id, 'kiosk', mine, now);
    return { state: c.state, signals: o.after === undefined ? [] : await signalsFor(tx, id, 'staff', o.after) };
  });
}

/**
 * Housekeeping: a call whose kiosk went away without hanging up ends an hour later (its signals go),
 * and ended calls are forgotten with the rest of the history.
 */
export async function pruneVideoCalls(ctx: ConsoleContext, horizon: Date): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.query(`UPDATE video_calls SET state = 'ended', ended_at = $2 WHERE state <> 'ended' AND kiosk_seen_at < $1`, [new Date(now - 3_600_000), new Date(now)]);
  await ctx.db.query(`DELETE FROM video_signals s USING video_calls c WHERE c.id = s.call_id AND c.state = 'ended'`);
  await ctx.db.query(`DELETE FROM video_calls WHERE state = 'ended' AND ended_at < $1`, [horizon]);
}
