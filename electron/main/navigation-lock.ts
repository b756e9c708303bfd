import type { Event, Session, WebContents } from 'electron';
import type { Logger } from '../../services/log/logger';
import { isAppUrl } from './app-origin';

/**
 * Keeps a webContents on the app's own origin: no navigation, redirect or sub-frame navigation
 * elsewhere, no new windows, no <webview>. A kiosk that wanders to another page cannot get back.
 */
const locked = new WeakSet<WebContents>();

export function lockNavigation(contents: WebContents, log: Logger): void {
  if (locked.has(contents)) return;
  locked.add(contents);
  const refuseOffOrigin = (kind: string) => (event: Event, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('blocked navigation', { kind, url: safeOrigin(url) });
  };
  contents.on('will-navigate', (event) => refuseOffOrigin('will-navigate')(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseOffOrigin('will-frame-navigate')(event, event.url));
  contents.on('will-redirect', (event) => refuseOffOrigin('will-redirect')(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked window.open', { url: safeOrigin(url) });
    return { action: 'deny' };
  });
}

/**
 * The kiosk needs one browser permission: the document camera (高拍仪), video only, for the app's own
 * page. Everything else (microphone, geolocation, notifications, USB, serial, HID …) is denied, and so
 * is the camera to any other page or frame: devices are reached by the services, never by the page.
 */
export function denyAllPermissionsButCamera(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const d = details as { requestingUrl?: string; mediaTypes?: ReadonlyArray<string> };
    const pageUrl = (contents as { getURL?: () => string } | null)?.getURL?.();
    // Camera (高拍仪, video help) and microphone (video help) for the kiosk's own page only.
    const cameraForApp =
      permission === 'media' && isAppUrl(d.requestingUrl) && isAppUrl(pageUrl) && (d.mediaTypes ?? []).length > 0 && (d.mediaTypes ?? []).every((t) => t === 'video' || t === 'audio');
    if (!cameraForApp) log.warn('denied permission request', { permission });
    callback(cameraForApp);
  });
  // Checks (enumerateDevices labels, permission queries): camera and microphone for the app's origin only.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const d = details as { mediaType?: string; requestingUrl?: string };
    return permission === 'media' && (d.mediaType === 'video' || d.mediaType === 'audio') && isAppUrl(`${requestingOrigin}/`) && (d.requestingUrl === undefined || isAppUrl(d.requestingUrl));
  });
  session.setDevicePermissionHandler(() => false);
}

/** Logs only the origin: a blocked URL's path or query could carry personal data. */
const safeOrigin = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparseable)';
  }
};
