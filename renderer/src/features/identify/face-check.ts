/** 人证核验 as a screen may word it. */
export type FaceCheckState =
  | { readonly kind: 'off' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'verdict'; readonly verdict: 'match' | 'mismatch' | 'inconclusive' }
  | { readonly kind: 'failed' };

/**
 * The one text a face check puts on screen (an i18n key), or null for nothing at all. Off — no
 * module installed — shows nothing: no button, and never a claim that the face was checked. Only a
 * module's `match` says the person matches the card.
 */
export function faceCheckText(s: FaceCheckState): string | null {
  switch (s.kind) {
    case 'off':
      return null;
    case 'ready':
      return 'faceCheck.start';
    case 'checking':
      return 'faceCheck.checking';
    case 'verdict':
      return `faceCheck.${s.verdict}`;
    case 'failed':
      return 'faceCheck.failed';
  }
}
