import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditList, auditQuery, hallInput, hallView, operatorInput, operatorList, operatorUpdate, openingHours } from '../../shared/api';
import { hashPassword } from '../auth/passwords';
import { operatorView, signedIn, type OperatorRow } from '../auth/sessions';
import type { ConsoleContext } from '../context';
import { audit } from '../fleet/audit';
import { conflict, notFound } from '../http/errors';
import { route } from '../http/zod-routes';

/** Halls (with their opening hours, which set the quiet hours of alerts), operators and the audit log. */
export function adminRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  const now = (): Date => new Date(ctx.clock.now());

  route(app, {
    method: 'GET',
    url: '/api/halls',
    response: z.object({ halls: z.array(hallView) }),
    handler: async ({ request }) => {
      await signedIn(ctx, request);
      const rows = await ctx.db.query<{ id: string; name: string; opening: unknown; kiosks: number }>(
        `SELECT h.id, h.name, h.opening, (SELECT count(*)::int FROM kiosks k WHERE k.hall_id = h.id AND k.status = 'approved') AS kiosks FROM halls h ORDER BY h.id`,
      );
      return { halls: rows.map((h) => ({ id: h.id, name: h.name, opening: openingHours.parse(h.opening), kiosks: h.kiosks })) };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/halls/:id',
    params: z.object({ id: z.string().max(40) }),
    body: hallInput,
    response: z.object({ saved: z.boolean() }),
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'halls.manage');
      if (p.id !== body.id) throw conflict('the hall id in the path and the body differ');
      await ctx.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO halls (id, name, opening, created_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, opening = EXCLUDED.opening`,
          [body.id, body.name, JSON.stringify(body.opening), now()],
        );
        await audit(tx, actor, now(), 'hall.save', `hall:${body.id}`, { name: body.name, opening: body.opening });
      });
      return { saved: true };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/operators',
    response: operatorList,
    handler: async ({ request }) => {
      await signedIn(ctx, request, 'operators.manage');
      const rows = await ctx.db.query<OperatorRow>('SELECT * FROM operators ORDER BY username');
      return { operators: rows.map(operatorView) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/operators',
    body: operatorInput,
    response: z.object({ id: z.number().int() }),
    handler: async ({ body, request }) => {
      const { actor } = await signedIn(ctx, request, 'operators.manage');
      const hash = await hashPassword(body.password);
      return ctx.db.transaction(async (tx) => {
        const [exists] = await tx.query('SELECT 1 FROM operators WHERE username = $1', [body.username]);
        if (exists) throw conflict(`operator ${body.username} exists`);
        const [row] = await tx.query<{ id: number }>(
          'INSERT INTO operators (username, password_hash, role, halls, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [body.username, hash, body.role, body.halls, now()],
        );
        await audit(tx, actor, now(), 'operator.create', `operator:${body.username}`, { role: body.role, halls: body.halls });
        return { id: row!.id };
      });
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/api/operators/:id',
    params: z.object({ id: z.coerce.number().int() }),
    body: operatorUpdate,
    response: z.object({ saved: z.boolean() }),
    handler: async ({ params: p, body, request }) => {
      const { actor } = await signedIn(ctx, request, 'operators.manage');
      const hash = body.password ? await hashPassword(body.password) : null;
      await ctx.db.transaction(async (tx) => {
        const [o] = await tx.query<OperatorRow>('SELECT * FROM operators WHERE id = $1 FOR UPDATE', [p.id]);
        if (!o) throw notFound(`operator ${p.id}`);
        await tx.query('UPDATE operators SET role = $2, halls = $3, disabled = $4, password_hash = $5, failed_logins = 0, locked_until = NULL WHERE id = $1', [
          p.id,
          body.role ?? o.role,
          body.halls ?? o.halls,
          body.disabled ?? o.disabled,
          hash ?? o.password_hash,
        ]);
        // A disabled operator, or one whose password was reset, is signed out everywhere.
        if (body.disabled || hash) await tx.query('DELETE FROM sessions WHERE operator_id = $1', [p.id]);
        await audit(tx, actor, now(), 'operator.update', `operator:${o.username}`, {
          role: body.role,
          halls: body.halls,
          disabled: body.disabled,
          passwordReset: hash !== null,
        });
      });
      return { saved: true };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/audit',
    query: auditQuery,
    response: auditList,
    handler: async ({ query, request }) => {
      await signedIn(ctx, request, 'audit.read');
      const rows = await ctx.db.query<{ id: number; at: Date; username: string | null; action: string; target: string | null; detail: Record<string, unknown> }>(
        'SELECT id, at, username, action, target, detail FROM audit_log WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2',
        [query.before ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      return {
        entries: page.map((e) => ({ id: e.id, at: e.at.toISOString(), operator: e.username, action: e.action, target: e.target, detail: e.detail })),
        next: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  });
}
