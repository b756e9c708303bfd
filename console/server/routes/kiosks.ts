import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  approveAnswer,
  approveRequest,
  commandList,
  eventsQuery,
  historyQuery,
  issueCommand,
  kioskDetail,
  kioskEvents,
  kioskHistory,
  kioskList,
  kioskListQuery,
  kioskUpdate,
  pendingEnrolments,
  type KioskDetail,
  type KioskRow,
} from '../../shared/api';
import { HEALTH_RANK, type Health } from '../../shared/problems';
import { hallScoped } from '../../shared/roles';
import type { DeviceReport } from '../../wire/protocol';
import { signedIn } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import type { Sql } from '../db/database';
import { resolveAlerts } from '../fleet/alerts';
import { audit, type Actor } from '../fleet/audit';
import { commandsOf, issueCommand as queueCommand } from '../fleet/commands';
import { approveEnrolment, keyFingerprint } from '../fleet/enrolment';
import { addEvents } from '../fleet/events';
import { historyOf } from '../fleet/history';
import { applyOfferFor } from '../fleet/rollouts';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors';
import { route } from '../http/zod-routes';

const idParams = z.object({ id: z.string().min(1).max(64) });

/** A hall manager sees and acts on the kiosks of their halls only. */
export function scopeSql(actor: Actor, params: unknown[], column = 'k.hall_id'): string {
  if (!hallScoped(actor.role)) return 'true';
  params.push([...actor.halls]);
  return `${column} = ANY($${params.length}::text[])`;
}

const encodeCursor = (rank: number, id: string): string => Buffer.from(JSON.stringify([rank, id])).toString('base64url');
const decodeCursor = (c: string): [number, string] => {
  const parsed = z.tuple([z.number().int(), z.string()]).safeParse((() => {
    try {
      return JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
  })());
  if (!parsed.success) throw badRequest('malformed cursor');
  return parsed.data;
};
const likePrefix = (s: string): string => `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

interface KioskRowDb {
  id: string;
  label: string | null;
  hall_id: string | null;
  hall_name: string | null;
  status: 'approved' | 'revoked';
  health: Health;
  health_rank: number;
  problems: string[];
  app_version: string | null;
  content_version: number | null;
  last_beat_at: Date | null;
  session_in_progress: boolean;
}
const LIST_COLUMNS = `k.id, k.label, k.hall_id, h.name AS hall_name, k.status, k.health, k.health_rank, k.problems, k.app_version,
  k.content_version, k.last_beat_at, k.session_in_progress`;
const toRow = (r: KioskRowDb): KioskRow => ({
  id: r.id,
  label: r.label,
  hall: r.hall_id ? { id: r.hall_id, name: r.hall_name ?? r.hall_id } : null,
  status: r.status,
  health: r.health,
  problems: r.problems,
  appVersion: r.app_version,
  contentVersion: r.content_version,
  lastBeatAt: r.last_beat_at?.toISOString() ?? null,
  sessionInProgress: r.session_in_progress,
});

/** Loads one kiosk the operator may see, locked when `forUpdate`. */
async function visibleKiosk(db: Sql, actor: Actor, id: string, forUpdate = false): Promise<{ id: string; hall_id: string | null; label: string | null; status: string; bucket: number }> {
  const params: unknown[] = [id];
  const scope = scopeSql(actor, params);
  const [k] = await db.query<{ id: string; hall_id: string | null; label: string | null; status: string; bucket: number }>(
    `SELECT k.id, k.hall_id, k.label, k.status, k.bucket FROM kiosks k WHERE k.id = $1 AND ${scope} ${forUpdate ? 'FOR UPDATE' : ''}`,
    params,
  );
  if (!k) throw notFound(`kiosk ${id}`);
  return k;
}

export function kioskRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const now = (): Date => new Date(ctx.clock.now());

  route(app, {
    method: 'GET',
    url: '/api/kiosks',
    query: kioskListQuery,
    response: kioskList,
    handler: async ({ query, request }) => {
      const { actor } = await signedIn(ctx, request);
      const params: unknown[] = [query.status];
      const where = ['k.status = $1', scopeSql(actor, params)];
      if (query.hall) {
        params.push(query.hall);
        where.push(`k.hall_id = $${params.length}`);
      }
      if (query.version) {
        params.push(query.version);
        where.push(/^\d+$/.test(query.version) ? `k.content_version = $${params.length}::int` : `k.app_version = $${params.length}`);
      }
      if (query.problem) {
        params.push(query.problem);
        where.push(`EXISTS (SELECT 1 FROM unnest(k.problems) p WHERE split_part(p, ':', 1) = $${params.length})`);
      }
      if (query.q) {
        params.push(likePrefix(query.q));
        where.push(`(k.id LIKE $${params.length} OR k.label LIKE $${params.length})`);
      }
      const countParams = [...params];
      const counts = await ctx.db.query<{ health: Health; n: number }>(`SELECT k.health, count(*)::int AS n FROM kiosks k WHERE ${where.join(' AND ')} GROUP BY k.health`, countParams);
      if (query.health) {
        params.push(HEALTH_RANK[query.health]);
        where.push(`k.health_rank = $${params.length}`);
      }
      if (query.after) {
        const [rank, id] = decodeCursor(query.after);
        params.push(rank, id);
        where.push(`(k.health_rank, k.id) > ($${params.length - 1}, $${params.length})`);
      }
      params.push(query.limit + 1);
      const rows = await ctx.db.query<KioskRowDb>(
        `SELECT ${LIST_COLUMNS} FROM kiosks k LEFT JOIN halls h ON h.id = k.hall_id
         WHERE ${where.join(' AND ')} ORDER BY k.health_rank, k.id LIMIT $${params.length}`,
        params,
      );
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const count = (h: Health): number => counts.find((c) => c.health === h)?.n ?? 0;
      return {
        kiosks: page.map(toRow),
        next: rows.length > query.limit && last ? encodeCursor(last.health_rank, last.id) : null,
        counts: { green: count('green'), amber: count('amber'), red: count('red') },
      };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/kiosks/:id',
    params: idParams,
    response: kioskDetail,
    handler: async ({ params: p, request }): Promise<KioskDetail> => {
      const { actor } = await signedIn(ctx, request);
      const params: unknown[] = [p.id];
      const scope = scopeSql(actor, params);
      const [r] = await ctx.db.query<
        KioskRowDb & {
          enrolled_at: Date;
          approved_at: Date | null;
          approved_by: string | null;
          boot_id: string | null;
          uptime_s: number | null;
          clock_offset_ms: number | null;
          report: { devices?: DeviceReport[]; outbox?: { pending: number; dead: number }; lastError?: KioskDetail['lastError'] } | null;
          content_expires: Date | null;
          offer_content_mode: string;
          offer_content: number | null;
          offer_app_mode: string;
          offer_app: string | null;
          refused_beats: number;
        }
      >(
        `SELECT ${LIST_COLUMNS}, k.enrolled_at, k.approved_at, k.approved_by, k.boot_id, k.uptime_s, k.clock_offset_ms, k.report, k.content_expires,
           k.offer_content_mode, k.offer_content, k.offer_app_mode, k.offer_app, k.refused_beats
         FROM kiosks k LEFT JOIN halls h ON h.id = k.hall_id WHERE k.id = $1 AND ${scope}`,
        params,
      );
      if (!r) throw notFound(`kiosk ${p.id}`);
      return {
        ...toRow(r),
        enrolledAt: r.enrolled_at.toISOString(),
        approvedAt: r.approved_at?.toISOString() ?? null,
        approvedBy: r.approved_by,
        bootId: r.boot_id,
        uptimeSeconds: r.uptime_s,
        clockOffsetMs: r.clock_offset_ms,
        outbox: r.report?.outbox ?? null,
        devices: (r.report?.devices ?? []).map((d) => ({ role: d.role, state: d.state, since: d.since, ...(d.condition ? { condition: d.condition } : {}) })),
        contentExpires: r.content_expires?.toISOString() ?? null,
        lastError: r.report?.lastError ?? null,
        offers: { content: r.offer_content_mode === 'pin' ? r.offer_content : null, app: r.offer_app_mode === 'pin' ? r.offer_app : null },
        refusedBeats: r.refused_beats,
      };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/kiosks/:id/history',
    params: idParams,
    query: historyQuery,
    response: kioskHistory,
    handler: async ({ params: p, query, request }) => {
      const { actor } = await signedIn(ctx, request);
      await visibleKiosk(ctx.db, actor, p.id);
      return historyOf(ctx.db, p.id, new Date(ctx.clock.now() - query.days * 86_400_000));
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/kiosks/:id/events',
    params: idParams,
    query: eventsQuery,
    response: kioskEvents,
    handler: async ({ params: p, query, request }) => {
      const { actor } = await signedIn(ctx, request);
      await visibleKiosk(ctx.db, actor, p.id);
      const rows = await ctx.db.query<{ id: number; at: Date; kind: string; detail: Record<string, unknown> }>(
        `SELECT id, at, kind, detail FROM kiosk_events WHERE kiosk_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
        [p.id, query.before ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      return {
        events: page.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, detail: e.detail })),
        next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/kiosks/:id',
    params: idParams,
    body: kioskUpdate,
    response: z.object({ updated: z.boolean() }),
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'kiosks.manage');
      return ctx.db.transaction(async (tx) => {
        const k = await visibleKiosk(tx, actor, p.id, true);
        const hallId = body.hallId === undefined ? k.hall_id : body.hallId;
        if (hallScoped(actor.role) && (hallId === null || !actor.halls.includes(hallId))) throw forbidden('a hall manager places kiosks in their own halls');
        if (hallId) {
          const [hall] = await tx.query('SELECT 1 FROM halls WHERE id = $1', [hallId]);
          if (!hall) throw badRequest(`no hall ${hallId}`);
        }
        const label = body.label === undefined ? k.label : body.label;
        await tx.query('UPDATE kiosks SET hall_id = $2, label = $3, row_version = row_version + 1 WHERE id = $1', [p.id, hallId, label]);
        if (hallId !== k.hall_id) {
          await addEvents(tx, now(), [{ kioskId: p.id, kind: 'hall', detail: { from: k.hall_id, to: hallId } }]);
          // Another hall may be another ring: what the kiosk may install is worked out again.
          await applyOfferFor(tx, 'content', { id: p.id, hallId, bucket: k.bucket }, now());
          await applyOfferFor(tx, 'app', { id: p.id, hallId, bucket: k.bucket }, now());
        }
        await audit(tx, actor, now(), 'kiosk.update', `kiosk:${p.id}`, { hallId, label });
        return { updated: true };
      });
    },
  });

  for (const action of ['revoke', 'reinstate'] as const) {
    route(app, {
      method: 'POST',
      url: `/api/kiosks/:id/${action}`,
      params: idParams,
      response: z.object({ status: z.enum(['approved', 'revoked']) }),
      handler: async ({ params: p, request }) => {
        const { actor } = await signedIn(ctx, request, 'kiosks.manage');
        return ctx.db.transaction(async (tx) => {
          const k = await visibleKiosk(tx, actor, p.id, true);
          const t = now();
          if (action === 'revoke') {
            if (k.status === 'revoked') throw new HttpError(409, 'conflict', 'already revoked');
            // Its heartbeats are refused from now on; it stops showing as a problem of the fleet.
            await tx.query(
              `UPDATE kiosks SET status = 'revoked', revoked_at = $2, problems = '{}', health = 'green', health_rank = 2, row_version = row_version + 1 WHERE id = $1`,
              [p.id, t],
            );
            await tx.query(`UPDATE commands SET state = 'expired', finished_at = $2, detail = 'kiosk revoked' WHERE kiosk_id = $1 AND state IN ('pending', 'delivered')`, [p.id, t]);
            await resolveAlerts(tx, ctx, { id: k.id, hallId: k.hall_id, label: k.label }, 'all', t);
          } else {
            if (k.status !== 'revoked') throw new HttpError(409, 'conflict', 'not revoked');
            await tx.query(
              `UPDATE kiosks SET status = 'approved', revoked_at = NULL, problems = '{awaiting-first-beat}', health = 'amber', health_rank = 1, online = true,
                 offline_after = $2, row_version = row_version + 1 WHERE id = $1`,
              [p.id, new Date(t.getTime() + 3 * ctx.config.beatSeconds * 1100 + 5000)],
            );
          }
          await addEvents(tx, t, [{ kioskId: p.id, kind: action === 'revoke' ? 'revoked' : 'reinstated', detail: { by: actor.username } }]);
          await audit(tx, actor, t, `kiosk.${action}`, `kiosk:${p.id}`);
          return { status: action === 'revoke' ? ('revoked' as const) : ('approved' as const) };
        });
      },
    });
  }

  route(app, {
    method: 'GET',
    url: '/api/kiosks/:id/commands',
    params: idParams,
    response: commandList,
    handler: async ({ params: p, request }) => {
      const { actor } = await signedIn(ctx, request);
      await visibleKiosk(ctx.db, actor, p.id);
      return { commands: await commandsOf(ctx.db, p.id) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/kiosks/:id/commands',
    params: idParams,
    body: issueCommand,
    response: z.object({ id: z.string() }),
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'commands.issue');
      return ctx.db.transaction(async (tx) => {
        await visibleKiosk(tx, actor, p.id);
        return { id: await queueCommand(tx, actor, p.id, body.kind, body.expiresInMinutes, now()) };
      });
    },
  });

  // Diagnostics (JSON) or a screenshot (PNG) a kiosk uploaded as a command's result.
  app.get('/api/commands/:id/attachment', { schema: { params: idParams } }, async (request, reply) => {
    const { actor } = await signedIn(ctx, request, 'diagnostics.read');
    const { id } = request.params as z.output<typeof idParams>;
    const params: unknown[] = [id];
    const scope = scopeSql(actor, params);
    const [c] = await ctx.db.query<{ kiosk_id: string; attachment_type: string | null; attachment: string | null }>(
      `SELECT c.kiosk_id, c.attachment_type, c.attachment FROM commands c JOIN kiosks k ON k.id = c.kiosk_id WHERE c.id = $1 AND ${scope}`,
      params,
    );
    if (!c?.attachment) throw notFound('attachment');
    await audit(ctx.db, actor, now(), 'diagnostics.read', `kiosk:${c.kiosk_id}`, { command: id });
    if (c.attachment_type === 'screenshot') return reply.type('image/png').header('content-disposition', `attachment; filename="${c.kiosk_id}.png"`).send(Buffer.from(c.attachment, 'base64'));
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${c.kiosk_id}-diagnostics.json"`).send(c.attachment);
  });

  route(app, {
    method: 'GET',
    url: '/api/enrolments',
    response: pendingEnrolments,
    handler: async ({ request }) => {
      await signedIn(ctx, request);
      const rows = await ctx.db.query<{ id: number; kiosk_id: string; requested_at: Date; app_version: string; public_key: string }>(
        `SELECT id, kiosk_id, requested_at, app_version, public_key FROM enrolments WHERE state = 'pending' AND last_seen_at > $1 ORDER BY requested_at LIMIT 200`,
        [new Date(ctx.clock.now() - 3_600_000)],
      );
      return {
        enrolments: rows.map((r) => ({ id: r.id, kioskId: r.kiosk_id, requestedAt: r.requested_at.toISOString(), appVersion: r.app_version, keyFingerprint: keyFingerprint(r.public_key) })),
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/enrolments/approve',
    body: approveRequest,
    response: approveAnswer,
    handler: async ({ body, request }) => {
      const { actor } = await signedIn(ctx, request, 'kiosks.manage');
      return { kioskId: await ctx.db.transaction((tx) => approveEnrolment(tx, ctx, actor, body, now())) };
    },
  });
}
