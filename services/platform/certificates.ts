import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { chinaToday } from '../../kernel/china-date';
import { canonicalCertificateJson, certificateBody, type CertificateView, type ECertificate } from '../../platform-wire/model';
import type { PlatformClient } from './client';

/**
 * Checks e-certificates before the kiosk relies on them (免证办): the hash is recomputed from the
 * canonical body and the issuer's Ed25519 signature is verified with the key the platform publishes.
 */
export class CertificateVerifier {
  private keys: Map<string, KeyObject> | null = null;

  constructor(private readonly client: () => PlatformClient | null) {}

  private async issuerKey(keyId: string): Promise<KeyObject | null> {
    if (!this.keys?.has(keyId)) {
      const c = this.client();
      const r = c ? await c.issuerKeys() : null;
      if (r?.ok) {
        this.keys = new Map(r.value.keys.map((k) => [k.keyId, createPublicKey({ key: Buffer.from(k.publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' })]));
      }
    }
    return this.keys?.get(keyId) ?? null;
  }

  async view(cert: ECertificate, today = chinaToday()): Promise<CertificateView> {
    const body = certificateBody.parse(cert);
    const hash = createHash('sha256').update(canonicalCertificateJson(body)).digest('hex');
    const key = await this.issuerKey(cert.signatureKeyId);
    let verified = false;
    if (key && hash === cert.hash) {
      try {
        verified = verify(null, Buffer.from(cert.hash), key, Buffer.from(cert.signature, 'base64'));
      } catch {
        verified = false;
      }
    }
    return { ...cert, expired: cert.validUntil !== null && cert.validUntil < today, verified };
  }
}
