import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { PLATFORM_HEADERS, SIGNATURE_MAX_SKEW_MS, signingString } from '../electron/contract/domain';

export type AuthFailure = 'unsigned' | 'unknown-kiosk' | 'stale' | 'replayed' | 'bad-signature';

/**
 * Verifies kiosk request signatures (Ed25519 over `signingString`) and refuses replays: a nonce
 * is accepted once within the allowed clock skew.
 */
export class KioskAuthenticator {
  private readonly keys = new Map<string, KeyObject>();
  private readonly seenNonces = new Map<string, number>();

  /** Registers a kiosk's public key (SPKI DER, base64). */
  register(kioskId: string, publicKeySpkiBase64: string): void {
    this.keys.set(kioskId, createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' }));
  }

  get kiosks(): string[] {
    return [...this.keys.keys()];
  }

  check(method: string, pathWithQuery: string, headers: IncomingHttpHeaders, body: Buffer, now = Date.now()): AuthFailure | null {
    const h = (name: string): string | undefined => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const kioskId = h(PLATFORM_HEADERS.kioskId);
    const timestamp = h(PLATFORM_HEADERS.timestamp);
    const nonce = h(PLATFORM_HEADERS.nonce);
    const signature = h(PLATFORM_HEADERS.signature);
    if (!kioskId || !timestamp || !nonce || !signature) return 'unsigned';
    const key = this.keys.get(kioskId);
    if (!key) return 'unknown-kiosk';
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(now - ts) > SIGNATURE_MAX_SKEW_MS) return 'stale';
    const text = signingString({
      method,
      pathWithQuery,
      timestamp,
      nonce,
      idempotencyKey: h(PLATFORM_HEADERS.idempotencyKey),
      bodySha256Hex: createHash('sha256').update(body).digest('hex'),
    });
    if (!verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'))) return 'bad-signature';
    const nonceKey = `${kioskId}:${nonce}`;
    if (this.seenNonces.has(nonceKey)) return 'replayed';
    this.seenNonces.set(nonceKey, ts);
    this.prune(now);
    return null;
  }

  private prune(now: number): void {
    if (this.seenNonces.size < 10_000) return;
    for (const [k, ts] of this.seenNonces) if (now - ts > SIGNATURE_MAX_SKEW_MS * 2) this.seenNonces.delete(k);
  }
}
