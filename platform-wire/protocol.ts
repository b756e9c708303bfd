import { z } from 'zod';
import { eCertificate } from './model/certificate';
import { filedApplication } from './model/application';
import { appointmentSlot, windowType } from './model/hall';

/**
 * The HTTP protocol between the kiosk and the provincial platform (and its simulator): request
 * signing headers, the string that is signed, and the envelopes of list answers. Hashing and
 * signing themselves need node:crypto and live on each side.
 */
export const PLATFORM_HEADERS = {
  kioskId: 'x-kiosk-id',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
  idempotencyKey: 'idempotency-key',
  /** Set by the platform when it answers a retried write from its idempotency store. */
  replayed: 'idempotent-replayed',
} as const;

/** Requests older or newer than this (ms) are refused as stale. */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

/** The exact text a kiosk signs (Ed25519) for one request. */
export function signingString(parts: {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  idempotencyKey: string | undefined;
  bodySha256Hex: string;
}): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    parts.idempotencyKey ?? '',
    parts.bodySha256Hex,
  ].join('\n');
}

/** Error body of every non-2xx answer. */
export const platformErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(z.string()).optional() }),
});

export const certificateList = z.object({ certificates: z.array(eCertificate) });
export const issuerKeyList = z.object({
  keys: z.array(z.object({ keyId: z.string(), publicKeySpkiBase64: z.string() })),
});
/** `callBackBy`: a 差评 with a call-back number is called back by this date (null: no call-back promised). */
export const evaluationAck = z.object({
  evaluationId: z.string(),
  receivedAt: z.string(),
  followUpRequired: z.boolean(),
  callBackBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
});
export const feedbackAck = z.object({ feedbackId: z.string(), receivedAt: z.string(), handlingWindow: z.string() });
export const windowList = z.object({
  /** `prefix`: the letter the hall's numbers for this window start with (a kiosk's own numbers use it too). */
  windows: z.array(z.object({ windowType, name: z.string(), waiting: z.number().int().nonnegative(), prefix: z.string().regex(/^[A-Z]$/).optional() })),
});
export const slotList = z.object({ slots: z.array(appointmentSlot) });
export const filedApplicationAnswer = z.object({ application: filedApplication });
export const filedApplicationList = z.object({ applications: z.array(filedApplication) });
export const platformHealth = z.object({ ok: z.literal(true), time: z.string() });
