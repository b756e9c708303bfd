import { z } from 'zod';
import { CARD_ERROR_KEYS, PRINT_CONDITIONS } from '../../kernel/devices';
import { cardView } from '../events/devices';
import { method } from './define';
import { deviceConfigEntry } from './devices';
import { experienceRunView, officerCodeInput } from './experience';
import { documentCamera } from './capture';
import { deviceRole, deviceStatus } from './system';

/**
 * The technician's admin mode. Entering it needs the PIN; the services then hold an admin session
 * and hand its token to the page that logged in. Every other admin method carries that token
 * (`adminSession`), which the services check — the page cannot grant itself anything. Scripts keep
 * the technician token of the Node host for the older technician methods.
 */
export const adminSessionToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
// Optional in the schema so a missing session is refused by the services in words (`admin.errors.notInAdmin`), not as a malformed call.
const authed = <S extends z.ZodRawShape>(shape: S) => z.object({ adminSession: adminSessionToken.optional(), ...shape }).strict();

/** A PIN is 6 to 12 digits, typed on the screen's keypad. */
export const adminPin = z.string().regex(/^\d{6,12}$/);

export const adminStatus = z.object({
  /** false: no PIN was set at install; admin mode says how to set one and cannot be entered. */
  pinSet: z.boolean(),
  /** Wrong PINs locked admin mode: milliseconds until it may be tried again. */
  lockedForMs: z.number().int().nonnegative(),
  /** Tries left before the next lockout. */
  attemptsLeft: z.number().int().nonnegative(),
  /** A person's session is open: admin mode waits until it ends. */
  personSessionOpen: z.boolean(),
  safeMode: z.object({ on: z.boolean(), reason: z.string().nullable(), since: z.string().nullable() }),
  idleSeconds: z.number().int().positive(),
});
export type AdminStatus = z.infer<typeof adminStatus>;

/** A serial port as the technician sees it: every name it has and what is known of the adapter. */
export const serialPortView = z.object({
  path: z.string(),
  /** `/dev/serial/by-id/…`: follows the device to any USB socket when it reports a serial number. */
  byId: z.string().nullable(),
  /** `/dev/serial/by-path/…`: tied to the USB socket (for adapters without a serial number). */
  byPath: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  /** The name the assignment is saved under: by-id with a serial number, else by-path, else the path. */
  stableName: z.string(),
  stableKind: z.enum(['by-id', 'by-path', 'path']),
  /** Roles assigned to this port now. */
  assigned: z.array(deviceRole),
  /** After a probe: the device that answered, or null. */
  answered: deviceRole.nullable(),
  detail: z.string().nullable(),
});
export type SerialPortView = z.infer<typeof serialPortView>;

export const deviceHistoryEntry = z.object({ at: z.string(), state: z.string(), condition: z.string().nullable(), reason: z.string() });

export const selfTestKind = z.enum(['printer', 'card', 'pad', 'scanner']);
export type SelfTestKind = z.infer<typeof selfTestKind>;

/** What a self-test found; `detail` is English for the technician, the renderer words `outcome` and `step`. */
export const selfTestResult = z.object({
  testId: z.string(),
  kind: selfTestKind,
  outcome: z.enum(['running', 'passed', 'failed', 'cancelled']),
  detail: z.string(),
  /** printer: its answer after the test receipt. */
  printer: z.object({ printed: z.boolean(), condition: z.enum(PRINT_CONDITIONS) }).nullable().default(null),
  /** card: the card read, masked as on every public screen; or why it could not be read. */
  card: cardView.nullable().default(null),
  cardError: z.enum(CARD_ERROR_KEYS).nullable().default(null),
  /** pad: the key it waits for (1–5), the keys pressed so far. */
  pad: z.object({ waitingFor: z.number().int().min(1).max(5).nullable(), pressed: z.array(z.number().int()) }).nullable().default(null),
  /** scanner: what was scanned, redacted like a log line, and its length. */
  scan: z.object({ text: z.string(), length: z.number().int() }).nullable().default(null),
});
export type SelfTestResult = z.infer<typeof selfTestResult>;

export const clockCheck = z.object({
  source: z.enum(['platform', 'content']),
  url: z.string(),
  /** The server's clock minus the kiosk's, ± latency/2 (its Date header has whole seconds). */
  offsetMs: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  at: z.string(),
  error: z.string().nullable(),
});

export const diagnostics = z.object({
  kioskId: z.string(),
  profile: z.enum(['demo', 'production']),
  app: z.object({ version: z.string(), slot: z.string().nullable(), update: z.string().nullable() }),
  content: z.object({
    version: z.number().int().nullable(),
    sample: z.boolean(),
    expires: z.string().nullable(),
    lastCheck: z.string().nullable(),
    lastRejected: z.object({ at: z.string(), reason: z.string(), message: z.string() }).nullable(),
  }),
  platform: z.object({ url: z.string().nullable(), reachable: z.boolean().nullable(), latencyMs: z.number().int().nullable() }),
  clock: z.object({ checks: z.array(clockCheck), skewed: z.boolean(), worstOffsetMs: z.number().int().nullable() }),
  outbox: z.object({
    depth: z.number().int(),
    pending: z.array(z.object({ kind: z.string(), count: z.number().int(), oldest: z.string() })),
    deadLetters: z.array(
      z.object({ receiptId: z.string().uuid(), kind: z.string(), attempts: z.number().int(), reason: z.string().nullable(), lastError: z.string().nullable(), createdAt: z.string() }),
    ),
  }),
  devices: z.array(deviceStatus),
  system: z.object({
    diskFreeBytes: z.number().nullable(),
    diskTotalBytes: z.number().nullable(),
    memoryFreeBytes: z.number(),
    memoryTotalBytes: z.number(),
    processRssBytes: z.number(),
    uptimeSeconds: z.number().int(),
    systemUptimeSeconds: z.number().int(),
  }),
  renderer: z.object({ starts: z.number().int(), restarts: z.number().int(), lastRestart: z.string().nullable() }),
  database: z.object({ rebuiltAt: z.string().nullable(), problem: z.string().nullable(), outboxKept: z.number().int().nullable(), outboxLost: z.boolean() }),
  safeMode: adminStatus.shape.safeMode,
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type Diagnostics = z.infer<typeof diagnostics>;

export const recoveryAction = z.enum(['revert-content', 'reset-devices', 'restart-renderer', 'leave-safe-mode']);
export type RecoveryAction = z.infer<typeof recoveryAction>;

export const auditEntry = z.object({ at: z.string(), action: z.string(), outcome: z.string(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) });

/** Bridge methods of admin mode (technicians). */
export const adminApi = {
  'admin.status': method(z.object({}).strict(), adminStatus),
  /** Enters admin mode; refused while a person's session is open, without a PIN set, or while locked out. */
  'admin.login': method(z.object({ pin: adminPin }).strict(), z.object({ adminSession: adminSessionToken, idleSeconds: z.number().int() })),
  /** Leaves admin mode. */
  'admin.logout': method(authed({}), z.object({ ended: z.boolean() })),
  /** The technician is still there (touches the idle minute). */
  'admin.touch': method(authed({}), z.object({ idleSeconds: z.number().int() })),
  'admin.ports': method(authed({ probe: z.boolean().default(false) }), z.object({ ports: z.array(serialPortView) })),
  /** Saves the role → port assignment under each port's stable name and restarts the drivers on it. */
  'admin.assign': method(
    authed({ devices: z.array(deviceConfigEntry).max(4) }),
    z.object({ devices: z.array(deviceConfigEntry), mode: z.enum(['simulated', 'configured', 'none']) }),
  ),
  /** Which camera is the document camera (高拍仪); null forgets the choice. The page lists cameras itself (getUserMedia). */
  'admin.camera': method(authed({ camera: documentCamera.nullable() }), z.object({ camera: documentCamera.nullable() })),
  'admin.devices': method(
    authed({}),
    z.object({
      devices: z.array(deviceStatus.extend({ history: z.array(deviceHistoryEntry) })),
      assigned: z.array(deviceConfigEntry),
      mode: z.enum(['simulated', 'configured', 'none']),
    }),
  ),
  /** Starts a self-test; its progress arrives as `admin.selfTest` events, its end too. */
  'admin.selfTest': method(authed({ kind: selfTestKind }), selfTestResult),
  'admin.selfTestCancel': method(authed({ testId: z.string() }), z.object({ cancelled: z.boolean() })),
  'admin.diagnostics': method(authed({ checkClock: z.boolean().default(false) }), diagnostics),
  'admin.outboxRetry': method(authed({ receiptId: z.string().uuid() }), z.object({ requeued: z.boolean() })),
  'admin.outboxDiscard': method(authed({ receiptId: z.string().uuid() }), z.object({ discarded: z.boolean() })),
  /** Removable media (USB sticks) the export may be written to. */
  'admin.exportTargets': method(authed({}), z.object({ targets: z.array(z.object({ path: z.string(), label: z.string(), freeBytes: z.number().nullable() })) })),
  /** Writes redacted logs, the audit log and the diagnostics as one file into a listed target. */
  'admin.export': method(authed({ target: z.string().min(1).max(4096) }), z.object({ file: z.string(), bytes: z.number().int(), summary: z.string() })),
  'admin.recover': method(authed({ action: recoveryAction }), z.object({ action: recoveryAction, done: z.boolean(), detail: z.string() })),
  'admin.audit': method(authed({}), z.object({ entries: z.array(auditEntry) })),
  /**
   * Sets up a 政务服务体验员 run for an officer's code (TYY-0012): it starts as a normal citizen session
   * when admin mode ends. Refused without a fleet console to send it to.
   */
  'admin.experienceStart': method(authed({ officerCode: officerCodeInput }), experienceRunView),
  /** Drops the run set up (before it started). */
  'admin.experienceCancel': method(authed({}), z.object({ cancelled: z.boolean() })),
  /**
   * The browser supervisor of a Chromium kiosk reports a renderer it restarted after a crash or a hang
   * (technician token: a script, not the page). More than 3 in 5 minutes puts the kiosk in safe mode.
   */
  'admin.rendererRestarted': method(z.object({ cause: z.enum(['crash', 'hang']) }).strict(), z.object({ restarts: z.number().int(), safeMode: z.boolean() })),
};

/** Admin methods a page may call without an admin session (how to enter it). */
export const ADMIN_OPEN_METHODS = new Set<string>(['admin.status', 'admin.login']);
