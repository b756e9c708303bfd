import { createHmac } from 'node:crypto';
import type { ConsoleContext } from '../context';

const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;
/** 30 s, 1 min, 2 min … at most an hour between attempts. */
const backoffMs = (attempt: number): number => Math.min(3_600_000, 30_000 * 2 ** (attempt - 1));

/**
 * Sends the alert notifications and case escalations that are due (quiet hours already set their due time) to the
 * configured webhook, as JSON, signed with HMAC-SHA256 when a secret is set. Each delivery is leased
 * to one instance at a time; a failed one is tried again later, up to eight times.
 */
export async function deliverWebhooks(ctx: ConsoleContext, fetchImpl: typeof fetch): Promise<number> {
  const hook = ctx.config.webhook;
  if (!hook) return 0;
  const now = ctx.clock.now();
  const due = await ctx.db.query<{ id: number; alert_id: number | null; event: string; payload: unknown; attempts: number }>(
    `UPDATE webhook_deliveries SET lease_until = $2, attempts = attempts + 1
     WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until < $1)
                  ORDER BY due_at, id LIMIT 20 FOR UPDATE SKIP LOCKED)
     RETURNING id, alert_id, event, payload, attempts`,
    [new Date(now), new Date(now + LEASE_MS)],
  );
  let sent = 0;
  for (const d of due.sort((a, b) => a.id - b.id)) {
    const body = JSON.stringify(d.payload);
    let error: string | null = null;
    try {
      const res = await fetchImpl(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-fleet-delivery': String(d.id),
          ...(hook.secret ? { 'x-fleet-signature': `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}` } : {}),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) error = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const at = new Date(ctx.clock.now());
    if (error === null) {
      sent++;
      await ctx.db.query(`UPDATE webhook_deliveries SET state = 'sent', sent_at = $2, lease_until = NULL, last_error = NULL WHERE id = $1`, [d.id, at]);
      if (d.event === 'raised') await ctx.db.query(`UPDATE alerts SET notification = 'sent' WHERE id = $1`, [d.alert_id]);
    } else if (d.attempts >= MAX_ATTEMPTS) {
      ctx.log.warn('webhook delivery failed for good', { delivery: d.id, error });
      await ctx.db.query(`UPDATE webhook_deliveries SET state = 'failed', lease_until = NULL, last_error = $2 WHERE id = $1`, [d.id, error]);
      if (d.event === 'raised') await ctx.db.query(`UPDATE alerts SET notification = 'failed' WHERE id = $1`, [d.alert_id]);
    } else {
      await ctx.db.query(`UPDATE webhook_deliveries SET lease_until = NULL, last_error = $2, due_at = $3 WHERE id = $1`, [d.id, error, new Date(at.getTime() + backoffMs(d.attempts))]);
      if (d.event === 'raised') await ctx.db.query(`UPDATE alerts SET notification = 'pending' WHERE id = $1 AND notification = 'held'`, [d.alert_id]);
    }
  }
  return sent;
}
