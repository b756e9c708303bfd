import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import type { Session, WebContents } from 'electron';
import { denyAllPermissionsButCamera, lockNavigation } from '../../../electron/main/navigation-lock';
import { FakeWebContents, resetFakeElectron, session } from './fake-electron';
import { recordingLogger } from '../../support/recording-logger';

const asElectron = (c: FakeWebContents): WebContents => c as unknown as WebContents;

describe('navigation lock', () => {
  let contents: FakeWebContents;
  const log = recordingLogger();

  beforeEach(() => {
    resetFakeElectron();
    log.lines.length = 0;
    contents = new FakeWebContents();
    lockNavigation(asElectron(contents), log);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s to an external site is prevented', (kind) => {
    expect(contents.attemptNavigation(kind, 'https://example.com/phish').defaultPrevented).toBe(true);
  });

  it.each([
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://kiosk.evil.example/',
    'app://evil/kiosk/',
    'app://user@kiosk/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses the look-alike or foreign URL %s', (url) => {
    expect(contents.attemptNavigation('will-navigate', url).defaultPrevented).toBe(true);
  });

  it('lets the app move between its own pages', () => {
    expect(contents.attemptNavigation('will-navigate', 'app://kiosk/guide/42').defaultPrevented).toBe(false);
    expect(contents.attemptNavigation('will-redirect', 'app://kiosk/').defaultPrevented).toBe(false);
  });

  it('denies window.open, even to the app itself', () => {
    expect(contents.attemptWindowOpen('https://example.com/')).toBe('deny');
    expect(contents.attemptWindowOpen('app://kiosk/')).toBe('deny');
  });

  it('refuses to attach a <webview>', () => {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('logs only the origin of a blocked URL (its path could carry personal data)', () => {
    contents.attemptNavigation('will-navigate', 'https://example.com/q?id=440101199001011234');
    const line = log.lines.find((l) => l.msg === 'blocked navigation');
    expect(line?.fields).toEqual({ kind: 'will-navigate', url: 'https://example.com' });
    expect(JSON.stringify(log.lines)).not.toContain('440101199001011234');
  });

  it('locks a webContents once, however often it is handed over', () => {
    lockNavigation(asElectron(contents), log);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('permissions', () => {
  beforeEach(() => resetFakeElectron());

  it('without the lock, the fake grants (as Chromium would): the test below can fail', async () => {
    expect(await session.defaultSession.requestPermission('media')).toBe(true);
  });

  it.each(['media', 'geolocation', 'notifications', 'serial', 'hid', 'clipboard-read', 'fullscreen'])(
    'a %s request without a camera in it is denied, and so is the check',
    async (permission) => {
      denyAllPermissionsButCamera(session.defaultSession as unknown as Session, recordingLogger());
      expect(await session.defaultSession.requestPermission(permission)).toBe(false);
      expect(session.defaultSession.checkPermission(permission)).toBe(false);
    },
  );

  it('grants the camera and the microphone (video help) to the kiosk\'s own page, and checks them for the app origin', async () => {
    denyAllPermissionsButCamera(session.defaultSession as unknown as Session, recordingLogger());
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['video'] })).toBe(true);
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(session.defaultSession.checkPermission('media', { mediaType: 'video' })).toBe(true);
    expect(session.defaultSession.checkPermission('media', { mediaType: 'audio' })).toBe(true);
  });

  it('refuses other media types, and camera or microphone to any other page or origin', async () => {
    denyAllPermissionsButCamera(session.defaultSession as unknown as Session, recordingLogger());
    const s = session.defaultSession;
    expect(await s.requestPermission('media', { mediaTypes: ['audio'] }, 'https://example.com/')).toBe(false);
    expect(await s.requestPermission('media', { mediaTypes: ['video'] }, 'app://kiosk.evil/')).toBe(false);
    expect(await s.requestPermission('media', { mediaTypes: [] })).toBe(false);
    expect(await s.requestPermission('media', { mediaTypes: ['video'] }, 'https://example.com/')).toBe(false);
    expect(await s.requestPermission('media', { mediaTypes: ['video'] }, 'app://kiosk.evil/')).toBe(false);
    expect(s.checkPermission('media', { mediaType: 'audio' }, 'https://example.com')).toBe(false);
    expect(s.checkPermission('media', { mediaType: 'video' }, 'https://example.com')).toBe(false);
  });

  it('denies device access (USB, serial, HID) to the page', () => {
    denyAllPermissionsButCamera(session.defaultSession as unknown as Session, recordingLogger());
    expect(session.defaultSession.checkDevicePermission('serial')).toBe(false);
    expect(session.defaultSession.checkDevicePermission('usb')).toBe(false);
  });
});
