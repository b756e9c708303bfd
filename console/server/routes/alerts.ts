import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { alertList, alertsQuery, type AlertView } from '../../shared/api';
import { signedIn } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import { audit } from '../fleet/audit';
import { notFound } from '../http/errors';
import { route } from '../http/zod-routes';
import { scopeSql } from './kiosks';

interface AlertRow {
  id: number;
  kiosk_id: string;
  label: string | null;
  hall_id: string | null;
  kind: AlertView['kind'];
  subject: string | null;
  severity: 'red' | 'amber';
  raised_at: Date;
  resolved_at: Date | null;
  acknowledged_by: string | null;
  notification: AlertView['notification'];
}

export function alertRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  route(app, {
    method: 'GET',
    url: '/api/alerts',
    query: alertsQuery,
    response: alertList,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request);
      const params: unknown[] = [];
      const where = [scopeSql(actor, params, 'a.hall_id')];
      if (query.state !== 'all') where.push(query.state === 'open' ? 'a.resolved_at IS NULL' : 'a.resolved_at IS NOT NULL');
      if (query.hall) {
        params.push(query.hall);
        where.push(`a.hall_id = $${params.length}`);
      }
      if (query.kiosk) {
        params.push(query.kiosk);
        where.push(`a.kiosk_id = $${params.length}`);
      }
      if (query.before !== undefined) {
        params.push(query.before);
        where.push(`a.id < $${params.length}`);
      }
      params.push(query.limit + 1);
      const rows = await ctx.db.query<AlertRow>(
        `SELECT a.id, a.kiosk_id, k.label, a.hall_id, a.kind, a.subject, a.severity, a.raised_at, a.resolved_at, a.acknowledged_by, a.notification
         FROM alerts a LEFT JOIN kiosks k ON k.id = a.kiosk_id WHERE ${where.join(' AND ')} ORDER BY a.id DESC LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, query.limit);
      return {
        alerts: page.map((a) => ({
          id: a.id,
          kioskId: a.kiosk_id,
          kioskLabel: a.label,
          hallId: a.hall_id,
          kind: a.kind,
          subject: a.subject,
          severity: a.severity,
          raisedAt: a.raised_at.toISOString(),
          resolvedAt: a.resolved_at?.toISOString() ?? null,
          acknowledgedBy: a.acknowledged_by,
          notification: a.notification,
        })),
        next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/alerts/:id/acknowledge',
    params: z.object({ id: z.coerce.number().int() }),
    response: z.object({ acknowledged: z.boolean() }),
    handler: async ({ params: p, request }) => {
      const { actor } = await signedIn(ctx, request, 'alerts.acknowledge');
      const now = new Date(ctx.clock.now());
      return ctx.db.transaction(async (tx) => {
        const params: unknown[] = [p.id, actor.username, now];
        const rows = await tx.query<{ kiosk_id: string }>(
          `UPDATE alerts a SET acknowledged_by = $2, acknowledged_at = $3 WHERE a.id = $1 AND ${scopeSql(actor, params, 'a.hall_id')} RETURNING a.kiosk_id`,
          params,
        );
        if (!rows[0]) throw notFound(`alert ${p.id}`);
        await audit(tx, actor, now, 'alert.acknowledge', `kiosk:${rows[0].kiosk_id}`, { alert: p.id });
        return { acknowledged: true };
      });
    },
  });
}
