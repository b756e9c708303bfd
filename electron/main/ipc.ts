import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, channelOf, fail, kioskApi, type MethodName, type Result } from '../../contract';
import type { KioskServices } from '../../services/kiosk-services';
import { isAppUrl } from './app-origin';

export interface IpcDeps {
  readonly services: Pick<KioskServices, 'dispatch' | 'bus' | 'log'>;
  readonly window: BrowserWindow;
}

let registered: (() => void) | null = null;

/**
 * Registers one `ipcMain.handle` per contract method. A call is served only when it comes from the
 * main window's own webContents and from a frame on the app origin; its payload is then validated
 * against the contract by the dispatcher before any service runs. Events on the bus are forwarded
 * to the window. Throws if called twice (a second registration would be a wiring bug).
 * Returns the function that undoes it.
 */
export function registerIpc({ services, window }: IpcDeps): () => void {
  if (registered) throw new Error('IPC is already registered');
  const log = services.log.child('ipc');
  const mainContentsId = window.webContents.id;
  const methods = Object.keys(kioskApi) as MethodName[];

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    event.sender.id === mainContentsId && isAppUrl(event.senderFrame?.url);

  for (const method of methods) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        log.warn('refused IPC from an untrusted sender', { method, senderId: event.sender.id });
        return fail('forbidden', 'call refused: not from the kiosk window', { messageKey: 'errors.forbidden' });
      }
      return services.dispatch(method, payload, { via: 'ipc' });
    });
  }

  const unsubscribe = services.bus.subscribe((event) => {
    if (window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(EVENT_CHANNEL, event);
  });

  registered = () => {
    unsubscribe();
    for (const method of methods) ipcMain.removeHandler(channelOf(method));
    registered = null;
  };
  return registered;
}
