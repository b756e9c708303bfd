import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import type { BrowserWindow as ElectronWindow } from 'electron';
import { EVENT_CHANNEL, channelOf, fail, kioskApi, ok, type MethodName } from '../../../contract';
import { registerIpc } from '../../../electron/main/ipc';
import { createDispatcher, type Handlers } from '../../../services/bridge/dispatcher';
import { EventBus } from '../../../services/bridge/event-bus';
import { BrowserWindow, ipcMain, resetFakeElectron } from './fake-electron';
import { recordingLogger } from '../../support/recording-logger';

const info = { kioskId: 'kiosk-test-01', version: '0.1.0', profile: 'production' as const, idleTimeoutSeconds: 120, idleWarningSeconds: 30, publicUrl: null, readerRemoval: 'unreliable' as const, voicePrompts: false };

/**
 * Services with the real dispatcher (so validation is the product's) and handlers that record every
 * call that reaches them: `system.info` answers, everything else says unavailable.
 */
function stubServices() {
  const reached: { method: string; input: unknown; via: string }[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(kioskApi) as MethodName[]).map((m) => [
      m,
      (input: unknown, ctx: { via: string }) => {
        reached.push({ method: m, input, via: ctx.via });
        return m === 'system.info' ? ok(info) : fail('unavailable', 'stub');
      },
    ]),
  ) as unknown as Handlers;
  const log = recordingLogger();
  return { reached, log, services: { dispatch: createDispatcher(handlers, log), bus: new EventBus(), log } };
}

describe('IPC registration', () => {
  let stub: ReturnType<typeof stubServices>;
  let win: BrowserWindow;
  let unregister: () => void;
  const fromApp = () => ({ senderId: win.webContents.id, frameUrl: 'app://kiosk/guide' });

  beforeEach(() => {
    resetFakeElectron();
    stub = stubServices();
    win = new BrowserWindow({});
    unregister = registerIpc({ services: stub.services, window: win as unknown as ElectronWindow });
  });
  afterEach(() => unregister());

  it('registers one handler per contract method, under the contract channel name', () => {
    const expected = (Object.keys(kioskApi) as MethodName[]).map((m) => channelOf(m)).sort();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(expected);
  });

  it('a valid call from the kiosk window returns the service result, marked as IPC', async () => {
    await expect(ipcMain.invokeFrom(fromApp(), 'kiosk:system.info', {})).resolves.toEqual({ ok: true, value: info });
    expect(stub.reached).toEqual([{ method: 'system.info', input: {}, via: 'ipc' }]);
  });

  it.each([
    ['an unexpected field', { reason: 'logout', idNumber: '440101199001011234' }],
    ['a value outside the enum', { reason: 'because' }],
    ['a missing field', {}],
    ['a wrong type', { reason: 42 }],
    ['not an object', 'logout'],
  ])('an invalid payload (%s) is refused with invalid-request and never reaches the service', async (_name, payload) => {
    const result = (await ipcMain.invokeFrom(fromApp(), 'kiosk:session.end', payload)) as {
      ok: boolean;
      error?: { code: string; messageKey?: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('invalid-request');
    expect(result.error?.messageKey).toBe('errors.invalidRequest');
    expect(stub.reached).toEqual([]);
  });

  it.each([
    ['another webContents on the app origin', (id: number) => ({ senderId: id + 100, frameUrl: 'app://kiosk/' })],
    ['a remote frame inside the window', (id: number) => ({ senderId: id, frameUrl: 'https://evil.example/' })],
    ['a look-alike origin', (id: number) => ({ senderId: id, frameUrl: 'app://kiosk.evil/' })],
    ['a file:// page', (id: number) => ({ senderId: id, frameUrl: 'file:///tmp/x.html' })],
    ['a frame that is gone', (id: number) => ({ senderId: id, frameUrl: null })],
  ])('a call from %s is refused as forbidden', async (_name, sender) => {
    const result = await ipcMain.invokeFrom(sender(win.webContents.id), 'kiosk:system.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'errors.forbidden' } });
    expect(stub.reached).toEqual([]);
  });

  it('has no handler for channels outside the contract', async () => {
    await expect(ipcMain.invokeFrom(fromApp(), 'kiosk:shell.exec', { cmd: 'rm -rf /' })).rejects.toThrow(/No handler/);
  });

  it('forwards service events to the kiosk window on the event channel', () => {
    stub.services.bus.publish({ type: 'session.expired', reason: 'idle-timeout' });
    expect(win.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: [{ type: 'session.expired', reason: 'idle-timeout' }] },
    ]);
  });

  it('stops sending events once the window is gone', () => {
    win.close();
    stub.services.bus.publish({ type: 'session.expired', reason: 'logout' });
    expect(win.webContents.sent).toEqual([]);
  });

  it('refuses to be registered twice', () => {
    expect(() => registerIpc({ services: stub.services, window: win as unknown as ElectronWindow })).toThrow(/already registered/);
  });

  it('unregistering removes every handler and the event subscription', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(stub.services.bus.size).toBe(0);
    // Registering again is allowed after a clean unregister.
    unregister = registerIpc({ services: stub.services, window: win as unknown as ElectronWindow });
    expect(ipcMain.handlers.size).toBe(Object.keys(kioskApi).length);
  });
});
