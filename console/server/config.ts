import path from 'node:path';
import { z } from 'zod';
import { projectRootFrom } from '../../kernel/node/project-root';
import { iceServers, type IceServer } from '../wire/video';

export const projectRoot = projectRootFrom(import.meta.dirname);

const count = (fallback: number, min = 0) =>
  z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .optional()
    .transform((n) => Math.max(min, n ?? fallback));
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL');

const jsonIceServers = z.string().transform((text, c) => {
  try {
    const r = iceServers.safeParse(JSON.parse(text));
    if (r.success) return r.data;
  } catch {
    // Reported below.
  }
  c.addIssue({ code: 'custom', message: 'a JSON array of {"urls":["stun:…"|"turn:…"], "username", "credential"}' });
  return z.NEVER;
});

/** Every environment variable the console reads, and only here. */
const environment = z.object({
  CONSOLE_PORT: count(8070),
  CONSOLE_HOST: z.string().min(1).optional(),
  CONSOLE_DATA_DIR: z.string().min(1).optional(),
  FLEET_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  CONSOLE_WEBHOOK_URL: httpUrl.optional(),
  CONSOLE_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  CONSOLE_BEAT_SECONDS: count(60, 1),
  CONSOLE_ADMIN_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  CONSOLE_SESSION_IDLE_MINUTES: count(30, 1),
  CONSOLE_SESSION_MAX_HOURS: count(12, 1),
  CONSOLE_SECURE_COOKIES: flag.optional(),
  CONSOLE_CLOCK_SKEW_SECONDS: count(60, 1),
  CONSOLE_HISTORY_DAYS: count(30, 8),
  CONSOLE_SWEEP_SECONDS: count(5, 1),
  CONSOLE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  /** 视频办事: STUN/TURN servers for staff's browser, as JSON (`[{"urls":["turn:turn.hall.example:3478"],"username":"…","credential":"…"}]`). */
  CONSOLE_ICE_SERVERS: jsonIceServers.optional(),
  npm_package_version: z.string().optional(),
});

export interface ConsoleConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** null: the embedded PostgreSQL (PGlite) in `<dataDir>/pgdata`. */
  readonly databaseUrl: string | null;
  readonly webhook: { readonly url: string; readonly secret: string | null } | null;
  /** The pace the console asks of every kiosk (each adds its own jitter). */
  readonly beatSeconds: number;
  /** The first administrator's password, used only while there is no operator at all. */
  readonly adminPassword: string | null;
  readonly session: { readonly idleMinutes: number; readonly maxHours: number; readonly secureCookies: boolean };
  readonly clockSkewSeconds: number;
  readonly historyDays: number;
  readonly sweepSeconds: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly version: string;
  /** The built web UI (vite build of console/ui). */
  readonly uiDir: string;
  /** 视频办事: STUN/TURN for staff's page; none on a hall's LAN. */
  readonly iceServers: readonly IceServer[];
}

export class ConsoleConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid console configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConsoleConfigError';
  }
}

/** Reads and validates the environment once; a malformed value stops the console with the variable named. */
export function loadConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new ConsoleConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = parsed.data;
  return {
    port: e.CONSOLE_PORT,
    host: e.CONSOLE_HOST ?? '127.0.0.1',
    dataDir: path.resolve(e.CONSOLE_DATA_DIR ?? path.join(projectRoot, '.console-data')),
    databaseUrl: e.FLEET_DATABASE_URL ?? null,
    webhook: e.CONSOLE_WEBHOOK_URL ? { url: e.CONSOLE_WEBHOOK_URL, secret: e.CONSOLE_WEBHOOK_SECRET ?? null } : null,
    beatSeconds: e.CONSOLE_BEAT_SECONDS,
    adminPassword: e.CONSOLE_ADMIN_PASSWORD ?? null,
    session: { idleMinutes: e.CONSOLE_SESSION_IDLE_MINUTES, maxHours: e.CONSOLE_SESSION_MAX_HOURS, secureCookies: e.CONSOLE_SECURE_COOKIES ?? false },
    clockSkewSeconds: e.CONSOLE_CLOCK_SKEW_SECONDS,
    historyDays: e.CONSOLE_HISTORY_DAYS,
    sweepSeconds: e.CONSOLE_SWEEP_SECONDS,
    logLevel: e.CONSOLE_LOG_LEVEL ?? 'info',
    version: e.npm_package_version ?? 'dev',
    uiDir: path.join(projectRoot, 'dist', 'console'),
    iceServers: e.CONSOLE_ICE_SERVERS ?? [],
  };
}
