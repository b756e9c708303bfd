import path from 'node:path';
import { app, safeStorage, session, type BrowserWindow } from 'electron';
import { loadConfig, type KioskConfig } from '../../services/config';
import { createKioskServices, type KioskServices } from '../../services/kiosk-services';
import { RESTART_EXIT_CODE } from '../../services/admin/app-update/ab-slots';
import { SettingsRepository } from '../../services/store/database';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { SafeStorageKeyProvider } from './safe-storage-key';
import { denyAllPermissionsButCamera, lockNavigation } from './navigation-lock';
import { createMainWindow, type CrashRecoveryOptions } from './window';

/** Settings key a technician sets to '1' to lock the kiosk without touching the environment. */
export const KIOSK_MODE_SETTING = 'shell.kiosk';

/** `KIOSK_MODE=1|0` wins; otherwise the stored setting; otherwise a normal (developer) window. */
export function resolveKioskMode(configured: boolean | null, settings: Pick<SettingsRepository, 'get'>): boolean {
  return configured ?? settings.get(KIOSK_MODE_SETTING) === '1';
}

export interface ShellOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** The bundled CommonJS preload; defaults to the build layout (dist/electron/preload/index.cjs). */
  readonly preloadPath?: string;
  readonly recovery?: CrashRecoveryOptions;
}

export interface Shell {
  readonly config: KioskConfig;
  readonly services: KioskServices;
  readonly window: BrowserWindow;
  readonly kiosk: boolean;
}

/**
 * The Electron main process: wiring only. One instance per machine; the renderer is served at
 * app://kiosk/ with the CSP; services are the same composition root the Node host uses.
 * Resolves to null in a second instance, which hands over to the first and quits.
 */
export async function startShell(options: ShellOptions = {}): Promise<Shell | null> {
  const env = options.env ?? process.env;
  registerAppScheme();
  // Before the app is ready, for every mode: a touch kiosk never wants pinch zoom or a swipe back.
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  // Packaged, the app directory is a read-only asar: data lives in the user's data folder. The shell
  // is production unless KIOSK_PROFILE says otherwise, and keeps the outbox key with safeStorage.
  const config = loadConfig(env, {
    profile: 'production',
    dataDir: path.join(app.getPath('userData'), 'kiosk-data'),
    rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'),
    outboxKeyProvided: true,
  });
  const keyProvider = new SafeStorageKeyProvider(safeStorage, path.join(config.dataDir, 'platform', 'outbox.key.safe'));
  let quitting = false;
  let stopped = false;
  // An app update switching (or rolling back) ends the shell; kiosk-launcher starts the build it names.
  const services: KioskServices = createKioskServices(config, {
    keyProvider,
    restart: () => {
      quitting = true;
      void services.stop().finally(() => {
        stopped = true;
        app.exit(RESTART_EXIT_CODE);
      });
    },
  });
  const log = services.log.child('shell');

  // Whatever webContents ever appears (there should be only the main window's) is locked too.
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, log));
  app.on('window-all-closed', () => app.quit());
  let unregisterIpc: (() => void) | null = null;
  let mainWindow: BrowserWindow | null = null;
  // A second launch (a technician double-clicking, a watchdog) brings the running kiosk forward.
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    unregisterIpc?.();
    unregisterIpc = null;
    services
      .stop()
      .catch((err: unknown) => log.error('services failed to stop cleanly', { error: err instanceof Error ? err : String(err) }))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  await app.whenReady();
  serveRenderer(config.rendererDir);
  denyAllPermissionsButCamera(session.defaultSession, log);
  await services.start();

  const kiosk = resolveKioskMode(config.shellKioskMode, new SettingsRepository(services.db));
  const window = createMainWindow({
    kiosk,
    preloadPath: options.preloadPath ?? path.join(import.meta.dirname, '..', 'preload', 'index.cjs'),
    log,
    devtools: config.shellDevtools,
    // Every restart after a crash or hang is counted by the services: the fourth in five minutes is safe mode.
    recovery: { ...options.recovery, onRestart: (cause) => void services.rendererRestarted(cause) },
    isQuitting: () => quitting,
  });
  mainWindow = window;
  unregisterIpc = registerIpc({ services, window });
  log.info('shell ready', { kiosk, rendererDir: config.rendererDir });
  return { config, services, window, kiosk };
}
