import { checkCreditCode } from '../../../../kernel/identifiers';

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

/**
 * What a scan on the identify screen means: the credit code to look up, or the error to show.
 * Every scan replaces the previous verdict, so a good scan clears an earlier bad one.
 */
export function readLicenceScan(text: string): { creditCode: string; errorKey: null } | { creditCode: null; errorKey: 'journey.identify.scanNotLicence' } {
  const creditCode = creditCodeFromScan(text);
  return creditCode ? { creditCode, errorKey: null } : { creditCode: null, errorKey: 'journey.identify.scanNotLicence' };
}
