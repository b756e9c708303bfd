import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, type KioskBridge, type KioskEvent } from '../../../contract';
import { parseEvent, parseResult, transportFailure } from './validate';

/** The capability the host wrote into this page: only a page it served can call it. */
const pageCapability = (): string => document.querySelector<HTMLMetaElement>('meta[name="kiosk-capability"]')?.content ?? '';

/** The bridge over the Node host: POST /api/<method> and Server-Sent Events on /events. */
export function createHttpBridge(base = '', capability = pageCapability()): KioskBridge {
  // One event stream for every subscriber: each EventSource holds one of the browser's few
  // connections per host (six on HTTP/1.1), which the API calls need too.
  const listeners = new Set<(e: KioskEvent) => void>();
  const openListeners = new Set<() => void>();
  let source: EventSource | null = null;
  return {
    async call(method, input) {
      let raw: unknown;
      try {
        const res = await fetch(`${base}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Kiosk-Capability': capability },
          body: JSON.stringify(input ?? {}),
        });
        raw = await res.json();
      } catch (err) {
        return transportFailure(err);
      }
      return parseResult(method, raw);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}${HTTP_EVENTS_PATH}?capability=${encodeURIComponent(capability)}`);
        source.onmessage = (message: MessageEvent<string>) => {
          const event = parseEvent(message.data);
          if (event) for (const l of [...listeners]) l(event);
        };
        // Fires on the first connection and on every reconnection the browser makes after a drop.
        source.onopen = () => {
          for (const l of [...openListeners]) l();
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
    onStreamOpen(listener) {
      openListeners.add(listener);
      return () => {
        openListeners.delete(listener);
      };
    },
  };
}
