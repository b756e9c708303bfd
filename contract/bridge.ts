import type { MethodInput, MethodName, MethodOutput } from './api';
import type { KioskEvent } from './events';
import type { Result } from './result';

/** What the renderer sees, whichever host it runs on (Electron IPC or the Node host over HTTP). */
export interface KioskBridge {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  /** Subscribes to pushed events; returns the unsubscribe function. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /**
   * Where events travel over a stream that can be down (the Node host's), calls `listener` each time it
   * (re)opens: what was pushed before was missed. Returns the unsubscribe function.
   */
  onStreamOpen?(listener: () => void): () => void;
}

/** The minimal raw surface the preload exposes on `window.kioskBridge`. */
export interface PreloadBridge {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  onEvent(listener: (payload: unknown) => void): () => void;
}
