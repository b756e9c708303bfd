import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Permission } from '../../shared/roles';
import type { OperatorView } from '../../shared/api';
import type { ConsoleContext } from '../context';
import { forbidden, HttpError } from '../http/errors';
import type { Actor } from '../fleet/audit';

export const SESSION_COOKIE = 'fleet_session';
export const CSRF_HEADER = 'x-csrf-token';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface OperatorRow {
  id: number;
  username: string;
  password_hash: string;
  role: Actor['role'];
  halls: string[];
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
}

export const operatorView = (o: Omit<OperatorRow, 'password_hash' | 'failed_logins' | 'locked_until'>): OperatorView => ({
  id: o.id,
  username: o.username,
  role: o.role,
  halls: o.halls,
  disabled: o.disabled,
  lastLoginAt: o.last_login_at?.toISOString() ?? null,
});

/** A new session in the database (any instance can read it), its token in an HttpOnly, SameSite=Strict cookie. */
export async function openSession(ctx: ConsoleContext, reply: FastifyReply, operatorId: number): Promise<{ csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now + ctx.config.session.idleMinutes * 60_000);
  await ctx.db.query('INSERT INTO sessions (token_hash, operator_id, csrf_token, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)', [
    sha256(token),
    operatorId,
    csrfToken,
    new Date(now),
    expiresAt,
  ]);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.session.secureCookies });
  return { csrfToken, expiresAt };
}

export async function closeSession(ctx: ConsoleContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export interface SignedIn {
  readonly actor: Actor;
  readonly operator: OperatorView;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A browser names the page's origin on every unsafe request; it must be this console (whatever proxy or scheme is in front). */
export function sameHost(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * The operator behind a request: a session that has not expired (idle or absolute) and an operator
 * not disabled. Requests that change anything must carry the session's CSRF token in a header (a
 * page of another origin can make the browser send the cookie, never the header) and, when the
 * browser names one, this console's own origin.
 */
export async function signedIn(ctx: ConsoleContext, request: FastifyRequest, permission?: Permission): Promise<SignedIn> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new HttpError(401, 'signed-out', 'sign in first');
  const now = ctx.clock.now();
  const [s] = await ctx.db.query<OperatorRow & { csrf_token: string; created_at: Date; last_seen_at: Date; expires_at: Date }>(
    `SELECT o.*, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at FROM sessions s JOIN operators o ON o.id = s.operator_id
     WHERE s.token_hash = $1`,
    [sha256(token)],
  );
  const maxAge = ctx.config.session.maxHours * 3_600_000;
  if (!s || s.disabled || s.expires_at.getTime() <= now || s.created_at.getTime() + maxAge <= now) throw new HttpError(401, 'signed-out', 'the session has ended; sign in again');
  if (UNSAFE.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !same(presented, s.csrf_token)) throw new HttpError(403, 'csrf', 'missing or wrong CSRF token');
    if (!sameHost(request)) throw new HttpError(403, 'csrf', 'request from another origin');
  }
  let expiresAt = s.expires_at;
  // Sliding expiry, written at most once a minute so reading pages does not write on every request.
  if (now - s.last_seen_at.getTime() > 60_000) {
    expiresAt = new Date(Math.min(now + ctx.config.session.idleMinutes * 60_000, s.created_at.getTime() + maxAge));
    await ctx.db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [sha256(token), new Date(now), expiresAt]);
  }
  const actor: Actor = { id: s.id, username: s.username, role: s.role, halls: s.halls };
  if (permission && !can(actor.role, permission)) throw forbidden();
  return { actor, operator: operatorView(s), csrfToken: s.csrf_token, expiresAt };
}
