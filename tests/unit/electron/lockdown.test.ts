import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { startShell, type Shell } from '../../../electron/main/shell';
import { blockedShortcut, createMainWindow, kioskWindowOptions } from '../../../electron/main/window';
import { BrowserWindow, FakeEvent, app, resetFakeElectron } from './fake-electron';
import { recordingLogger } from '../../support/recording-logger';

/**
 * The Electron shell's own lockdown (on Linux `kiosk: true` is only full screen; the session — cage —
 * does the rest): escape shortcuts, pinch zoom, the context menu and DevTools blocked unless
 * KIOSK_DEVTOOLS=1, and every renderer restart after a crash or hang counted, so that a crash loop
 * ends in safe mode. Against the fake electron module: no Electron binary runs here.
 */
const preloadPath = '/opt/kiosk/dist/electron/preload/index.cjs';
const log = recordingLogger();
const press = (input: { key: string; control?: boolean; alt?: boolean; shift?: boolean }, allowDevtools = false) =>
  blockedShortcut({ type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input }, allowDevtools);

describe('lockdown of the kiosk window', () => {
  beforeEach(() => resetFakeElectron());
  afterEach(() => vi.useRealTimers());

  it.each([
    ['a new window', { key: 'n', control: true }],
    ['a new tab', { key: 't', control: true }],
    ['opening a file', { key: 'o', control: true }],
    ['saving the page', { key: 's', control: true }],
    ['switching to a text console', { key: 'F2', control: true, alt: true }],
  ])('blocks %s', (_name, key) => {
    expect(press(key)).not.toBeNull();
  });

  it('DevTools stay closed in a kiosk unless the documented flag asks for them', () => {
    expect(kioskWindowOptions({ kiosk: true, preloadPath }).webPreferences?.devTools).toBe(false);
    expect(kioskWindowOptions({ kiosk: true, preloadPath, devtools: true }).webPreferences?.devTools).toBe(true);
    expect(press({ key: 'F12' })).toBe('devtools');
    expect(press({ key: 'F12' }, true)).toBeNull();
    // Reload and quit stay blocked with the flag: it opens DevTools, not the way out.
    expect(press({ key: 'r', control: true }, true)).toBe('reload');

    createMainWindow({ kiosk: true, preloadPath, log, isQuitting: () => false });
    const contents = BrowserWindow.created.at(-1)!.webContents;
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
    createMainWindow({ kiosk: true, preloadPath, log, devtools: true, isQuitting: () => false });
    const open = BrowserWindow.created.at(-1)!.webContents;
    open.emit('devtools-opened');
    expect(open.devToolsClosed).toBe(0);
  });

  it('no pinch zoom (again after every load) and no context menu', () => {
    createMainWindow({ kiosk: true, preloadPath, log, isQuitting: () => false });
    const contents = BrowserWindow.created.at(-1)!.webContents;
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    contents.visualZoomLimits = null;
    contents.emit('did-finish-load');
    expect(contents.visualZoomLimits).toEqual([1, 1]);
    const menu = new FakeEvent();
    contents.emit('context-menu', menu, { x: 10, y: 10 });
    expect(menu.defaultPrevented).toBe(true);
  });

  it('tells whoever counts restarts of each crash, and of a hang it had to kill', () => {
    vi.useFakeTimers();
    const restarts: string[] = [];
    createMainWindow({ kiosk: true, preloadPath, log, recovery: { hangGraceMs: 1_000, onRestart: (c) => restarts.push(c) }, isQuitting: () => false });
    const contents = BrowserWindow.created.at(-1)!.webContents;
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    contents.emit('unresponsive');
    vi.advanceTimersByTime(1_000);
    contents.emit('render-process-gone', new FakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    expect(restarts).toEqual(['crash', 'hang']);
  });
});

describe('a shell whose renderer keeps crashing', () => {
  let root: string;
  let shell: Shell | null = null;

  beforeAll(async () => {
    resetFakeElectron();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-lockdown-'));
    const rendererDir = path.join(root, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>政务自助终端</title>');
    shell = await startShell({
      env: {
        KIOSK_DATA_DIR: path.join(root, 'data'),
        KIOSK_RENDERER_DIR: rendererDir,
        KIOSK_ID: 'kiosk-lockdown-test',
        KIOSK_MODE: '1',
        KIOSK_CONTENT_SAMPLE: '0',
        KIOSK_PLATFORM_URL: 'http://127.0.0.1:9',
        KIOSK_DEVICES: 'none',
      },
      preloadPath: '/built/preload/index.cjs',
    });
  });
  afterAll(async () => {
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 15_000 });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('set the switches against pinch zoom and swipe-back before the app was ready', () => {
    expect(Object.fromEntries(app.commandLine.switches)).toMatchObject({ 'disable-pinch': '', 'overscroll-history-navigation': '0' });
  });

  it('survives three crashes; the fourth within five minutes is safe mode (maintenance screen)', async () => {
    const contents = shell!.window.webContents as unknown as InstanceType<typeof BrowserWindow>['webContents'];
    const crash = (): void => void contents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 139 });
    for (let i = 0; i < 3; i++) crash();
    await vi.waitFor(() => expect(shell!.services.health().reasons.map((r) => r.code)).not.toContain('safe-mode'));
    crash();
    await vi.waitFor(() => expect(shell!.services.health().reasons.map((r) => r.code)).toContain('safe-mode'));
    expect(fs.existsSync(path.join(root, 'data', 'admin', 'safe-mode.json'))).toBe(true);
  });
});
