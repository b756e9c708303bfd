import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, type KioskBridge } from '../../../electron/contract';
import { parseEvent, parseResult, transportFailure } from './validate';

/** The bridge over the Node host: POST /api/<method> and Server-Sent Events on /events. */
export function createHttpBridge(base = ''): KioskBridge {
  return {
    async call(method, input) {
      let raw: unknown;
      try {
        const res = await fetch(`${base}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        raw = await res.json();
      } catch (err) {
        return transportFailure(err);
      }
      return parseResult(method, raw);
    },
    subscribe(listener) {
      const source = new EventSource(`${base}${HTTP_EVENTS_PATH}`);
      source.onmessage = (message: MessageEvent<string>) => {
        const event = parseEvent(message.data);
        if (event) listener(event);
      };
      return () => source.close();
    },
  };
}
