import { randomUUID } from 'node:crypto';
import type { CommandView } from '../../shared/api';
import type { CommandKind, CommandResult } from '../../wire/protocol';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { conflict } from '../http/errors';
import { audit, type Actor } from './audit';
import { admitCall, KIOSK_STATE_SQL, refuse, unknownKiosk, type KioskState, type Refusal } from './heartbeats';
import { signedKioskId, type SignedCall } from './signed-call';

/** Queues a command for a kiosk; it leaves with the kiosk's next heartbeat answer. */
export async function issueCommand(tx: Sql, actor: Actor, kioskId: string, kind: CommandKind, expiresInMinutes: number, now: Date): Promise<string> {
  const [k] = await tx.query<{ status: string }>('SELECT status FROM kiosks WHERE id = $1', [kioskId]);
  if (k?.status !== 'approved') throw conflict(`kiosk ${kioskId} is not enrolled`);
  const id = randomUUID();
  await tx.query(
    `INSERT INTO commands (id, kiosk_id, kind, state, issued_by, issued_at, expires_at) VALUES ($1, $2, $3, 'pending', $4, $5, $6)`,
    [id, kioskId, kind, actor.username, now, new Date(now.getTime() + expiresInMinutes * 60_000)],
  );
  await audit(tx, actor, now, 'command.issue', `kiosk:${kioskId}`, { command: id, kind, expiresInMinutes });
  return id;
}

/**
 * A kiosk reports what came of a command. Only a delivered command that has not expired takes a
 * result, once; a repeated report (the kiosk did not hear the answer) is answered with the state it
 * already has, so the kiosk stops reporting it.
 */
export async function takeCommandResult(ctx: ConsoleContext, call: SignedCall, result: CommandResult): Promise<{ ok: true; recorded: boolean; state: string } | Refusal> {
  const kioskId = signedKioskId(call);
  if (!kioskId) return refuse(401, 'unsigned', 'the request is not signed');
  for (let attempt = 0; attempt < 4; attempt++) {
    const [row] = await ctx.db.query<KioskState>(KIOSK_STATE_SQL, [kioskId]);
    if (!row) return unknownKiosk(ctx.db, kioskId);
    const now = new Date(ctx.clock.now());
    const admitted = admitCall(row, call, now.getTime());
    if (!admitted.ok) return admitted;
    const out = await ctx.db.transaction(async (tx) => {
      const moved = await tx.query('UPDATE kiosks SET recent_nonces = $3, nonce_floor = $4, row_version = row_version + 1 WHERE id = $1 AND row_version = $2 RETURNING id', [
        kioskId,
        row.row_version,
        admitted.recent,
        admitted.floor,
      ]);
      if (moved.length === 0) return null;
      const done = await tx.query(
        `UPDATE commands SET state = $3, finished_at = $4, detail = $5, attachment_type = $6, attachment = $7
         WHERE id = $1 AND kiosk_id = $2 AND state = 'delivered' AND expires_at > $4 RETURNING id`,
        [
          result.commandId,
          kioskId,
          result.outcome,
          now,
          result.detail,
          result.attachment?.type ?? null,
          result.attachment ? (result.attachment.type === 'screenshot' ? result.attachment.pngBase64 : JSON.stringify(result.attachment.data)) : null,
        ],
      );
      if (done.length === 1) return { recorded: true, state: result.outcome };
      const [c] = await tx.query<{ state: string }>('SELECT state FROM commands WHERE id = $1 AND kiosk_id = $2', [result.commandId, kioskId]);
      return { recorded: false, state: c?.state ?? 'unknown' };
    });
    if (out) return { ok: true, ...out };
  }
  return refuse(409, 'invalid', 'the kiosk row kept changing; try again');
}

/** Commands nobody fetched or answered in time: expired (default ten minutes after they were issued). */
export async function expireCommands(ctx: ConsoleContext): Promise<number> {
  const rows = await ctx.db.query(
    `UPDATE commands SET state = 'expired', finished_at = $1, detail = COALESCE(detail, CASE WHEN state = 'pending' THEN 'not fetched in time' ELSE 'no result in time' END)
     WHERE state IN ('pending', 'delivered') AND expires_at <= $1 RETURNING id`,
    [new Date(ctx.clock.now())],
  );
  return rows.length;
}

interface CommandRow {
  id: string;
  kiosk_id: string;
  kind: CommandKind;
  state: CommandView['state'];
  issued_by: string;
  issued_at: Date;
  delivered_at: Date | null;
  finished_at: Date | null;
  expires_at: Date;
  detail: string | null;
  attachment_type: 'diagnostics' | 'screenshot' | null;
}

export async function commandsOf(db: Sql, kioskId: string): Promise<CommandView[]> {
  const rows = await db.query<CommandRow>(
    `SELECT id, kiosk_id, kind, state, issued_by, issued_at, delivered_at, finished_at, expires_at, detail, attachment_type
     FROM commands WHERE kiosk_id = $1 ORDER BY issued_at DESC LIMIT 50`,
    [kioskId],
  );
  return rows.map((r) => ({
    id: r.id,
    kioskId: r.kiosk_id,
    kind: r.kind,
    state: r.state,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at.toISOString(),
    deliveredAt: r.delivered_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
    detail: r.detail,
    attachment: r.attachment_type,
  }));
}
