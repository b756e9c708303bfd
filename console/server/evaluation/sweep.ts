import type { ConsoleContext } from '../context';
import { dueAt } from '../fleet/alerts';
import { audit } from '../fleet/audit';
import { policyFor } from './ledger';
import { dropStaleUnfound } from './unfound';
import { nearFrom } from './working-days';

/**
 * Time-driven work of the ledger, on the console's clock: open cases near or past a deadline are
 * flagged and escalated to their hall's manager (once per step up, audited, and pushed through the alert
 * webhook in the hall's opening hours when one is configured), and a closed case's personal data is
 * erased once its retention has passed. Row locks with SKIP LOCKED give each case to one instance.
 */
export async function sweepCases(ctx: ConsoleContext): Promise<{ escalated: string[]; erased: string[] }> {
  const now = new Date(ctx.clock.now());
  return ctx.db.transaction(async (tx) => {
    const open = await tx.query<{ id: number; number: string; type: string; hall_id: string | null; verify_due: Date; reply_due: Date; verified_at: Date | null; urgency: string; escalated_at: Date | null }>(
      `SELECT id, number, type, hall_id, verify_due, reply_due, verified_at, urgency, escalated_at FROM cases WHERE state = 'open' ORDER BY reply_due LIMIT 5000 FOR UPDATE SKIP LOCKED`,
    );
    const policies = new Map<string, Awaited<ReturnType<typeof policyFor>>>();
    const escalated: string[] = [];
    for (const c of open) {
      const key = c.hall_id ?? '*';
      if (!policies.has(key)) policies.set(key, await policyFor(tx, c.hall_id));
      const policy = policies.get(key)!;
      const t = now.getTime();
      const overdue = t >= c.reply_due.getTime() || (!c.verified_at && t >= c.verify_due.getTime());
      const near = !overdue && (t >= nearFrom(c.reply_due.getTime(), policy.nearWorkingDays) || (!c.verified_at && t >= c.verify_due.getTime() - 12 * 3_600_000));
      const urgency = overdue ? 'overdue' : near ? 'near' : 'normal';
      if (urgency === c.urgency) continue;
      const escalate = urgency !== 'normal' && (!c.escalated_at || c.urgency !== urgency);
      await tx.query(`UPDATE cases SET urgency = $2, escalated_at = CASE WHEN $3 THEN $4 ELSE escalated_at END WHERE id = $1`, [c.id, urgency, escalate, now]);
      if (escalate) {
        escalated.push(c.number);
        await audit(tx, null, now, 'case.escalate', `case:${c.number}`, { urgency, hall: c.hall_id, to: 'hall-manager' });
        if (ctx.config.webhook) {
          // What the manager needs to act, never the person's call-back number or what they wrote.
          const notice = {
            event: 'case-escalated',
            case: { number: c.number, type: c.type, urgency, hallId: c.hall_id, verified: c.verified_at !== null, verifyDue: c.verify_due.toISOString(), replyDue: c.reply_due.toISOString() },
            to: 'hall-manager',
          };
          await tx.query(`INSERT INTO webhook_deliveries (case_id, event, payload, due_at, state) VALUES ($1, 'case-escalated', $2, $3, 'pending')`, [
            c.id,
            JSON.stringify(notice),
            new Date(await dueAt(tx, c.hall_id, t)),
          ]);
        }
      }
    }
    const erased = await tx.query<{ number: string }>(
      `UPDATE cases SET contact_mobile = NULL, personal_erased_at = $1
       WHERE id = ANY(ARRAY(SELECT id FROM cases WHERE contact_mobile IS NOT NULL AND state = 'closed'
         AND closed_at + make_interval(days => retention_days) <= $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)) RETURNING number`,
      [now],
    );
    for (const e of erased) await audit(tx, null, now, 'case.erase-personal-data', `case:${e.number}`, {});
    // 智能导办's sentences that found nothing: those no kiosk typed again for 180 days go.
    await dropStaleUnfound(tx, now);
    return { escalated, erased: erased.map((e) => e.number) };
  });
}
