import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { consoleHealth } from '../shared/api';
import { hashPassword } from './auth/passwords';
import { systemClock, type Clock } from './clock';
import type { ConsoleConfig } from './config';
import type { ConsoleContext } from './context';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { audit } from './fleet/audit';
import { startSweeper, sweep } from './fleet/sweeper';
import { HttpError } from './http/errors';
import { CONSOLE_SECURITY_HEADERS } from './http/security-headers';
import { route, useZodSchemas } from './http/zod-routes';
import { createConsoleLog, type ConsoleLog } from './log';
import { adminRoutes } from './routes/admin';
import { alertRoutes } from './routes/alerts';
import { authRoutes } from './routes/auth';
import { evaluationRoutes } from './routes/evaluation';
import { kioskWireRoutes } from './routes/kiosk-wire';
import { kioskRoutes } from './routes/kiosks';
import { rolloutRoutes } from './routes/rollouts';
import { videoRoutes } from './routes/video';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a JSON body: a kiosk's signature covers them. */
    rawBody?: string;
  }
}

/** The console's HTTP application over an open database (no listening socket: `startConsole` adds that). */
export function buildConsoleApp(ctx: ConsoleContext): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, return503OnClosing: true });
  useZodSchemas(app);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch {
      done(new HttpError(400, 'invalid', 'the body is not valid JSON'), undefined);
    }
  });
  void app.register(fastifyCookie);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.headers(CONSOLE_SECURITY_HEADERS);
    if (request.url.startsWith('/api/') || request.url.startsWith('/fleet/')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((err: FastifyError | HttpError, _request, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    const status = err.statusCode ?? 500;
    if (status >= 500) ctx.log.error('request failed', { error: err.message });
    return reply.code(status).send({ error: { code: status === 413 ? 'too-large' : status < 500 ? 'invalid' : 'internal', message: status < 500 ? err.message : 'internal error' } });
  });

  route(app, {
    method: 'GET',
    url: '/healthz',
    response: consoleHealth,
    handler: async () => {
      await ctx.db.query('SELECT 1');
      return { ok: true, app: 'fleet-console' as const, version: ctx.config.version, database: ctx.db.kind };
    },
  });
  kioskWireRoutes(app, ctx);
  authRoutes(app, ctx);
  kioskRoutes(app, ctx);
  alertRoutes(app, ctx);
  rolloutRoutes(app, ctx);
  adminRoutes(app, ctx);
  evaluationRoutes(app, ctx);
  videoRoutes(app, ctx);

  const index = path.join(ctx.config.uiDir, 'index.html');
  if (fs.existsSync(index)) {
    void app.register(fastifyStatic, { root: ctx.config.uiDir, prefix: '/', index: 'index.html', cacheControl: false });
    // The web app routes in the browser: any other page path gets the app.
    app.setNotFoundHandler((request, reply) =>
      request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/fleet/')
        ? reply.type('text/html; charset=utf-8').send(fs.readFileSync(index))
        : reply.code(404).send({ error: { code: 'not-found', message: 'no such route' } }),
    );
  } else {
    app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('The console UI is not built: run "npm run build:console".'));
  }
  return app;
}

/**
 * The first administrator, created once while there is no operator at all: with CONSOLE_ADMIN_PASSWORD,
 * or a random password written to `<data dir>/initial-admin-password` (0600) — never printed or logged.
 */
async function ensureFirstAdmin(ctx: ConsoleContext): Promise<void> {
  const [any] = await ctx.db.query('SELECT 1 FROM operators LIMIT 1');
  if (any) return;
  let password = ctx.config.adminPassword;
  let file: string | null = null;
  if (!password) {
    password = randomBytes(15).toString('base64url');
    fs.mkdirSync(ctx.config.dataDir, { recursive: true, mode: 0o700 });
    file = path.join(ctx.config.dataDir, 'initial-admin-password');
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  const hash = await hashPassword(password);
  const now = new Date(ctx.clock.now());
  const created = await ctx.db.query(
    `INSERT INTO operators (username, password_hash, role, created_at) VALUES ('admin', $1, 'admin', $2) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [hash, now],
  );
  if (created.length === 1) {
    await audit(ctx.db, null, now, 'operator.create', 'operator:admin', { role: 'admin', first: true });
    ctx.log.info('first administrator created', { username: 'admin', passwordFile: file ?? 'CONSOLE_ADMIN_PASSWORD' });
  }
}

export interface ConsoleOptions {
  readonly clock?: Clock;
  readonly log?: ConsoleLog;
  /** An open database instead of the one the configuration names (tests: a schema of their own). */
  readonly db?: Database;
  /** Time-driven work every `sweepSeconds` (default on; tests may sweep by hand instead). */
  readonly sweeper?: boolean;
  readonly fetch?: typeof fetch;
}

export interface RunningConsole {
  readonly url: string;
  readonly port: number;
  readonly ctx: ConsoleContext;
  /** One pass of offline detection, command expiry, rollouts, webhooks and housekeeping, now. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: ConsoleConfig): Promise<Database> {
  return config.databaseUrl ? openPostgres({ url: config.databaseUrl }) : openPglite(path.join(config.dataDir, 'pgdata'));
}

/** Opens (and migrates) the database, creates the first administrator if needed, and listens. */
export async function startConsole(config: ConsoleConfig, options: ConsoleOptions = {}): Promise<RunningConsole> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createConsoleLog(config.logLevel);
  const db = options.db ?? (await openDatabase(config));
  const ctx: ConsoleContext = { db, clock, config, log };
  await migrate(db, new Date(clock.now()));
  await ensureFirstAdmin(ctx);
  const app = buildConsoleApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const sweeper = options.sweeper === false ? null : startSweeper(ctx, options.fetch ? { fetch: options.fetch } : {});
  return {
    url: `http://${config.host}:${port}`,
    port,
    ctx,
    sweep: () => sweep(ctx, options.fetch ? { fetch: options.fetch } : {}),
    close: async () => {
      await sweeper?.stop();
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
