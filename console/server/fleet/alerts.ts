import { problemKind, problemSubject, severityOf } from '../../shared/problems';
import { openingHours } from '../../shared/api';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { nextOpening } from './opening-hours';

export interface AlertKiosk {
  readonly id: string;
  readonly hallId: string | null;
  readonly label: string | null;
}

/** When the hall of a kiosk lets a notification out (kiosks in no hall: at once). */
export async function dueAt(tx: Sql, hallId: string | null, now: number): Promise<number> {
  if (!hallId) return now;
  const [hall] = await tx.query<{ opening: unknown }>('SELECT opening FROM halls WHERE id = $1', [hallId]);
  const opening = openingHours.safeParse(hall?.opening);
  return opening.success ? nextOpening(opening.data, now) : now;
}

const payload = (event: 'raised' | 'resolved', a: { id: number; code: string; raisedAt: Date; resolvedAt: Date | null }, kiosk: AlertKiosk) => ({
  event,
  alert: {
    id: a.id,
    code: a.code,
    kind: problemKind(a.code),
    subject: problemSubject(a.code),
    severity: severityOf(a.code),
    raisedAt: a.raisedAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
  },
  kiosk: { id: kiosk.id, label: kiosk.label, hallId: kiosk.hallId },
});

/**
 * Opens an alert per new problem (one open alert per kiosk and problem, whatever two instances do) and,
 * when a webhook is configured, queues its notification for the hall's opening hours.
 */
export async function raiseAlerts(tx: Sql, ctx: ConsoleContext, kiosk: AlertKiosk, codes: readonly string[], now: Date): Promise<void> {
  if (codes.length === 0) return;
  const due = ctx.config.webhook ? await dueAt(tx, kiosk.hallId, now.getTime()) : null;
  for (const code of codes) {
    const [alert] = await tx.query<{ id: number }>(
      `INSERT INTO alerts (kiosk_id, hall_id, code, kind, subject, severity, raised_at, notification)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (kiosk_id, code) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
      [kiosk.id, kiosk.hallId, code, problemKind(code), problemSubject(code), severityOf(code), now, due === null ? 'none' : due > now.getTime() ? 'held' : 'pending'],
    );
    if (!alert || due === null) continue;
    await tx.query(`INSERT INTO webhook_deliveries (alert_id, event, payload, due_at, state) VALUES ($1, 'raised', $2, $3, 'pending')`, [
      alert.id,
      JSON.stringify(payload('raised', { id: alert.id, code, raisedAt: now, resolvedAt: null }, kiosk)),
      new Date(due),
    ]);
  }
}

/**
 * Closes the open alerts of problems that are gone. A notification still held for quiet hours is
 * dropped (nobody needs to hear at opening time about a night-time problem that is over); one already
 * sent or on its way is followed by a "resolved" notification.
 */
export async function resolveAlerts(tx: Sql, ctx: ConsoleContext, kiosk: AlertKiosk, codes: readonly string[] | 'all', now: Date): Promise<void> {
  if (codes !== 'all' && codes.length === 0) return;
  const resolved = await tx.query<{ id: number; code: string; raised_at: Date; notification: string }>(
    `UPDATE alerts SET resolved_at = $2
     WHERE kiosk_id = $1 AND resolved_at IS NULL AND ($3::text[] IS NULL OR code = ANY($3::text[]))
     RETURNING id, code, raised_at, notification`,
    [kiosk.id, now, codes === 'all' ? null : codes],
  );
  for (const a of resolved) {
    if (a.notification === 'held') {
      await tx.query(`UPDATE webhook_deliveries SET state = 'cancelled' WHERE alert_id = $1 AND state = 'pending'`, [a.id]);
      await tx.query(`UPDATE alerts SET notification = 'cancelled' WHERE id = $1`, [a.id]);
    } else if (ctx.config.webhook && (a.notification === 'pending' || a.notification === 'sent')) {
      const due = await dueAt(tx, kiosk.hallId, now.getTime());
      await tx.query(`INSERT INTO webhook_deliveries (alert_id, event, payload, due_at, state) VALUES ($1, 'resolved', $2, $3, 'pending')`, [
        a.id,
        JSON.stringify(payload('resolved', { id: a.id, code: a.code, raisedAt: a.raised_at, resolvedAt: now }, kiosk)),
        new Date(due),
      ]);
    }
  }
}
