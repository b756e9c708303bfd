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
 * The kiosk needs no browser permission (camera, microphone, geolocation, notifications, USB, serial,
 * HID …): devices are reached by the services, never by the page. Deny every request and every check.
 */
export function denyAllPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('denied permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
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
