import { createPublicKey, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SIGNATURE_MAX_SKEW_MS } from '../platform-wire/protocol';
import { verifySignedRequest, type SignatureFailure } from '../platform-wire/signing';

export type AuthFailure = SignatureFailure | 'replayed';

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
    const checked = verifySignedRequest({ method, pathWithQuery, header: h, body, now }, (id) => this.keys.get(id));
    if (!checked.ok) return checked.reason;
    const nonceKey = `${checked.kioskId}:${checked.nonce}`;
    if (this.seenNonces.has(nonceKey)) return 'replayed';
    this.seenNonces.set(nonceKey, checked.timestamp);
    this.prune(now);
    return null;
  }

  private prune(now: number): void {
    if (this.seenNonces.size < 10_000) return;
    for (const [k, ts] of this.seenNonces) if (now - ts > SIGNATURE_MAX_SKEW_MS * 2) this.seenNonces.delete(k);
  }
}
