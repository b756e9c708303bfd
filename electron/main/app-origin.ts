/**
 * The renderer is served from a privileged custom scheme instead of file://, so it gets a real origin
 * (same-origin checks, CSP 'self') and nothing on disk outside the renderer build is reachable.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** True only for URLs on the app's own origin. Parsed, not prefix-matched, so `app://kiosk.evil/` fails. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
