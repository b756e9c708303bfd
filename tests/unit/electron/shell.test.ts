import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { KIOSK_MODE_SETTING, resolveKioskMode, startShell, type Shell } from '../../../electron/main/shell';
import { SettingsRepository } from '../../../electron/services/store/database';
import { BrowserWindow, Menu, app, ipcMain, protocol, resetFakeElectron, session } from './fake-electron';

/** The whole main process against the fake electron: real services on a temp data dir. */
describe('startShell', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let shell: Shell | null = null;

  beforeEach(() => {
    resetFakeElectron();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-shell-'));
    const rendererDir = path.join(root, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>政务自助终端</title>');
    env = { KIOSK_DATA_DIR: path.join(root, 'data'), KIOSK_RENDERER_DIR: rendererDir, KIOSK_ID: 'kiosk-shell-test', KIOSK_MODE: '1' };
  });
  afterEach(async () => {
    if (shell && !app.quitted) {
      app.quit();
      await vi.waitFor(() => expect(app.quitted).toBe(true));
    }
    shell = null;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const mainSender = () => ({ senderId: shell?.window.webContents.id ?? -1, frameUrl: 'app://kiosk/' });

  it('starts: scheme registered before ready, renderer served with the CSP, kiosk window on app://kiosk/', async () => {
    shell = await startShell({ env, preloadPath: '/built/preload/index.cjs' });
    expect(shell).not.toBeNull();
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app']);

    const res = await protocol.request('app://kiosk/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('政务自助终端');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");

    expect(BrowserWindow.created).toHaveLength(1);
    const win = BrowserWindow.created[0];
    expect(win?.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, preload: '/built/preload/index.cjs' } });
    expect(win?.webContents.loadedUrl).toBe('app://kiosk/');
    expect(Menu.applicationMenu).toBeNull();
  });

  it('serves contract calls from the kiosk window through the real services', async () => {
    shell = await startShell({ env });
    await expect(ipcMain.invokeFrom(mainSender(), 'kiosk:system.info', {})).resolves.toMatchObject({
      ok: true,
      value: { kioskId: 'kiosk-shell-test' },
    });
    await expect(ipcMain.invokeFrom(mainSender(), 'kiosk:system.info', { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    await expect(
      ipcMain.invokeFrom({ senderId: 9999, frameUrl: 'app://kiosk/' }, 'kiosk:system.info', {}),
    ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards service events to the window', async () => {
    shell = await startShell({ env });
    await ipcMain.invokeFrom(mainSender(), 'kiosk:session.end', { reason: 'logout' });
    expect(BrowserWindow.created[0]?.webContents.sent).toContainEqual({
      channel: 'kiosk:event',
      args: [{ type: 'session.expired', reason: 'logout' }],
    });
  });

  it('denies permission requests from the page', async () => {
    shell = await startShell({ env });
    expect(await session.defaultSession.requestPermission('media')).toBe(false);
  });

  it('locks any other webContents that appears', async () => {
    shell = await startShell({ env });
    const stray = new BrowserWindow({});
    expect(stray.webContents.attemptNavigation('will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
  });

  it('a second instance quits at once and the first one comes forward', async () => {
    app.singleInstanceLock = false;
    await expect(startShell({ env })).resolves.toBeNull();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toHaveLength(0);

    resetFakeElectron();
    shell = await startShell({ env });
    const win = BrowserWindow.created[0];
    if (!win) throw new Error('no window');
    win.minimized = true;
    app.emit('second-instance', {}, ['electron', '.'], root);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('on quit removes the IPC handlers and stops the services (the store is closed)', async () => {
    shell = await startShell({ env });
    const db = shell?.services.db;
    app.quit();
    expect(app.quitted).toBe(false); // held until the services have stopped
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(ipcMain.handlers.size).toBe(0);
    expect(db?.open).toBe(false);
  });

  it('kiosk mode comes from KIOSK_MODE, else from the stored setting', async () => {
    const settings = { get: (key: string) => (key === KIOSK_MODE_SETTING ? '1' : null) };
    const none = { get: () => null };
    expect(resolveKioskMode({ KIOSK_MODE: '1' }, none)).toBe(true);
    expect(resolveKioskMode({ KIOSK_MODE: 'true' }, none)).toBe(true);
    expect(resolveKioskMode({ KIOSK_MODE: '0' }, settings)).toBe(false);
    expect(resolveKioskMode({}, settings)).toBe(true);
    expect(resolveKioskMode({}, none)).toBe(false);

    // The setting in the real store switches a started shell into kiosk mode.
    const { KIOSK_MODE: _ignored, ...withoutEnv } = env;
    shell = await startShell({ env: withoutEnv });
    expect(shell?.kiosk).toBe(false);
    if (!shell) throw new Error('shell did not start');
    new SettingsRepository(shell.services.db).set(KIOSK_MODE_SETTING, '1');
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    resetFakeElectron();
    shell = await startShell({ env: withoutEnv });
    expect(shell?.kiosk).toBe(true);
  });
});
