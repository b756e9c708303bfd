/**
 * A stand-in for the `electron` module (no Electron binary can run in CI): just the surface the shell's
 * main process and preload use, with the behaviour the shell relies on (events that can be
 * prevented, IPC payloads that cross a structured-clone boundary, handlers registered once) and
 * helpers for tests to play the renderer's side. Inject with
 * `vi.mock('electron', () => import('./fake-electron'))` and call `resetFakeElectron()` between tests.
 */
import { EventEmitter } from 'node:events';

/** An Electron event: `preventDefault()` is how listeners veto navigation, input, closing. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  loadedUrl: string | null = null;
  reloads = 0;
  /** Pinch (visual) zoom limits, as `setVisualZoomLevelLimits` left them; null: Chromium's default (pinch allowed). */
  visualZoomLimits: [number, number] | null = null;
  devToolsClosed = 0;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: structuredClone(args) });
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  reload(): void {
    this.reloads += 1;
  }
  /** Like Electron: killing the renderer reports it gone. */
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', new FakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setVisualZoomLevelLimits(min: number, max: number): Promise<void> {
    this.visualZoomLimits = [min, max];
    return Promise.resolve();
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }

  // --- test helpers: what the renderer / Chromium would do ---
  /** Fires a navigation event (`will-navigate`, `will-redirect`, `will-frame-navigate`); returns it. */
  attemptNavigation(kind: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): FakeEvent {
    const event = new FakeEvent({ url, isMainFrame: true });
    this.emit(kind, event, url);
    return event;
  }
  /** What `window.open(url)` in the page gets: the handler's verdict, or 'allow' when none is set. */
  attemptWindowOpen(url: string): 'allow' | 'deny' {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow';
  }
  pressKey(input: { key: string; control?: boolean; meta?: boolean; shift?: boolean; alt?: boolean }): FakeEvent {
    const event = new FakeEvent();
    this.emit('before-input-event', event, {
      type: 'keyDown',
      control: false,
      meta: false,
      shift: false,
      alt: false,
      ...input,
    });
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;
  minimized = false;
  menuBarVisible = true;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setMenuBarVisibility(visible: boolean): void {
    this.menuBarVisible = visible;
  }
  /** Returns whether the window really closed (a 'close' listener may veto it). */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    return true;
  }
}

export interface FakeSender {
  readonly senderId: number;
  /** URL of the frame that sent the call; null mimics a frame already gone. */
  readonly frameUrl: string | null;
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Plays `ipcRenderer.invoke` from a given sender: arguments and result are structured-cloned. */
  async invokeFrom(sender: FakeSender, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = {
      sender: { id: sender.senderId },
      senderFrame: sender.frameUrl === null ? null : { url: sender.frameUrl },
      processId: 1,
      frameId: 1,
    };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: { channel: string; args: unknown[] }[] = [];
  /** Where `invoke` goes; tests point it at the main side. */
  target: (channel: string, ...args: unknown[]) => Promise<unknown> = () => Promise.resolve(undefined);
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.target(channel, ...args);
  }
  /** Plays a message from main: listeners get (IpcRendererEvent, payload), as in Electron. */
  deliver(channel: string, payload: unknown): void {
    this.emit(channel, { sender: this, senderId: 0 }, structuredClone(payload));
  }
}

class FakeContextBridge {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property '${key}'`);
    this.exposed.set(key, api);
  }
}

class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (app.ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (!app.ready) throw new Error('protocol.handle needs the app to be ready');
    this.handlers.set(scheme, handler);
  }
  /** What the renderer's request for `url` receives. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME: ${scheme}`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionDetails) => void;

/** What Electron tells a permission handler: the page asking, and for `media` which kinds. */
export interface PermissionDetails {
  readonly requestingUrl?: string;
  readonly mediaTypes?: ReadonlyArray<'video' | 'audio'>;
  readonly mediaType?: 'video' | 'audio' | 'unknown';
}

class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }
  /** Chromium's default, with no handler set, is to grant: a missing handler must show up in tests. */
  /** `pageUrl`: the URL of the webContents asking (the kiosk's own page by default). */
  requestPermission(permission: string, details: PermissionDetails = {}, pageUrl = 'app://kiosk/'): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler({ getURL: () => pageUrl }, permission, resolve, { requestingUrl: pageUrl, ...details }));
  }
  checkPermission(permission: string, details: PermissionDetails = {}, origin = 'app://kiosk'): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission, origin, { requestingUrl: `${origin}/`, ...details }) : true;
  }
  checkDevicePermission(deviceType: string): boolean {
    return this.devicePermissionHandler ? this.devicePermissionHandler({ deviceType, origin: 'app://kiosk' }) : true;
  }
}

class FakeApp extends EventEmitter {
  ready = false;
  singleInstanceLock = true;
  quitCalls = 0;
  quitted = false;
  exitCode: number | null = null;
  userDataDir = '/nonexistent/userData';
  appPath = '/nonexistent/app';
  /** Chromium switches the shell set before the app was ready. */
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch(name: string, value = ''): void {
      if (app.ready) throw new Error('command-line switches must be set before the app is ready');
      this.switches.set(name, value);
    },
  };

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    this.ready = true;
    this.emit('ready');
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.ready;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath: unsupported '${name}'`);
    return this.userDataDir;
  }
  getAppPath(): string {
    return this.appPath;
  }
  /** Electron's order: before-quit (vetoable), then will-quit (vetoable), then the app ends. */
  quit(): void {
    this.quitCalls += 1;
    const before = new FakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = new FakeEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

class FakeMenu {
  static applicationMenu: unknown = 'default-menu';
  static setApplicationMenu(menu: unknown): void {
    FakeMenu.applicationMenu = menu;
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const contextBridge = new FakeContextBridge();
export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
export const Menu = FakeMenu;

/** The OS keyring: a reversible stand-in that never leaves the plain text in what it returns. */
export const safeStorage = {
  available: true,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  encryptString(text: string): Buffer {
    return Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0xa5));
  },
  decryptString(data: Buffer): string {
    return Buffer.from([...data].map((b) => b ^ 0xa5)).toString('utf8');
  },
};

/** Back to a fresh process: no handlers, no windows, no exposed APIs, app not ready. */
export function resetFakeElectron(): void {
  app.removeAllListeners();
  Object.assign(app, { ready: false, singleInstanceLock: true, quitCalls: 0, quitted: false, exitCode: null });
  app.commandLine.switches.clear();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.target = () => Promise.resolve(undefined);
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession = new FakeSession();
  FakeMenu.applicationMenu = 'default-menu';
  BrowserWindow.created.length = 0;
}
