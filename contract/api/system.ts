import { z } from 'zod';
import { DEVICE_ROLES, DEVICE_STATES, type DeviceRole, type DeviceState } from '../../kernel/devices';
import { method } from './define';

/** `renderer-start`: a renderer that (re)starts ends whatever the services still hold, so both sides start clean. */
export const sessionEndReason = z.enum(['logout', 'idle-timeout', 'card-removed', 'completed', 'renderer-start']);
export type SessionEndReason = z.infer<typeof sessionEndReason>;

export const deviceRole = z.enum(DEVICE_ROLES);
export type { DeviceRole };

export const deviceState = z.enum(DEVICE_STATES);
export type { DeviceState };

export const deviceStatus = z.object({
  role: deviceRole,
  state: deviceState,
  /** Typed sub-state a technician can act on, e.g. paper-out, cover-open. */
  condition: z.string().optional(),
  /** Human-readable reason for the last change (English, for technicians). */
  reason: z.string(),
  port: z.string().optional(),
  simulated: z.boolean(),
  since: z.string(),
});
export type DeviceStatus = z.infer<typeof deviceStatus>;

/** Why the kiosk cannot serve people (production with something missing); screens word the code. */
export const notReadyReason = z.object({ code: z.string(), message: z.string() });
export type NotReadyReason = z.infer<typeof notReadyReason>;

export const kioskProfile = z.enum(['demo', 'production']);

/**
 * Whether the installed content may still be shown. `fresh`: the update channel's last refresh verified
 * and its metadata has not expired; `stale`: refreshes are failing but the metadata has not expired yet;
 * `expired`: past the metadata's expiry (a frozen or unreachable mirror) — shown only until `graceUntil`;
 * `none`: nothing installed.
 */
export const contentFreshness = z.object({
  state: z.enum(['fresh', 'stale', 'expired', 'none']),
  expires: z.string().nullable(),
  graceUntil: z.string().nullable(),
  /** false once the grace window is over: the kiosk shows its maintenance screen instead of stale guidance. */
  servable: z.boolean(),
  lastRefresh: z.string().nullable(),
  lastCheck: z.string().nullable(),
  lastRejected: z.object({ at: z.string(), reason: z.string(), message: z.string() }).nullable(),
});
export type ContentFreshness = z.infer<typeof contentFreshness>;

export const health = z.object({
  app: z.literal('zhengwu-kiosk'),
  version: z.string(),
  profile: kioskProfile,
  /** false: the kiosk shows its maintenance screen, and `reasons` says what is missing. */
  ready: z.boolean(),
  reasons: z.array(notReadyReason),
  contentVersion: z.number().int().nullable(),
  content: contentFreshness,
  devices: z.array(deviceStatus),
  outboxDepth: z.number().int().nonnegative(),
  platform: z.object({ url: z.string().nullable(), reachable: z.boolean().nullable() }),
});
export type Health = z.infer<typeof health>;

export const kioskInfo = z.object({
  kioskId: z.string(),
  version: z.string(),
  /** `demo` shows a 演示 badge on every screen. */
  profile: kioskProfile,
  /** Idle seconds before the warning shows, and seconds the warning counts down. */
  idleTimeoutSeconds: z.number().int().positive(),
  idleWarningSeconds: z.number().int().positive(),
  /** The public pages behind receipt QR codes (progress, materials); null: receipts carry no QR code. */
  publicUrl: z.string().nullable().default(null),
  /** Whether the ID card reader sees a card lifted (`reliable`); `unreliable`: the visit never ends on it, and the screen asks to take the card at the end. */
  readerRemoval: z.enum(['reliable', 'unreliable']).default('unreliable'),
  /** Spoken prompts where hands and eyes are away from the screen (place the card, take the receipt). */
  voicePrompts: z.boolean().default(true),
});
export type KioskInfo = z.infer<typeof kioskInfo>;

export const systemApi = {
  'system.health': method(z.object({}).strict(), health),
  'system.info': method(z.object({}).strict(), kioskInfo),
  /** Ends the current session: every trace of the user is wiped on the service side. */
  'session.end': method(
    z.object({ reason: sessionEndReason }).strict(),
    /** `hadSession`: something of a person was still held (a restarted renderer tells the person their visit ended). */
    z.object({ wiped: z.boolean(), hadSession: z.boolean().optional() }),
  ),
};
