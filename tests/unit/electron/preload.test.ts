import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

// Importing the preload runs it, as Electron does before the page loads.
import '../../../electron/preload/index';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { EVENT_CHANNEL, channelOf, kioskApi, ok, type MethodName, type PreloadBridge } from '../../../contract';
import { registerIpc } from '../../../electron/main/ipc';
import { createDispatcher, type Handlers } from '../../../services/bridge/dispatcher';
import { EventBus } from '../../../services/bridge/event-bus';
import { BrowserWindow, contextBridge, ipcMain, ipcRenderer } from './fake-electron';
import { recordingLogger } from '../../support/recording-logger';

const bridge = contextBridge.exposed.get('kioskBridge') as PreloadBridge;

afterEach(() => {
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.target = () => Promise.resolve(undefined);
});

describe('preload', () => {
  it('exposes exactly one object, kioskBridge, with invoke and onEvent only', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['kioskBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.onEvent).toBe('function');
  });

  it('forwards a contract channel to ipcRenderer.invoke with the payload', async () => {
    ipcRenderer.target = (channel, payload) => Promise.resolve({ ok: true, value: { channel, payload } });
    const result = await bridge.invoke('kiosk:session.end', { reason: 'logout' });
    expect(result).toEqual({ ok: true, value: { channel: 'kiosk:session.end', payload: { reason: 'logout' } } });
    expect(ipcRenderer.invocations).toEqual([{ channel: 'kiosk:session.end', args: [{ reason: 'logout' }] }]);
  });

  it('accepts every channel of the contract', async () => {
    for (const m of Object.keys(kioskApi) as MethodName[]) await bridge.invoke(channelOf(m), {});
    expect(ipcRenderer.invocations.map((i) => i.channel)).toEqual((Object.keys(kioskApi) as MethodName[]).map(channelOf));
  });

  it.each(['kiosk:event', 'kiosk:shell.exec', 'ELECTRON_BROWSER_WINDOW_CLOSE', 'system.info', '', 'kiosk:'])(
    'refuses the channel %j without touching ipcRenderer',
    async (channel) => {
      await expect(bridge.invoke(channel, {})).rejects.toThrow(/Unsupported IPC channel/);
      expect(ipcRenderer.invocations).toEqual([]);
    },
  );

  it('refuses a non-string channel', async () => {
    await expect(bridge.invoke({ toString: () => 'kiosk:system.info' } as unknown as string, {})).rejects.toThrow();
    expect(ipcRenderer.invocations).toEqual([]);
  });

  it('hands event payloads to the page, never the IpcRendererEvent', () => {
    const received: unknown[][] = [];
    bridge.onEvent((...args: unknown[]) => received.push(args));
    ipcRenderer.deliver(EVENT_CHANNEL, { type: 'session.expired', reason: 'idle-timeout' });
    expect(received).toEqual([[{ type: 'session.expired', reason: 'idle-timeout' }]]);
  });

  it('ignores messages on other channels and stops after unsubscribe', () => {
    const received: unknown[] = [];
    const unsubscribe = bridge.onEvent((p) => received.push(p));
    ipcRenderer.deliver('kiosk:other', { type: 'x' });
    unsubscribe();
    ipcRenderer.deliver(EVENT_CHANNEL, { type: 'session.expired', reason: 'logout' });
    expect(received).toEqual([]);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('round trip: page → preload → main → dispatcher and back, with validation on the main side', async () => {
    const reached: string[] = [];
    const handlers = Object.fromEntries(
      (Object.keys(kioskApi) as MethodName[]).map((m) => [
        m,
        () => {
          reached.push(m);
          return ok({ wiped: true });
        },
      ]),
    ) as unknown as Handlers;
    const log = recordingLogger();
    const win = new BrowserWindow({});
    const unregister = registerIpc({
      services: { dispatch: createDispatcher(handlers, log), bus: new EventBus(), log },
      window: win as unknown as ElectronWindow,
    });
    ipcRenderer.target = (channel, payload) =>
      ipcMain.invokeFrom({ senderId: win.webContents.id, frameUrl: 'app://kiosk/' }, channel, payload);
    try {
      await expect(bridge.invoke('kiosk:session.end', { reason: 'completed' })).resolves.toEqual({ ok: true, value: { wiped: true } });
      await expect(bridge.invoke('kiosk:session.end', { reason: 'nope' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
      expect(reached).toEqual(['session.end']);
    } finally {
      unregister();
    }
  });
});
