import { checkCreditCode } from '../../../../electron/contract/domain/identifiers';

/**
 * The 电子营业执照 QR code carries the unified social credit code among other data; its exact
 * layout is the issuer's, so any valid 18-character credit code found in the text is taken.
 */
export function creditCodeFromScan(text: string): string | null {
  const candidates = text.toUpperCase().match(/[0-9A-HJ-NPQRTUWXY]{18}/g) ?? [];
  for (const c of candidates) {
    const r = checkCreditCode(c);
    if (r.ok) return r.value.code;
  }
  return null;
}
