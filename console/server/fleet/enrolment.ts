import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { approveRequest } from '../../shared/api';
import { hallScoped } from '../../shared/roles';
import type { EnrolAnswer, EnrolRequest } from '../../wire/protocol';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { conflict, forbidden, HttpError } from '../http/errors';
import { audit, type Actor } from './audit';
import { addEvents } from './events';
import { offlineAfter, refuse, type Refusal } from './heartbeats';
import { bucketOf } from './rings';
import { applyOfferFor } from './rollouts';
import { verifyCall, type SignedCall, signedKioskId } from './signed-call';

/** How often a pending kiosk asks again (sooner when the console's beat is faster, as in tests). */
const PENDING_RETRY_SECONDS = 10;
/** A pairing code is good while its kiosk keeps asking; one not heard from for this long cannot be approved. */
const CODE_FRESH_MS = 60 * 60_000;

/** Short, for operators to compare by eye: the first 16 hex digits of the key's SHA-256. */
export const keyFingerprint = (spkiBase64: string): string => createHash('sha256').update(spkiBase64).digest('hex').slice(0, 16);

/**
 * A kiosk asks to join (or whether it has been let in). The request is signed with the key it
 * presents, which proves it holds that key; the operator's approval, by the pairing code the kiosk
 * shows on its technician screen, binds the key to the fleet.
 */
export async function takeEnrolment(ctx: ConsoleContext, call: SignedCall, req: EnrolRequest): Promise<{ ok: true; answer: EnrolAnswer } | Refusal> {
  const now = ctx.clock.now();
  if (signedKioskId(call) !== req.kioskId) return refuse(401, 'bad-signature', 'the signed kiosk id differs from the enrolment');
  const v = verifyCall(call, req.publicKeySpkiBase64, now);
  if (!v.ok) return refuse(401, v.reason === 'stale' ? 'stale' : 'bad-signature', 'the enrolment is not signed by the key it presents');
  const answer = (status: EnrolAnswer['status'], hall: EnrolAnswer['hall'] = null, label: string | null = null): { ok: true; answer: EnrolAnswer } => ({
    ok: true,
    answer: { status, hall, label, retrySeconds: Math.min(PENDING_RETRY_SECONDS, ctx.config.beatSeconds), serverTime: new Date(now).toISOString() },
  });

  const [kiosk] = await ctx.db.query<{ public_key: string; status: string; hall_id: string | null; hall_name: string | null; label: string | null }>(
    'SELECT k.public_key, k.status, k.hall_id, h.name AS hall_name, k.label FROM kiosks k LEFT JOIN halls h ON h.id = k.hall_id WHERE k.id = $1',
    [req.kioskId],
  );
  if (kiosk && kiosk.public_key === req.publicKeySpkiBase64) {
    if (kiosk.status === 'revoked') return refuse(403, 'revoked', 'this kiosk has been revoked by an operator');
    return answer('approved', kiosk.hall_id ? { id: kiosk.hall_id, name: kiosk.hall_name ?? kiosk.hall_id } : null, kiosk.label);
  }
  if (kiosk && kiosk.status === 'approved') return refuse(409, 'key-mismatch', 'a kiosk with this id is enrolled with another key');

  try {
    await ctx.db.query(
      `INSERT INTO enrolments (kiosk_id, public_key, pairing_code, app_version, content_version, state, requested_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)
       ON CONFLICT (public_key) DO UPDATE SET kiosk_id = EXCLUDED.kiosk_id, pairing_code = EXCLUDED.pairing_code,
         app_version = EXCLUDED.app_version, content_version = EXCLUDED.content_version, last_seen_at = EXCLUDED.last_seen_at,
         state = 'pending'`,
      [req.kioskId, req.publicKeySpkiBase64, req.pairingCode, req.appVersion, req.contentVersion, new Date(now)],
    );
  } catch (err) {
    // Another kiosk waiting shows the same code: this one picks a new one.
    if ((err as { code?: string }).code === '23505') return answer('code-taken');
    throw err;
  }
  return answer('pending');
}

/**
 * An operator lets a kiosk in by the code it shows. A kiosk id already enrolled with another key is
 * refused unless that kiosk was revoked (a reinstalled kiosk: its new key replaces the old one).
 */
export async function approveEnrolment(
  tx: Sql,
  ctx: ConsoleContext,
  actor: Actor,
  input: z.output<typeof approveRequest>,
  now: Date,
): Promise<string> {
  if (hallScoped(actor.role) && (input.hallId === null || !actor.halls.includes(input.hallId))) throw forbidden('a hall manager places kiosks in their own halls');
  const [e] = await tx.query<{ id: number; kiosk_id: string; public_key: string; app_version: string; content_version: number | null; requested_at: Date }>(
    `SELECT id, kiosk_id, public_key, app_version, content_version, requested_at FROM enrolments
     WHERE pairing_code = $1 AND state = 'pending' AND last_seen_at > $2 FOR UPDATE`,
    [input.pairingCode, new Date(now.getTime() - CODE_FRESH_MS)],
  );
  if (!e) throw new HttpError(404, 'no-such-code', 'no kiosk is waiting with this pairing code');
  if (input.hallId) {
    const [hall] = await tx.query('SELECT 1 FROM halls WHERE id = $1', [input.hallId]);
    if (!hall) throw new HttpError(400, 'invalid', `no hall ${input.hallId}`);
  }
  const [existing] = await tx.query<{ status: string }>('SELECT status FROM kiosks WHERE id = $1 FOR UPDATE', [e.kiosk_id]);
  if (existing?.status === 'approved') throw conflict(`kiosk ${e.kiosk_id} is already enrolled with another key: revoke it first`, 'already-enrolled');
  const bucket = bucketOf(e.kiosk_id);
  await tx.query(
    `INSERT INTO kiosks (id, public_key, status, label, hall_id, bucket, enrolled_at, approved_at, approved_by, nonce_floor, health, health_rank,
       problems, online, app_version, content_version, offline_after)
     VALUES ($1, $2, 'approved', $3, $4, $5, $6, $7, $8, $7, 'amber', 1, '{awaiting-first-beat}', true, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET public_key = EXCLUDED.public_key, status = 'approved', label = EXCLUDED.label, hall_id = EXCLUDED.hall_id,
       approved_at = EXCLUDED.approved_at, approved_by = EXCLUDED.approved_by, revoked_at = NULL, nonce_floor = EXCLUDED.nonce_floor,
       recent_nonces = '{}', health = 'amber', health_rank = 1, problems = '{awaiting-first-beat}', online = true,
       offline_after = EXCLUDED.offline_after, row_version = kiosks.row_version + 1`,
    [e.kiosk_id, e.public_key, input.label, input.hallId, bucket, e.requested_at, now, actor.username, e.app_version, e.content_version, offlineAfter(now.getTime(), ctx.config.beatSeconds)],
  );
  await tx.query(`UPDATE enrolments SET state = 'approved', decided_at = $2, decided_by = $3 WHERE id = $1`, [e.id, now, actor.username]);
  const kiosk = { id: e.kiosk_id, hallId: input.hallId, bucket };
  await applyOfferFor(tx, 'content', kiosk, now);
  await applyOfferFor(tx, 'app', kiosk, now);
  await addEvents(tx, now, [{ kioskId: e.kiosk_id, kind: 'approved', detail: { by: actor.username, hallId: input.hallId } }]);
  await audit(tx, actor, now, 'kiosk.approve', `kiosk:${e.kiosk_id}`, { hallId: input.hallId, label: input.label, key: keyFingerprint(e.public_key) });
  return e.kiosk_id;
}
