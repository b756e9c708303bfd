import type { FastifyInstance } from 'fastify';
import { loginRequest, sessionView } from '../../shared/api';
import { z } from 'zod';
import type { ConsoleContext } from '../context';
import { dummyHash, verifyPassword } from '../auth/passwords';
import { closeSession, openSession, operatorView, sameHost, signedIn, type OperatorRow } from '../auth/sessions';
import { audit } from '../fleet/audit';
import { HttpError } from '../http/errors';
import { route } from '../http/zod-routes';

const MAX_FAILURES = 5;
const LOCKOUT_MS = 15 * 60_000;

export function authRoutes(app: FastifyInstance, ctx: ConsoleContext): void {
  route(app, {
    method: 'POST',
    url: '/api/session',
    body: loginRequest,
    response: sessionView,
    handler: async ({ body, request }, reply) => {
      if (!sameHost(request)) throw new HttpError(403, 'csrf', 'request from another origin');
      const now = new Date(ctx.clock.now());
      const [o] = await ctx.db.query<OperatorRow>('SELECT * FROM operators WHERE username = $1', [body.username]);
      if (!o) {
        await verifyPassword(await dummyHash(), body.password);
        await audit(ctx.db, null, now, 'login.failed', `operator:${body.username}`, { reason: 'unknown' });
        throw new HttpError(401, 'wrong-credentials', 'wrong username or password');
      }
      const actor = { id: o.id, username: o.username, role: o.role, halls: o.halls };
      if (o.locked_until && o.locked_until > now) {
        await audit(ctx.db, actor, now, 'login.refused', `operator:${o.username}`, { reason: 'locked' });
        throw new HttpError(429, 'locked', 'too many wrong passwords: try again in 15 minutes');
      }
      const good = await verifyPassword(o.password_hash, body.password);
      if (!good || o.disabled) {
        const failures = o.failed_logins + 1;
        const lock = failures >= MAX_FAILURES;
        await ctx.db.query('UPDATE operators SET failed_logins = $2, locked_until = $3 WHERE id = $1', [o.id, lock ? 0 : failures, lock ? new Date(now.getTime() + LOCKOUT_MS) : o.locked_until]);
        await audit(ctx.db, actor, now, 'login.failed', `operator:${o.username}`, { reason: o.disabled ? 'disabled' : 'password', locked: lock });
        throw new HttpError(401, 'wrong-credentials', 'wrong username or password');
      }
      await ctx.db.query('UPDATE operators SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [o.id, now]);
      const s = await openSession(ctx, reply, o.id);
      await audit(ctx.db, actor, now, 'login', `operator:${o.username}`);
      return { operator: operatorView({ ...o, last_login_at: now }), csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/session',
    response: sessionView,
    handler: async ({ request }) => {
      const s = await signedIn(ctx, request);
      return { operator: s.operator, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/session',
    response: z.object({ signedOut: z.boolean() }),
    handler: async ({ request }, reply) => {
      const s = await signedIn(ctx, request);
      await audit(ctx.db, s.actor, new Date(ctx.clock.now()), 'logout', `operator:${s.actor.username}`);
      await closeSession(ctx, request, reply);
      return { signedOut: true };
    },
  });
}
