import { SIGNATURE_MAX_SKEW_MS } from '../../../platform-wire/protocol';
import { HEALTH_RANK, healthOf, type Health } from '../../shared/problems';
import type { FleetCommand, FleetRefusal, Heartbeat, HeartbeatAnswer } from '../../wire/protocol';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { raiseAlerts, resolveAlerts } from './alerts';
import { assess } from './assess';
import { Batcher } from './batcher';
import { addEvents, type KioskEventRow } from './events';
import { admit } from './replay-window';
import { signedKioskId, verifyCall, type SignedCall } from './signed-call';

/** One history sample per kiosk per this many ms; after a week they are folded into hours. */
export const SAMPLE_MS = 15 * 60_000;

/** The start of a kiosk's current sample slot: shifted by its bucket, so the fleet's samples spread over the quarter. */
export const sampleSlot = (now: number, bucket: number): number => {
  const shift = (bucket % 100) * (SAMPLE_MS / 100);
  return Math.floor((now - shift) / SAMPLE_MS) * SAMPLE_MS + shift;
};

export type Refusal = { readonly ok: false; readonly status: number; readonly code: FleetRefusal['error']['code']; readonly message: string };
export const refuse = (status: number, code: Refusal['code'], message: string): Refusal => ({ ok: false, status, code, message });

/** When a kiosk whose last beat arrived at `at` counts as offline: three missed beats, with room for its jitter. */
export const offlineAfter = (at: number, beatSeconds: number): Date => new Date(at + Math.round(3 * beatSeconds * 1100) + 5_000);

type OfferMode = 'newest' | 'pin' | 'hold';
type RolloutState = 'offered' | 'healthy' | 'failed';

/** The kiosk's row as a heartbeat needs it. */
export interface KioskState {
  id: string;
  public_key: string;
  status: 'approved' | 'revoked';
  row_version: number;
  recent_nonces: string[];
  nonce_floor: Date;
  health: Health;
  problems: string[];
  online: boolean;
  app_version: string | null;
  content_version: number | null;
  boot_id: string | null;
  hall_id: string | null;
  label: string | null;
  bucket: number;
  history_at: Date | null;
  beats_since_sample: number;
  offer_content_mode: OfferMode;
  offer_content: number | null;
  offer_content_attempt: number;
  offer_app_mode: OfferMode;
  offer_app: string | null;
  offer_app_attempt: number;
  content_rollout_id: number | null;
  content_rollout_state: RolloutState | null;
  app_rollout_id: number | null;
  app_rollout_state: RolloutState | null;
  has_commands: boolean;
}

export const KIOSK_STATE_SQL = `SELECT id, public_key, status, row_version, recent_nonces, nonce_floor, health, problems, online,
  app_version, content_version, boot_id, hall_id, label, bucket, history_at, beats_since_sample,
  offer_content_mode, offer_content, offer_content_attempt, offer_app_mode, offer_app, offer_app_attempt,
  content_rollout_id, content_rollout_state, app_rollout_id, app_rollout_state,
  EXISTS (SELECT 1 FROM commands c WHERE c.kiosk_id = k.id AND c.state = 'pending') AS has_commands
  FROM kiosks k WHERE id = $1`;

/** The same, for many kiosks at once (heartbeats arriving together read their rows in one statement). */
const KIOSK_STATES_SQL = KIOSK_STATE_SQL.replace('WHERE id = $1', 'WHERE id = ANY($1::text[])');

/** The quiet heartbeat's write for many kiosks at once; each row only if nothing changed it since it was read. */
const QUIET_UPDATE_SQL = `UPDATE kiosks k SET row_version = k.row_version + 1, recent_nonces = string_to_array(v.recent, ' '), nonce_floor = v.floor,
    health = v.health, health_rank = v.rank, problems = string_to_array(v.problems, ' '), online = true, app_version = v.app, content_version = v.content,
    content_expires = v.expires, last_beat_at = v.at, offline_after = v.offline_after, boot_id = v.boot, uptime_s = v.uptime,
    clock_offset_ms = v.offset, session_in_progress = v.session, ready = v.ready, report = v.report::jsonb, beats_since_sample = v.beats
  FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[], $10::timestamptz[],
              $11::timestamptz[], $12::timestamptz[], $13::text[], $14::int[], $15::int[], $16::bool[], $17::bool[], $18::text[], $19::int[])
    AS v(id, rv, recent, floor, health, rank, problems, app, content, expires, at, offline_after, boot, uptime, "offset", session, ready, report, beats)
  WHERE k.id = v.id AND k.row_version = v.rv AND k.status = 'approved' RETURNING k.id`;

/** What a quiet heartbeat writes (nonces and problem codes hold no spaces, so they travel space-joined). */
interface QuietWrite {
  readonly id: string;
  readonly values: readonly unknown[];
}

interface HeartbeatBatchers {
  readonly states: Batcher<string, KioskState | undefined>;
  readonly quiet: Batcher<QuietWrite, boolean>;
}
const batchers = new WeakMap<Sql, HeartbeatBatchers>();

/** Per database: one statement reads the rows of the heartbeats that arrived together, one writes the quiet ones. */
function batchersOf(ctx: ConsoleContext): HeartbeatBatchers {
  let b = batchers.get(ctx.db);
  if (!b) {
    const opts = { maxBatch: 200, concurrency: ctx.db.kind === 'pglite' ? 1 : 4 };
    b = {
      states: new Batcher(async (ids) => {
        const rows = await ctx.db.query<KioskState>(KIOSK_STATES_SQL, [[...new Set(ids)]], { prepare: 'kiosk-states' });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id));
      }, opts),
      quiet: new Batcher(async (writes) => {
        // One write per kiosk and batch: a second beat of the same kiosk waits for the next batch.
        const seen = new Set<string>();
        const now = writes.filter((w) => (seen.has(w.id) ? false : (seen.add(w.id), true)));
        const columns = Array.from({ length: 19 }, (_, c) => now.map((w) => w.values[c]));
        const done = new Set((await ctx.db.relaxedQuery<{ id: string }>(QUIET_UPDATE_SQL, columns, { prepare: 'heartbeats-quiet' })).map((r) => r.id));
        return writes.map((w) => now.includes(w) && done.has(w.id));
      }, opts),
    };
    batchers.set(ctx.db, b);
  }
  return b;
}

/** Where a kiosk stands in the rollout its offer belongs to, from what it reports. Null: no rollout governs it. */
export function rolloutProgress(
  mode: OfferMode,
  offered: string | number | null,
  rolloutId: number | null,
  installed: string | number | null,
  failed: { version: string | number; reason: string } | null,
  ready: boolean,
): { state: RolloutState; failure: string | null; installed: boolean } | null {
  if (mode !== 'pin' || rolloutId === null || offered === null) return null;
  const installedIt = installed !== null && String(installed) === String(offered);
  if (failed && String(failed.version) === String(offered)) return { state: 'failed', failure: failed.reason, installed: installedIt };
  if (installedIt) return ready ? { state: 'healthy', failure: null, installed: true } : { state: 'failed', failure: 'not-ready', installed: true };
  return { state: 'offered', failure: null, installed: false };
}

/** Checks a signed request against the kiosk's row: signature, revocation, replay. The new replay window on success. */
export function admitCall(
  row: Pick<KioskState, 'public_key' | 'status' | 'recent_nonces' | 'nonce_floor'>,
  call: SignedCall,
  now: number,
): { ok: true; recent: string[]; floor: Date } | Refusal {
  const v = verifyCall(call, row.public_key, now);
  if (!v.ok) {
    return v.reason === 'stale'
      ? refuse(401, 'stale', 'the signature time is too far from the console clock')
      : refuse(401, v.reason === 'unsigned' ? 'unsigned' : 'bad-signature', 'the signature does not match this kiosk');
  }
  if (row.status === 'revoked') return refuse(403, 'revoked', 'this kiosk has been revoked by an operator');
  if (!/^[A-Za-z0-9-]{8,64}$/.test(v.nonce)) return refuse(400, 'invalid', 'the nonce must be 8 to 64 letters, digits or -');
  const w = admit({ recent: row.recent_nonces, floor: row.nonce_floor.getTime() }, v.timestamp, v.nonce, now, SIGNATURE_MAX_SKEW_MS);
  if (!w) return refuse(409, 'replayed', 'this request was seen before');
  return { ok: true, recent: [...w.recent], floor: new Date(w.floor) };
}

/** A kiosk the console does not hold: still waiting for approval, or unknown. */
export async function unknownKiosk(db: Sql, kioskId: string): Promise<Refusal> {
  const [pending] = await db.query('SELECT 1 FROM enrolments WHERE kiosk_id = $1 AND state = $2 LIMIT 1', [kioskId, 'pending']);
  return pending ? refuse(401, 'pending', 'this kiosk is waiting for an operator to approve it') : refuse(401, 'unknown-kiosk', 'no such kiosk: enrol first');
}

/**
 * Takes one signed heartbeat: checks it, stores the kiosk's state (only changes become events; a
 * history sample every 15 minutes), raises and clears alerts, advances its rollout state, hands out
 * pending commands, and answers what the kiosk may install. An unchanged kiosk costs one read and one
 * conditional write; the write succeeds only if nothing changed the row since the read.
 */
export async function takeHeartbeat(
  ctx: ConsoleContext,
  call: SignedCall,
  beat: Heartbeat,
): Promise<{ ok: true; answer: HeartbeatAnswer; rolloutsTouched: number[] } | Refusal> {
  const kioskId = signedKioskId(call);
  if (!kioskId) return refuse(401, 'unsigned', 'the request is not signed');
  for (let attempt = 0; attempt < 4; attempt++) {
    const row = await batchersOf(ctx).states.load(kioskId);
    if (!row) return unknownKiosk(ctx.db, kioskId);
    const nowMs = ctx.clock.now();
    const admitted = admitCall(row, call, nowMs);
    if (!admitted.ok) {
      if (admitted.code === 'revoked') await ctx.db.relaxedQuery('UPDATE kiosks SET refused_beats = refused_beats + 1 WHERE id = $1', [kioskId]);
      return admitted;
    }
    const written = await write(ctx, row, beat, admitted, nowMs);
    if (written) return { ok: true, ...written };
    // Another request changed the row between the read and the write: read it again.
  }
  return refuse(409, 'invalid', 'the kiosk row kept changing; try again');
}

async function write(
  ctx: ConsoleContext,
  row: KioskState,
  beat: Heartbeat,
  admitted: { recent: string[]; floor: Date },
  nowMs: number,
): Promise<{ answer: HeartbeatAnswer; rolloutsTouched: number[] } | null> {
  const now = new Date(nowMs);
  const { problems, clockOffsetMs } = assess(beat, nowMs, ctx.config.clockSkewSeconds * 1000);
  const health = healthOf(problems);
  const added = problems.filter((p) => !row.problems.includes(p));
  const removed = row.problems.filter((p) => !problems.includes(p));

  const events: KioskEventRow[] = [];
  const ev = (kind: string, detail?: Record<string, unknown>): void => void events.push({ kioskId: row.id, kind, ...(detail ? { detail } : {}) });
  if (!row.online) ev('online');
  if (health !== row.health) ev('health', { from: row.health, to: health });
  for (const code of added) ev('problem-raised', { code });
  for (const code of removed) ev('problem-cleared', { code });
  if (beat.content.version !== row.content_version) ev('content-version', { from: row.content_version, to: beat.content.version });
  if (beat.appVersion !== row.app_version) ev('app-version', { from: row.app_version, to: beat.appVersion });
  if (row.boot_id !== null && beat.bootId !== row.boot_id) ev('restarted', { uptimeSeconds: beat.uptimeSeconds });

  const sampleAt = new Date(sampleSlot(nowMs, row.bucket));
  const sampleDue = row.history_at === null || row.history_at.getTime() < sampleAt.getTime();

  const content = rolloutProgress(row.offer_content_mode, row.offer_content, row.content_rollout_id, beat.content.version, beat.updates.content.failed, beat.ready);
  const app = rolloutProgress(row.offer_app_mode, row.offer_app, row.app_rollout_id, beat.appVersion, beat.updates.app.failed, beat.ready);
  const contentChanged = content !== null && content.state !== row.content_rollout_state;
  const appChanged = app !== null && app.state !== row.app_rollout_state;

  const params = [
    row.id,
    row.row_version,
    admitted.recent,
    admitted.floor,
    health,
    HEALTH_RANK[health],
    problems,
    beat.appVersion,
    beat.content.version,
    beat.content.expires ? new Date(beat.content.expires) : null,
    now,
    offlineAfter(nowMs, ctx.config.beatSeconds),
    beat.bootId,
    beat.uptimeSeconds,
    clockOffsetMs,
    beat.sessionInProgress,
    beat.ready,
    JSON.stringify({
      devices: beat.devices,
      outbox: beat.outbox,
      lastError: beat.lastError,
      notReady: beat.notReady,
      platformReachable: beat.platformReachable,
      contentLastRefresh: beat.content.lastRefresh,
    }),
    sampleDue ? sampleAt : row.history_at,
    sampleDue ? 0 : row.beats_since_sample + 1,
    content ? content.state : row.content_rollout_state,
    app ? app.state : row.app_rollout_state,
  ];
  const update = `UPDATE kiosks SET row_version = row_version + 1, recent_nonces = $3, nonce_floor = $4, health = $5, health_rank = $6,
    problems = $7, online = true, app_version = $8, content_version = $9, content_expires = $10, last_beat_at = $11, offline_after = $12,
    boot_id = $13, uptime_s = $14, clock_offset_ms = $15, session_in_progress = $16, ready = $17, report = $18, history_at = $19,
    beats_since_sample = $20, content_rollout_state = $21, app_rollout_state = $22
    WHERE id = $1 AND row_version = $2 AND status = 'approved' RETURNING id`;

  const offers = {
    content: {
      version: row.offer_content_mode === 'pin' ? row.offer_content : row.offer_content_mode === 'hold' ? beat.content.version : null,
      attempt: row.offer_content_attempt,
    },
    app: {
      version: row.offer_app_mode === 'pin' ? row.offer_app : row.offer_app_mode === 'hold' ? beat.appVersion : null,
      attempt: row.offer_app_attempt,
    },
  };
  const answer = (commands: FleetCommand[]): HeartbeatAnswer => ({ serverTime: now.toISOString(), nextBeatSeconds: ctx.config.beatSeconds, offers, commands });

  const quiet = events.length === 0 && !sampleDue && !contentChanged && !appChanged && !row.has_commands;
  if (quiet) {
    const values = [row.id, row.row_version, admitted.recent.join(' '), admitted.floor, health, HEALTH_RANK[health], problems.join(' '), ...params.slice(7, 18), params[19]];
    const done = await batchersOf(ctx).quiet.load({ id: row.id, values });
    return done ? { answer: answer([]), rolloutsTouched: [] } : null;
  }

  const kiosk = { id: row.id, hallId: row.hall_id, label: row.label };
  return ctx.db
    .transaction(
      async (tx) => {
        const done = await tx.query(update, params);
        if (done.length !== 1) throw new RowChanged();
        await addEvents(tx, now, events);
        await raiseAlerts(tx, ctx, kiosk, added, now);
        await resolveAlerts(tx, ctx, kiosk, removed, now);
        if (sampleDue) {
          await tx.query(
            `INSERT INTO kiosk_history (kiosk_id, at, resolution, health_rank, problems, outbox_pending, outbox_dead, clock_offset_ms, content_version, beats)
             VALUES ($1, $2, 'sample', $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
            [row.id, sampleAt, HEALTH_RANK[health], problems, beat.outbox.pending, beat.outbox.dead, clockOffsetMs, beat.content.version, row.beats_since_sample + 1],
          );
        }
        const touched: number[] = [];
        const progress = async (rolloutId: number | null, p: ReturnType<typeof rolloutProgress>, changed: boolean): Promise<void> => {
          if (!changed || !p || rolloutId === null) return;
          // picked_up_at: the first beat that reports the version running (what the rollout page shows per kiosk).
          await tx.query(
            `UPDATE rollout_kiosks SET state = $3, failure = $4, picked_up_at = CASE WHEN $6 THEN COALESCE(picked_up_at, $5) ELSE picked_up_at END
             WHERE rollout_id = $1 AND kiosk_id = $2`,
            [rolloutId, row.id, p.state, p.failure, now, p.installed],
          );
          touched.push(rolloutId);
        };
        await progress(row.content_rollout_id, content, contentChanged);
        await progress(row.app_rollout_id, app, appChanged);
        const commands = row.has_commands ? await deliverCommands(tx, row.id, now) : [];
        return { answer: answer(commands), rolloutsTouched: touched };
      },
      // A delivered command is durable: the kiosk must never be handed it again after a database crash.
      { relaxed: !row.has_commands },
    )
    .catch((err: unknown) => {
      if (err instanceof RowChanged) return null;
      throw err;
    });
}

class RowChanged extends Error {}

/** Pending commands leave with this answer, each exactly once (the row lock of the UPDATE decides between instances). */
async function deliverCommands(tx: Sql, kioskId: string, now: Date): Promise<FleetCommand[]> {
  const rows = await tx.query<{ id: string; kind: FleetCommand['kind']; issued_at: Date; expires_at: Date }>(
    `UPDATE commands SET state = 'delivered', delivered_at = $2
     WHERE id IN (SELECT id FROM commands WHERE kiosk_id = $1 AND state = 'pending' AND expires_at > $2 ORDER BY issued_at LIMIT 20 FOR UPDATE)
     RETURNING id, kind, issued_at, expires_at`,
    [kioskId, now],
  );
  return rows
    .sort((a, b) => a.issued_at.getTime() - b.issued_at.getTime())
    .map((r) => ({ id: r.id, kind: r.kind, issuedAt: r.issued_at.toISOString(), expiresAt: r.expires_at.toISOString() }));
}
