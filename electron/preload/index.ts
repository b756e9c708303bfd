import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, channelOf, kioskApi, type MethodName, type PreloadBridge } from '../../contract';

/** The only channels the page may invoke: one per contract method, nothing else. */
export const ALLOWED_CHANNELS: ReadonlySet<string> = new Set(
  (Object.keys(kioskApi) as MethodName[]).map((m) => channelOf(m)),
);

/**
 * What the sandboxed page gets on `window.kioskBridge`: invoke a contract channel, subscribe to
 * events. No ipcRenderer, no IpcRendererEvent (its `sender` would hand the page the raw IPC object).
 */
export const kioskBridge: PreloadBridge = {
  invoke(channel, payload) {
    if (typeof channel !== 'string' || !ALLOWED_CHANNELS.has(channel)) {
      return Promise.reject(new Error(`Unsupported IPC channel '${String(channel)}'`));
    }
    return ipcRenderer.invoke(channel, payload);
  },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent expects a function');
    const forward = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('kioskBridge', kioskBridge);
