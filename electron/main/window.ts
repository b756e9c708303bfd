import { BrowserWindow, Menu, type BrowserWindowConstructorOptions, type Input, type WebContents } from 'electron';
import type { Logger } from '../../services/log/logger';
import { APP_URL } from './app-origin';
import { lockNavigation } from './navigation-lock';

export interface ShellWindowConfig {
  /** Locked-down full-screen kiosk: no menu, no devtools, no reload/quit shortcuts. */
  readonly kiosk: boolean;
  /** Absolute path of the built (CommonJS) preload. */
  readonly preloadPath: string;
  /** KIOSK_DEVTOOLS=1: DevTools stay reachable in a locked-down kiosk (a technician debugging on site). */
  readonly devtools?: boolean;
}

/** Pure so tests can assert every hardening flag without a window. */
export function kioskWindowOptions(config: ShellWindowConfig): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    show: false,
    backgroundColor: '#ffffff',
    kiosk: config.kiosk,
    fullscreen: config.kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload: config.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !config.kiosk || config.devtools === true,
    },
  };
}

/**
 * The shortcut a kiosk user must not reach, or null. Zoom (Ctrl +/-/0) stays allowed: it is an
 * accessibility aid and cannot leave the app.
 */
export function blockedShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>, allowDevtools = false): string | null {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const mod = input.control || input.meta;
  if (key === 'F5' || (mod && key === 'r') || key === 'BrowserRefresh') return 'reload';
  if (!allowDevtools && (key === 'F12' || (mod && input.shift && ['i', 'j', 'c'].includes(key)) || (input.meta && input.alt && key === 'i'))) {
    return 'devtools';
  }
  // Ways out of the app's page: other windows and tabs, files, the console switch (cage turns VT
  // switching off too, this is the app's own refusal).
  if (mod && ['n', 't', 'o', 's'].includes(key)) return 'window-or-file';
  if (input.control && input.alt && /^F([1-9]|1[0-2])$/.test(key)) return 'vt-switch';
  if ((mod && ['q', 'w'].includes(key)) || (input.alt && key === 'F4') || (input.control && key === 'F4')) return 'quit';
  if (key === 'F11') return 'fullscreen';
  if (mod && key === 'p') return 'print';
  if (mod && key === 'u') return 'view-source';
  if ((input.alt && (key === 'ArrowLeft' || key === 'ArrowRight')) || key === 'BrowserBack' || key === 'BrowserForward') {
    return 'history';
  }
  return null;
}

export interface CrashRecoveryOptions {
  /** Told of every restart after a crash or a hang (the services count them: a crash loop means safe mode). */
  readonly onRestart?: (cause: 'crash' | 'hang') => void;
  /** How long a hung renderer may stay unresponsive before it is restarted. */
  readonly hangGraceMs?: number;
  /** Crashes within `crashWindowMs` beyond which restarts are slowed, so a crash loop cannot spin. */
  readonly maxQuickRestarts?: number;
  readonly crashWindowMs?: number;
  readonly slowRestartMs?: number;
}

/**
 * A kiosk has nobody to press reload: a crashed renderer is reloaded, a hung one is killed after a
 * grace period (which reports it gone, and so reloads it) unless it recovers first.
 */
export function installCrashRecovery(contents: WebContents, log: Logger, options: CrashRecoveryOptions = {}): void {
  const hangGraceMs = options.hangGraceMs ?? 10_000;
  const maxQuickRestarts = options.maxQuickRestarts ?? 3;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const slowRestartMs = options.slowRestartMs ?? 10_000;
  let recentCrashes: number[] = [];
  let hangTimer: NodeJS.Timeout | null = null;
  let killedForHang = false;

  const clearHang = (): void => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  contents.on('render-process-gone', (_event, details) => {
    clearHang();
    if (details.reason === 'clean-exit') return;
    options.onRestart?.(killedForHang ? 'hang' : 'crash');
    killedForHang = false;
    const now = Date.now();
    recentCrashes = [...recentCrashes.filter((t) => now - t < crashWindowMs), now];
    const delay = recentCrashes.length > maxQuickRestarts ? slowRestartMs : 0;
    log.error('renderer gone, restarting', { reason: details.reason, exitCode: details.exitCode, delayMs: delay });
    setTimeout(() => {
      if (!contents.isDestroyed()) contents.reload();
    }, delay);
  });
  contents.on('unresponsive', () => {
    if (hangTimer) return;
    log.warn('renderer unresponsive', { graceMs: hangGraceMs });
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (contents.isDestroyed()) return;
      log.error('renderer hung past grace period, restarting it');
      killedForHang = true;
      contents.forcefullyCrashRenderer();
    }, hangGraceMs);
  });
  contents.on('responsive', () => {
    if (hangTimer) log.info('renderer responsive again');
    clearHang();
  });
  contents.on('destroyed', clearHang);
}

export interface MainWindowOptions extends ShellWindowConfig {
  readonly log: Logger;
  readonly recovery?: CrashRecoveryOptions;
  /** Lets the window close (kiosk mode refuses otherwise); true once the app is really quitting. */
  readonly isQuitting: () => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { log } = options;
  const win = new BrowserWindow(kioskWindowOptions(options));
  const contents = win.webContents;
  if (options.kiosk) {
    Menu.setApplicationMenu(null);
    win.setMenuBarVisibility(false);
    contents.on('before-input-event', (event, input) => {
      const blocked = blockedShortcut(input, options.devtools === true);
      if (!blocked) return;
      event.preventDefault();
      log.info('blocked shortcut', { action: blocked });
    });
    // Pinch zoom on a touch screen would leave the page enlarged for the next person, with no way back
    // (large-font mode is the app's own, reversible way to enlarge). Limits reset with each load.
    const noPinch = (): void => void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
    noPinch();
    contents.on('did-finish-load', noPinch);
    contents.on('context-menu', (event) => event.preventDefault());
    if (!options.devtools) contents.on('devtools-opened', () => contents.closeDevTools());
    // The window manager's close button or Alt+F4 bypasses before-input-event.
    win.on('close', (event) => {
      if (options.isQuitting()) return;
      event.preventDefault();
      log.warn('refused to close the kiosk window');
    });
  }
  lockNavigation(contents, log);
  installCrashRecovery(contents, log, options.recovery);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL).catch((err: unknown) => {
    log.error('renderer failed to load', { error: err instanceof Error ? err : String(err) });
  });
  return win;
}
