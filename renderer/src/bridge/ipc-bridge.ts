import { channelOf, type KioskBridge, type PreloadBridge } from '../../../contract';
import { parseEvent, parseResult, transportFailure } from './validate';

/** The bridge over Electron IPC, through the preload's `window.kioskBridge`. */
export function createIpcBridge(preload: PreloadBridge): KioskBridge {
  return {
    async call(method, input) {
      try {
        return parseResult(method, await preload.invoke(channelOf(method), input ?? {}));
      } catch (err) {
        return transportFailure(err);
      }
    },
    subscribe(listener) {
      return preload.onEvent((payload) => {
        const event = parseEvent(payload);
        if (event) listener(event);
      });
    },
  };
}
