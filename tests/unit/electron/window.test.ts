import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { createMainWindow, kioskWindowOptions } from '../../../electron/main/window';
import { BrowserWindow, Menu, resetFakeElectron } from './fake-electron';
import { recordingLogger } from '../../support/recording-logger';

const preloadPath = '/opt/kiosk/dist/electron/preload/index.cjs';

describe('kioskWindowOptions', () => {
  it.each([true, false])('hardens the renderer whatever the mode (kiosk=%s)', (kiosk) => {
    const prefs = kioskWindowOptions({ kiosk, preloadPath }).webPreferences ?? {};
    expect(prefs).toMatchObject({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
    });
  });

  it('in kiosk mode: full screen, no menu bar, no devtools', () => {
    const options = kioskWindowOptions({ kiosk: true, preloadPath });
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(options.webPreferences?.devTools).toBe(false);
  });

  it('outside kiosk mode: a normal window where developers keep devtools', () => {
    const options = kioskWindowOptions({ kiosk: false, preloadPath });
    expect(options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(options.webPreferences?.devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  const log = recordingLogger();
  let quitting = false;
  const open = (kiosk: boolean, recovery = { hangGraceMs: 5_000 }) => {
    createMainWindow({ kiosk, preloadPath, log, recovery, isQuitting: () => quitting });
    const win = BrowserWindow.created.at(-1);
    if (!win) throw new Error('no window created');
    return win;
  };

  beforeEach(() => {
    resetFakeElectron();
    log.lines.length = 0;
    quitting = false;
  });
  afterEach(() => vi.useRealTimers());

  it('loads the app from app://kiosk/ and shows it when ready', () => {
    const win = open(true);
    expect(win.webContents.loadedUrl).toBe('app://kiosk/');
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('locks navigation of its own webContents', () => {
    const win = open(false);
    expect(win.webContents.attemptNavigation('will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
    expect(win.webContents.attemptWindowOpen('https://example.com/')).toBe('deny');
  });

  it('in kiosk mode removes the application menu', () => {
    open(true);
    expect(Menu.applicationMenu).toBeNull();
  });

  it.each([
    ['reload', { key: 'r', control: true }],
    ['hard reload', { key: 'R', control: true, shift: true }],
    ['reload (F5)', { key: 'F5' }],
    ['reload (macOS)', { key: 'r', meta: true }],
    ['devtools (F12)', { key: 'F12' }],
    ['devtools', { key: 'I', control: true, shift: true }],
    ['console', { key: 'J', control: true, shift: true }],
    ['inspect element', { key: 'C', control: true, shift: true }],
    ['quit', { key: 'q', control: true }],
    ['quit (macOS)', { key: 'q', meta: true }],
    ['close window', { key: 'w', control: true }],
    ['close (Alt+F4)', { key: 'F4', alt: true }],
    ['leave full screen', { key: 'F11' }],
    ['print', { key: 'p', control: true }],
    ['view source', { key: 'u', control: true }],
    ['history back', { key: 'ArrowLeft', alt: true }],
  ])('in kiosk mode blocks %s', (_name, key) => {
    const win = open(true);
    expect(win.webContents.pressKey(key).defaultPrevented).toBe(true);
  });

  it.each([
    ['typing', { key: 'r' }],
    ['capital letter', { key: 'R', shift: true }],
    ['zoom in (accessibility)', { key: '=', control: true }],
    ['zoom out (accessibility)', { key: '-', control: true }],
    ['zoom reset', { key: '0', control: true }],
    ['Enter', { key: 'Enter' }],
    ['Escape', { key: 'Escape' }],
  ])('in kiosk mode still lets through %s', (_name, key) => {
    const win = open(true);
    expect(win.webContents.pressKey(key).defaultPrevented).toBe(false);
  });

  it('outside kiosk mode leaves developer shortcuts alone', () => {
    const win = open(false);
    expect(win.webContents.pressKey({ key: 'F12' }).defaultPrevented).toBe(false);
    expect(win.webContents.pressKey({ key: 'r', control: true }).defaultPrevented).toBe(false);
    expect(Menu.applicationMenu).toBe('default-menu');
  });

  it('in kiosk mode refuses to close the window until the app is really quitting', () => {
    const win = open(true);
    expect(win.close()).toBe(false);
    expect(win.isDestroyed()).toBe(false);
    quitting = true;
    expect(win.close()).toBe(true);
  });

  it('reloads the renderer after it crashes', () => {
    vi.useFakeTimers();
    const win = open(true);
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.runAllTimers();
    expect(win.webContents.reloads).toBe(1);
    expect(log.lines.some((l) => l.level === 'error' && l.msg.includes('renderer gone'))).toBe(true);
  });

  it('does not reload a renderer that exited cleanly (the window is closing)', () => {
    vi.useFakeTimers();
    const win = open(true);
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.runAllTimers();
    expect(win.webContents.reloads).toBe(0);
  });

  it('slows restarts down in a crash loop instead of spinning', () => {
    vi.useFakeTimers();
    const win = open(true, { hangGraceMs: 5_000 });
    for (let i = 0; i < 4; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.advanceTimersByTime(0);
    expect(win.webContents.reloads).toBe(3);
    vi.advanceTimersByTime(10_000);
    expect(win.webContents.reloads).toBe(4);
  });

  it('restarts a renderer that stays hung past the grace period', () => {
    vi.useFakeTimers();
    const win = open(true);
    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(4_999);
    expect(win.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1);
    vi.runAllTimers();
    expect(win.webContents.reloads).toBe(1);
  });

  it('leaves a renderer alone that becomes responsive within the grace period', () => {
    vi.useFakeTimers();
    const win = open(true);
    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(3_000);
    win.webContents.emit('responsive');
    vi.runAllTimers();
    expect(win.webContents.reloads).toBe(0);
  });
});
