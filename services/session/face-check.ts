import type { DecodedPhoto } from '../../hardware';

/** What a face check may conclude. Only `match` lets a screen say the person is the card's holder. */
export type FaceVerdict = 'match' | 'mismatch' | 'inconclusive';

/**
 * 人证核验: the port a licensed vendor module implements to compare the live face with the ID card's
 * photo. The kiosk ships none; an integration registers one by name (`KioskServicesOptions.faceCheckModules`)
 * and `KIOSK_FACE_CHECK_MODULE` names the one to use. Without it the feature is off and no screen
 * claims a check.
 */
export interface FaceCheckModule {
  /** For logs and diagnostics (the vendor and version, nothing personal). */
  readonly vendor: string;
  compare(input: {
    /** The live picture, JPEG. */
    readonly live: Buffer;
    /** The card's photo as read (WLT), and decoded when the kiosk has a decoder. */
    readonly card: { readonly wlt: Buffer; readonly decoded: DecodedPhoto | null };
  }): Promise<{ readonly verdict: FaceVerdict }>;
}

/** The configured module among those installed; null (feature off) when none is configured or it is missing. */
export function resolveFaceCheck(
  configured: string | null,
  installed: Readonly<Record<string, FaceCheckModule>>,
): { module: FaceCheckModule | null; missing: string | null } {
  if (!configured) return { module: null, missing: null };
  const module = Object.hasOwn(installed, configured) ? installed[configured]! : null;
  return { module, missing: module ? null : configured };
}
