import { z } from 'zod';

/**
 * The protocol between a kiosk and the fleet console: enrolment, heartbeats, remote commands and
 * their results. Both sides validate with these schemas; every request is signed with the kiosk's
 * Ed25519 key exactly as its platform requests are (platform-wire/signing.ts: same headers, same
 * signing string), so the console learns one key per kiosk and nothing else.
 */
export const FLEET_PATHS = {
  enrol: '/fleet/v1/enrol',
  heartbeat: '/fleet/v1/heartbeat',
  commandResult: '/fleet/v1/command-result',
} as const;

/** Letters and digits a technician cannot misread (no I, O, 0, 1). */
export const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const pairingCode = z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/, 'six letters or digits (no I, O, 0, 1)');

export const kioskId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);
const isoTime = z.string().max(40);
/** Content bundles are numbered; app builds carry semantic versions (the signed target's custom field). */
export const contentVersion = z.number().int().positive();
export const appVersion = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/).max(40);

export const enrolRequest = z.object({
  kioskId,
  publicKeySpkiBase64: z.string().min(40).max(200),
  pairingCode,
  appVersion: z.string().max(40),
  contentVersion: z.number().int().nullable(),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export const enrolStatus = z.enum(['pending', 'approved', 'revoked', 'code-taken']);
export type EnrolStatus = z.infer<typeof enrolStatus>;

export const enrolAnswer = z.object({
  status: enrolStatus,
  /** The hall the operator placed the kiosk in (approved only). */
  hall: z.object({ id: z.string(), name: z.string() }).nullable(),
  label: z.string().nullable(),
  /** When to ask again while pending. */
  retrySeconds: z.number().int().positive(),
  serverTime: isoTime,
});
export type EnrolAnswer = z.infer<typeof enrolAnswer>;

// Words, not text: they become parts of problem codes and filters on the console.
const word = (max: number) => z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/).max(max);

export const deviceReport = z.object({
  role: word(20),
  state: word(20),
  condition: word(40).optional(),
  /** When the device entered this state (kiosk clock). */
  since: isoTime,
});
export type DeviceReport = z.infer<typeof deviceReport>;

/** An update the kiosk could not install: the version it was offered and why (a TUF or check reason). */
export const updateFailure = z.object({ version: z.union([contentVersion, appVersion]), reason: z.string().max(40), at: isoTime });

export const heartbeat = z.object({
  /** The kiosk's own clock, uncorrected: the console measures the kiosk's clock offset from it. */
  sentAt: isoTime,
  /** Changes at every start of the kiosk program: the console sees restarts. */
  bootId: z.string().max(64),
  uptimeSeconds: z.number().int().nonnegative(),
  appVersion: z.string().max(40),
  content: z.object({
    version: z.number().int().nullable(),
    /** Earliest expiry of the trusted update metadata: past it the kiosk's mirror is frozen or stale. */
    expires: isoTime.nullable(),
    lastRefresh: isoTime.nullable(),
  }),
  devices: z.array(deviceReport).max(16),
  outbox: z.object({ pending: z.number().int().nonnegative(), dead: z.number().int().nonnegative() }),
  /** The last thing that went wrong, in technicians' words (never personal data: the kiosk's redactor ran over it). */
  lastError: z.object({ at: isoTime, source: z.string().max(40), message: z.string().max(300) }).nullable(),
  sessionInProgress: z.boolean(),
  ready: z.boolean(),
  notReady: z.array(z.string().max(64)).max(20),
  platformReachable: z.boolean().nullable(),
  updates: z.object({
    content: z.object({ offered: z.number().int().nullable(), failed: updateFailure.nullable() }),
    app: z.object({ offered: z.string().max(40).nullable(), failed: updateFailure.nullable() }),
  }),
});
export type Heartbeat = z.infer<typeof heartbeat>;

export const COMMAND_KINDS = ['check-content', 'restart-renderer', 'upload-diagnostics', 'screenshot'] as const;
export const commandKind = z.enum(COMMAND_KINDS);
export type CommandKind = z.infer<typeof commandKind>;

export const fleetCommand = z.object({ id: z.string().max(64), kind: commandKind, issuedAt: isoTime, expiresAt: isoTime });
export type FleetCommand = z.infer<typeof fleetCommand>;

export const heartbeatAnswer = z.object({
  serverTime: isoTime,
  /** The console sets the pace; the kiosk adds its own jitter. */
  nextBeatSeconds: z.number().int().positive(),
  /**
   * The version of each kind this kiosk may install: a number/version pins it (its ring's version in a
   * staged rollout), null lets it take the newest signed one. `attempt` grows when an operator retries a
   * failed install, so a kiosk that gave up on the version tries it again.
   */
  offers: z.object({
    content: z.object({ version: z.number().int().nullable(), attempt: z.number().int().nonnegative() }),
    app: z.object({ version: z.string().max(40).nullable(), attempt: z.number().int().nonnegative() }),
  }),
  commands: z.array(fleetCommand).max(20),
});
export type HeartbeatAnswer = z.infer<typeof heartbeatAnswer>;

/** What a kiosk gathers for `upload-diagnostics`: technical state only, its log already redacted. */
export const diagnostics = z.object({
  health: z.record(z.string(), z.unknown()),
  fleet: z.record(z.string(), z.unknown()),
  outbox: z.object({
    pending: z.number().int(),
    dead: z.number().int(),
    deadLetters: z.array(z.object({ receiptId: z.string(), kind: z.string(), reason: z.string().nullable(), code: z.string().nullable() })).max(200),
  }),
  logTail: z.array(z.string().max(2000)).max(500),
});
export type Diagnostics = z.infer<typeof diagnostics>;

export const commandAttachment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('diagnostics'), data: diagnostics }),
  z.object({ type: z.literal('screenshot'), pngBase64: z.string().max(6 * 1024 * 1024) }),
]);
export type CommandAttachment = z.infer<typeof commandAttachment>;

export const commandResult = z.object({
  commandId: z.string().max(64),
  outcome: z.enum(['done', 'failed']),
  detail: z.string().max(500),
  attachment: commandAttachment.optional(),
});
export type CommandResult = z.infer<typeof commandResult>;

export const commandResultAnswer = z.object({ recorded: z.boolean(), state: z.string() });

/** Why the console refused a kiosk's request; `serverTime` lets a kiosk with a wrong clock correct its signatures. */
export const FLEET_REFUSALS = ['unsigned', 'unknown-kiosk', 'stale', 'bad-signature', 'replayed', 'revoked', 'pending', 'key-mismatch', 'invalid'] as const;
export const fleetRefusal = z.object({
  error: z.object({ code: z.enum(FLEET_REFUSALS), message: z.string() }),
  serverTime: isoTime,
});
export type FleetRefusal = z.infer<typeof fleetRefusal>;
