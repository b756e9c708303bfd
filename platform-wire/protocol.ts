import { z } from 'zod';
import { eCertificate } from './model/certificate';
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
export const evaluationAck = z.object({ evaluationId: z.string(), receivedAt: z.string(), followUpRequired: z.boolean() });
export const feedbackAck = z.object({ feedbackId: z.string(), receivedAt: z.string(), handlingWindow: z.string() });
export const windowList = z.object({
  windows: z.array(z.object({ windowType, name: z.string(), waiting: z.number().int().nonnegative() })),
});
export const slotList = z.object({ slots: z.array(appointmentSlot) });
export const platformHealth = z.object({ ok: z.literal(true), time: z.string() });
