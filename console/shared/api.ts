import { z } from 'zod';
import { COMMAND_KINDS } from '../wire/protocol';
import { HEALTHS, PROBLEM_KINDS } from './problems';
import { role } from './roles';

/**
 * The console's own HTTP API (the web UI ↔ the console server). The server validates every request
 * and answer with these schemas; the UI types its calls with them.
 */

const id = z.string().min(1).max(64);
const time = z.string();
const hallId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -');
export const health = z.enum(HEALTHS);

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBody>;

// --- sign-in --------------------------------------------------------------------------------

export const operatorView = z.object({ id: z.number().int(), username: z.string(), role, halls: z.array(z.string()), disabled: z.boolean(), lastLoginAt: time.nullable() });
export type OperatorView = z.infer<typeof operatorView>;

export const loginRequest = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const sessionView = z.object({ operator: operatorView, csrfToken: z.string(), expiresAt: time });
export type SessionView = z.infer<typeof sessionView>;

// --- halls ----------------------------------------------------------------------------------

// 24:00 closes at midnight (a hall open around the clock: 00:00–24:00).
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM');
/** `workdays`: China's official working days (holidays off, 调休 weekend days on); `daily`: every day. */
export const openingHours = z.object({ schedule: z.enum(['workdays', 'daily']), open: clockTime, close: clockTime });
export type OpeningHours = z.infer<typeof openingHours>;
export const hallView = z.object({ id: hallId, name: z.string().min(1).max(80), opening: openingHours, kiosks: z.number().int() });
export type HallView = z.infer<typeof hallView>;
export const hallInput = z.object({ id: hallId, name: z.string().min(1).max(80), opening: openingHours });

// --- kiosks ---------------------------------------------------------------------------------

export const kioskRow = z.object({
  id,
  label: z.string().nullable(),
  hall: z.object({ id: z.string(), name: z.string() }).nullable(),
  status: z.enum(['approved', 'revoked']),
  health,
  problems: z.array(z.string()),
  appVersion: z.string().nullable(),
  contentVersion: z.number().int().nullable(),
  lastBeatAt: time.nullable(),
  sessionInProgress: z.boolean(),
});
export type KioskRow = z.infer<typeof kioskRow>;

export const kioskListQuery = z.object({
  health: health.optional(),
  hall: z.string().max(40).optional(),
  /** A content version (a number) or an app version. */
  version: z.string().max(40).optional(),
  problem: z.enum(PROBLEM_KINDS).optional(),
  status: z.enum(['approved', 'revoked']).default('approved'),
  /** Kiosk id or label starting with this. */
  q: z.string().max(64).optional(),
  /** Opaque cursor of the last row of the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type KioskListQuery = z.input<typeof kioskListQuery>;
export const kioskList = z.object({
  kiosks: z.array(kioskRow),
  next: z.string().nullable(),
  /** Counts of the whole filtered fleet by colour (not only this page). */
  counts: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int() }),
});
export type KioskList = z.infer<typeof kioskList>;

export const deviceView = z.object({ role: z.string(), state: z.string(), condition: z.string().optional(), since: time });
export const kioskDetail = kioskRow.extend({
  enrolledAt: time,
  approvedAt: time.nullable(),
  approvedBy: z.string().nullable(),
  bootId: z.string().nullable(),
  uptimeSeconds: z.number().int().nullable(),
  clockOffsetMs: z.number().int().nullable(),
  outbox: z.object({ pending: z.number().int(), dead: z.number().int() }).nullable(),
  devices: z.array(deviceView),
  contentExpires: time.nullable(),
  lastError: z.object({ at: time, source: z.string(), message: z.string() }).nullable(),
  offers: z.object({ content: z.number().int().nullable(), app: z.string().nullable() }),
  refusedBeats: z.number().int(),
});
export type KioskDetail = z.infer<typeof kioskDetail>;

export const kioskUpdate = z.object({ hallId: hallId.nullable().optional(), label: z.string().max(80).nullable().optional() });

export const historyPoint = z.object({
  at: time,
  resolution: z.enum(['sample', 'hour']),
  health,
  problems: z.array(z.string()),
  outboxPending: z.number().int(),
  outboxDead: z.number().int(),
  clockOffsetMs: z.number().int().nullable(),
  contentVersion: z.number().int().nullable(),
  beats: z.number().int(),
});
export const kioskHistory = z.object({ points: z.array(historyPoint) });
export type KioskHistory = z.infer<typeof kioskHistory>;
export const historyQuery = z.object({ days: z.coerce.number().int().min(1).max(30).default(7) });

export const kioskEvent = z.object({ id: z.number().int(), at: time, kind: z.string(), detail: z.record(z.string(), z.unknown()) });
export const kioskEvents = z.object({ events: z.array(kioskEvent), next: z.number().int().nullable() });
export type KioskEvents = z.infer<typeof kioskEvents>;
export const eventsQuery = z.object({ before: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

// --- enrolment ------------------------------------------------------------------------------

export const pendingEnrolment = z.object({ id: z.number().int(), kioskId: id, requestedAt: time, appVersion: z.string(), keyFingerprint: z.string() });
export const pendingEnrolments = z.object({ enrolments: z.array(pendingEnrolment) });
export const approveRequest = z.object({
  pairingCode: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/)),
  hallId: hallId.nullable(),
  label: z.string().max(80).nullable(),
});
export const approveAnswer = z.object({ kioskId: id });

// --- alerts ---------------------------------------------------------------------------------

export const alertView = z.object({
  id: z.number().int(),
  kioskId: id,
  kioskLabel: z.string().nullable(),
  hallId: z.string().nullable(),
  kind: z.enum(PROBLEM_KINDS),
  subject: z.string().nullable(),
  severity: z.enum(['red', 'amber']),
  raisedAt: time,
  resolvedAt: time.nullable(),
  acknowledgedBy: z.string().nullable(),
  /** The webhook: held for the hall's opening hours, sent, failed, or none configured. */
  notification: z.enum(['none', 'held', 'pending', 'sent', 'failed', 'cancelled']),
});
export type AlertView = z.infer<typeof alertView>;
export const alertsQuery = z.object({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  hall: z.string().max(40).optional(),
  kiosk: z.string().max(64).optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const alertList = z.object({ alerts: z.array(alertView), next: z.number().int().nullable() });
export type AlertList = z.infer<typeof alertList>;

// --- remote commands ------------------------------------------------------------------------

export const COMMAND_STATES = ['pending', 'delivered', 'done', 'failed', 'expired'] as const;
export const commandView = z.object({
  id,
  kioskId: id,
  kind: z.enum(COMMAND_KINDS),
  state: z.enum(COMMAND_STATES),
  issuedBy: z.string(),
  issuedAt: time,
  deliveredAt: time.nullable(),
  finishedAt: time.nullable(),
  expiresAt: time,
  detail: z.string().nullable(),
  attachment: z.enum(['diagnostics', 'screenshot']).nullable(),
});
export type CommandView = z.infer<typeof commandView>;
export const commandList = z.object({ commands: z.array(commandView) });
export const issueCommand = z.object({ kind: z.enum(COMMAND_KINDS), expiresInMinutes: z.number().int().min(1).max(24 * 60).default(10) });

// --- rollouts -------------------------------------------------------------------------------

/** A ring: the kiosks of some halls (the pilot), a share of the fleet, or everyone left. */
export const ringSpec = z.union([
  z.object({ name: z.string().min(1).max(40), halls: z.array(hallId).min(1).max(50) }),
  z.object({ name: z.string().min(1).max(40), percent: z.number().int().min(1).max(99) }),
  z.object({ name: z.string().min(1).max(40), all: z.literal(true) }),
]);
export type RingSpec = z.infer<typeof ringSpec>;

export const ROLLOUT_STATES = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export const rolloutInput = z
  .object({
    kind: z.enum(['content', 'app']),
    version: z.string().min(1).max(40),
    notes: z.string().max(500).default(''),
    rings: z.array(ringSpec).min(1).max(6),
    /** A ring is complete when this share of its kiosks runs the version and is ready. */
    advanceShare: z.number().min(0.01).max(1).default(0.9),
    /** The rollout pauses when this share of the kiosks offered the version failed to install it or went not-ready. */
    failureShare: z.number().min(0.01).max(1).default(0.2),
  })
  .refine((r) => 'all' in r.rings[r.rings.length - 1]!, { message: 'the last ring must be everyone left (all)', path: ['rings'] })
  .refine((r) => (r.kind === 'content' ? /^[1-9]\d{0,9}$/.test(r.version) : /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(r.version)), {
    message: 'a content version is a whole number, an app version is x.y.z',
    path: ['version'],
  });
export type RolloutInput = z.input<typeof rolloutInput>;

export const ringProgress = z.object({
  index: z.number().int(),
  name: z.string(),
  spec: ringSpec,
  openedAt: time.nullable(),
  members: z.number().int(),
  pickedUp: z.number().int(),
  healthy: z.number().int(),
  failed: z.number().int(),
});
export const rolloutView = z.object({
  id: z.number().int(),
  kind: z.enum(['content', 'app']),
  version: z.string(),
  notes: z.string(),
  state: z.enum(ROLLOUT_STATES),
  advanceShare: z.number(),
  failureShare: z.number(),
  currentRing: z.number().int(),
  createdBy: z.string(),
  createdAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
  pausedReason: z.string().nullable(),
  rings: z.array(ringProgress),
});
export type RolloutView = z.infer<typeof rolloutView>;
export const rolloutList = z.object({ rollouts: z.array(rolloutView) });

export const rolloutKiosk = z.object({
  kioskId: id,
  ring: z.number().int(),
  state: z.enum(['offered', 'healthy', 'failed']),
  offeredAt: time,
  pickedUpAt: time.nullable(),
  attempt: z.number().int(),
  failure: z.string().nullable(),
});
export const rolloutKiosks = z.object({ kiosks: z.array(rolloutKiosk), next: z.string().nullable() });
export type RolloutKiosks = z.infer<typeof rolloutKiosks>;
export const rolloutKiosksQuery = z.object({ after: z.string().max(64).optional(), state: rolloutKiosk.shape.state.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

// --- operators and audit --------------------------------------------------------------------

export const operatorInput = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,32}$/, 'lower-case letters, digits, . _ -'),
  password: z.string().min(12, 'at least 12 characters').max(200),
  role,
  halls: z.array(hallId).max(50).default([]),
});
export const operatorUpdate = z.object({
  role: role.optional(),
  halls: z.array(hallId).max(50).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(12).max(200).optional(),
});
export const operatorList = z.object({ operators: z.array(operatorView) });

export const auditEntry = z.object({ id: z.number().int(), at: time, operator: z.string().nullable(), action: z.string(), target: z.string().nullable(), detail: z.record(z.string(), z.unknown()) });
export const auditList = z.object({ entries: z.array(auditEntry), next: z.number().int().nullable() });
export type AuditList = z.infer<typeof auditList>;
export const auditQuery = z.object({ before: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export const consoleHealth = z.object({ ok: z.boolean(), app: z.literal('fleet-console'), version: z.string(), database: z.enum(['pglite', 'postgres']) });
export type ConsoleHealth = z.infer<typeof consoleHealth>;
