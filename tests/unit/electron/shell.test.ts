import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { KIOSK_MODE_SETTING, resolveKioskMode, startShell, type Shell } from '../../../electron/main/shell';
import { loadConfig } from '../../../services/config';
import { SettingsRepository } from '../../../services/store/database';
import { BrowserWindow, Menu, app, ipcMain, protocol, resetFakeElectron, safeStorage, session } from './fake-electron';

/** The whole main process against the fake electron: real services on a temp data dir. */
let root: string;
let env: NodeJS.ProcessEnv;

const makeEnv = (): void => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
  const rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>政务自助终端</title>');
  env = {
    KIOSK_DATA_DIR: path.join(root, 'data'),
    KIOSK_RENDERER_DIR: rendererDir,
    KIOSK_ID: 'kiosk-shell-test',
    KIOSK_MODE: '1',
    // The shell's wiring is under test, not content or the platform link: skip installing the sample
    // bundle and starting the platform simulator (nothing listens on the discard port).
    KIOSK_CONTENT_SAMPLE: '0',
    KIOSK_PLATFORM_URL: 'http://127.0.0.1:9',
  };
};

const quitAndWait = async (): Promise<void> => {
  app.quit();
  await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
};

describe('a started kiosk shell', () => {
  let shell: Shell | null = null;
  const mainSender = () => ({ senderId: BrowserWindow.created[0]?.webContents.id ?? -1, frameUrl: 'app://kiosk/' });

  beforeAll(async () => {
    resetFakeElectron();
    makeEnv();
    shell = await startShell({ env, preloadPath: '/built/preload/index.cjs' });
  });
  afterAll(async () => {
    await quitAndWait();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('registered app:// as privileged before ready and serves the renderer with the CSP', async () => {
    expect(shell).not.toBeNull();
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']);
    const res = await protocol.request('app://kiosk/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('政务自助终端');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('opened one hardened kiosk window on app://kiosk/', () => {
    expect(BrowserWindow.created).toHaveLength(1);
    const win = BrowserWindow.created[0];
    expect(win?.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, preload: '/built/preload/index.cjs' } });
    expect(win?.webContents.loadedUrl).toBe('app://kiosk/');
    expect(Menu.applicationMenu).toBeNull();
    expect(shell?.kiosk).toBe(true);
  });

  it('serves contract calls from the kiosk window through the real services, and only from it', async () => {
    await expect(ipcMain.invokeFrom(mainSender(), 'kiosk:system.info', {})).resolves.toMatchObject({
      ok: true,
      value: { kioskId: 'kiosk-shell-test' },
    });
    await expect(ipcMain.invokeFrom(mainSender(), 'kiosk:system.info', { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    await expect(ipcMain.invokeFrom({ senderId: 9999, frameUrl: 'app://kiosk/' }, 'kiosk:system.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('forwards service events to the window', async () => {
    await ipcMain.invokeFrom(mainSender(), 'kiosk:session.end', { reason: 'logout' });
    expect(BrowserWindow.created[0]?.webContents.sent).toContainEqual({
      channel: 'kiosk:event',
      args: [{ type: 'session.expired', reason: 'logout' }],
    });
  });

  it('is production unless told otherwise, and keeps the outbox key with safeStorage, never in the clear', async () => {
    const health = shell!.services.health();
    expect(health.profile).toBe('production');
    expect(health.reasons.map((r) => r.code)).not.toContain('outbox-key-missing');
    // A queued help request seals personal data: the key is made and kept through the OS keyring.
    const r = await ipcMain.invokeFrom(mainSender(), 'kiosk:platform.requestHelp', { topic: 'how-to-apply', message: '不会填写', contactMobile: '13800138000', waitMs: 0 });
    expect(r).toMatchObject({ ok: true, value: { status: 'queued' } });
    const file = path.join(env.KIOSK_DATA_DIR!, 'platform', 'outbox.key.safe');
    const stored = fs.readFileSync(file);
    const key = Buffer.from(safeStorage.decryptString(stored), 'base64');
    expect(key).toHaveLength(32);
    expect(stored.includes(key)).toBe(false);
    expect(stored.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(fs.existsSync(path.join(env.KIOSK_DATA_DIR!, 'platform', 'outbox.key'))).toBe(false);
  });

  it('denies permission requests from the page, but camera and microphone to its own page', async () => {
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['audio'] }, 'https://example.com/')).toBe(false);
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(session.defaultSession.checkPermission('geolocation')).toBe(false);
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['video'] })).toBe(true);
    expect(await session.defaultSession.requestPermission('media', { mediaTypes: ['video'] }, 'https://example.com/')).toBe(false);
  });

  it('locks any other webContents that appears', () => {
    const stray = new BrowserWindow({});
    expect(stray.webContents.attemptNavigation('will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
  });

  it('brings itself forward when a second instance is launched', () => {
    const win = BrowserWindow.created[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], root);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });
});

describe('shell lifecycle', () => {
  beforeEach(() => {
    resetFakeElectron();
    makeEnv();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a second instance quits at once without opening anything', async () => {
    app.singleInstanceLock = false;
    await expect(startShell({ env })).resolves.toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('on quit removes the IPC handlers and stops the services (the store is closed)', async () => {
    const shell = await startShell({ env });
    const db = shell?.services.db;
    app.quit();
    expect(app.quitted).toBe(false); // held until the services have stopped
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
    expect(ipcMain.handlers.size).toBe(0);
    expect(db?.open).toBe(false);
  });

  it('without an OS keyring the shell stays on its maintenance screen rather than keep personal data in the clear', async () => {
    safeStorage.available = false;
    try {
      const shell = await startShell({ env });
      expect(shell?.services.health().reasons.map((r) => r.code)).toContain('outbox-key-missing');
      const help = await ipcMain.invokeFrom(
        { senderId: BrowserWindow.created[0]!.webContents.id, frameUrl: 'app://kiosk/' },
        'kiosk:platform.requestHelp',
        { topic: 'how-to-apply', message: '不会填写', waitMs: 0 },
      );
      expect(help).toMatchObject({ ok: false });
      expect(fs.existsSync(path.join(env.KIOSK_DATA_DIR!, 'platform', 'outbox.key.safe'))).toBe(false);
      await quitAndWait();
    } finally {
      safeStorage.available = true;
    }
  });

  it('kiosk mode comes from KIOSK_MODE, else from the stored setting', async () => {
    const settings = { get: (key: string) => (key === KIOSK_MODE_SETTING ? '1' : null) };
    const none = { get: () => null };
    const mode = (env: NodeJS.ProcessEnv) => loadConfig(env).shellKioskMode;
    expect(resolveKioskMode(mode({ KIOSK_MODE: '1' }), none)).toBe(true);
    expect(resolveKioskMode(mode({ KIOSK_MODE: 'true' }), none)).toBe(true);
    expect(resolveKioskMode(mode({ KIOSK_MODE: '0' }), settings)).toBe(false);
    expect(resolveKioskMode(mode({}), settings)).toBe(true);
    expect(resolveKioskMode(mode({}), none)).toBe(false);

    // The setting in the real store switches the next start into kiosk mode.
    const { KIOSK_MODE: _ignored, ...withoutMode } = env;
    const first = await startShell({ env: withoutMode });
    if (!first) throw new Error('shell did not start');
    expect(first.kiosk).toBe(false);
    expect(BrowserWindow.created[0]?.options).toMatchObject({ kiosk: false });
    new SettingsRepository(first.services.db).set(KIOSK_MODE_SETTING, '1');
    await quitAndWait();

    resetFakeElectron();
    const second = await startShell({ env: withoutMode });
    expect(second?.kiosk).toBe(true);
    expect(BrowserWindow.created[0]?.options).toMatchObject({ kiosk: true, fullscreen: true });
    await quitAndWait();
  });
});
