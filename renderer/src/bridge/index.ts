import type { KioskBridge, PreloadBridge } from '../../../contract';
import { createHttpBridge } from './http-bridge';
import { createIpcBridge } from './ipc-bridge';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by the preload through contextBridge). */
    readonly kioskBridge?: PreloadBridge;
  }
}

let bridge: KioskBridge | null = null;

/**
 * The one place that knows which host the renderer runs on: the preload's bridge when Electron
 * provides one, the Node host's HTTP API otherwise. Everything else calls `useBridge()`.
 */
export function useBridge(): KioskBridge {
  bridge ??= window.kioskBridge ? createIpcBridge(window.kioskBridge) : createHttpBridge();
  return bridge;
}

/** Tests substitute a bridge. */
export function setBridge(b: KioskBridge): void {
  bridge = b;
}
