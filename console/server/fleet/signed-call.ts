import { createPublicKey, type KeyObject } from 'node:crypto';
import { PLATFORM_HEADERS } from '../../../platform-wire/protocol';
import { verifySignedRequest, type SignatureFailure } from '../../../platform-wire/signing';

/** One request from a kiosk, as it arrived: what its signature covers. */
export interface SignedCall {
  readonly method: string;
  readonly pathWithQuery: string;
  readonly header: (name: string) => string | undefined;
  /** The exact bytes received. */
  readonly rawBody: string;
}

export const signedKioskId = (call: SignedCall): string | undefined => call.header(PLATFORM_HEADERS.kioskId);

// Public keys never change for a kiosk row, so parsed keys can be kept; revocation is read from the database every time.
const keys = new Map<string, KeyObject>();
const keyOf = (spkiBase64: string): KeyObject | undefined => {
  let k = keys.get(spkiBase64);
  if (!k) {
    try {
      k = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    } catch {
      return undefined;
    }
    if (keys.size >= 50_000) keys.clear();
    keys.set(spkiBase64, k);
  }
  return k;
};

/** Checks a kiosk's signature (Ed25519, platform-wire's signing string) with the key the console holds for it. */
export function verifyCall(
  call: SignedCall,
  publicKeySpkiBase64: string,
  now: number,
): { ok: true; kioskId: string; nonce: string; timestamp: number } | { ok: false; reason: SignatureFailure } {
  return verifySignedRequest({ method: call.method, pathWithQuery: call.pathWithQuery, header: call.header, body: call.rawBody, now }, () => keyOf(publicKeySpkiBase64));
}
