import { createHash, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { PLATFORM_HEADERS, SIGNATURE_MAX_SKEW_MS, signingString } from './protocol';

/** Who signs: the kiosk's id and its Ed25519 private key. */
export interface RequestSigner {
  readonly kioskId: string;
  readonly privateKey: KeyObject;
}

export interface RequestToSign {
  readonly method: string;
  readonly pathWithQuery: string;
  /** The exact bytes sent ('' for none). */
  readonly body: string | Buffer;
  readonly idempotencyKey?: string;
  readonly now?: number;
  readonly nonce?: string;
}

const sha256Hex = (body: string | Buffer): string => createHash('sha256').update(body).digest('hex');

/** The signature headers of one request (Ed25519 over `signingString`). */
export function signedHeaders(signer: RequestSigner, r: RequestToSign): Record<string, string> {
  const timestamp = String(r.now ?? Date.now());
  const nonce = r.nonce ?? randomUUID();
  const text = signingString({
    method: r.method,
    pathWithQuery: r.pathWithQuery,
    timestamp,
    nonce,
    idempotencyKey: r.idempotencyKey,
    bodySha256Hex: sha256Hex(r.body),
  });
  return {
    [PLATFORM_HEADERS.kioskId]: signer.kioskId,
    [PLATFORM_HEADERS.timestamp]: timestamp,
    [PLATFORM_HEADERS.nonce]: nonce,
    [PLATFORM_HEADERS.signature]: sign(null, Buffer.from(text), signer.privateKey).toString('base64'),
    ...(r.idempotencyKey ? { [PLATFORM_HEADERS.idempotencyKey]: r.idempotencyKey } : {}),
  };
}

export type SignatureFailure = 'unsigned' | 'unknown-kiosk' | 'stale' | 'bad-signature';

/**
 * Checks one request's signature and freshness. Replays (a nonce seen before) are the receiver's to
 * refuse: it alone keeps the nonces it has seen.
 */
export function verifySignedRequest(
  r: {
    readonly method: string;
    readonly pathWithQuery: string;
    readonly header: (name: string) => string | undefined;
    readonly body: string | Buffer;
    readonly now?: number;
  },
  publicKeyOf: (kioskId: string) => KeyObject | undefined,
): { ok: true; kioskId: string; nonce: string; timestamp: number } | { ok: false; reason: SignatureFailure } {
  const kioskId = r.header(PLATFORM_HEADERS.kioskId);
  const timestamp = r.header(PLATFORM_HEADERS.timestamp);
  const nonce = r.header(PLATFORM_HEADERS.nonce);
  const signature = r.header(PLATFORM_HEADERS.signature);
  if (!kioskId || !timestamp || !nonce || !signature) return { ok: false, reason: 'unsigned' };
  const key = publicKeyOf(kioskId);
  if (!key) return { ok: false, reason: 'unknown-kiosk' };
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs((r.now ?? Date.now()) - ts) > SIGNATURE_MAX_SKEW_MS) return { ok: false, reason: 'stale' };
  const text = signingString({
    method: r.method,
    pathWithQuery: r.pathWithQuery,
    timestamp,
    nonce,
    idempotencyKey: r.header(PLATFORM_HEADERS.idempotencyKey),
    bodySha256Hex: sha256Hex(r.body),
  });
  if (!verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'))) return { ok: false, reason: 'bad-signature' };
  return { ok: true, kioskId, nonce, timestamp: ts };
}
