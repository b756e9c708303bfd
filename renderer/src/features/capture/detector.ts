import type { Corners } from './geometry';
import type { DetectAnswer, DetectRequest } from './detect.worker';

/** The page detector in its Web Worker: one frame at a time (a frame sent while one is out is skipped). */
export interface PageDetector {
  /** Detects on a downscaled frame; null while the previous frame is still being looked at. */
  detect(frame: ImageData): Promise<{ corners: Corners | null; ms: number } | null>;
  close(): void;
}

export function createPageDetector(): PageDetector {
  const worker = new Worker(new URL('./detect.worker.ts', import.meta.url), { type: 'module' });
  let seq = 0;
  let waiting: { id: number; resolve: (a: DetectAnswer) => void } | null = null;
  worker.onmessage = (e: MessageEvent<DetectAnswer>) => {
    if (waiting && e.data.id === waiting.id) {
      const w = waiting;
      waiting = null;
      w.resolve(e.data);
    }
  };
  return {
    detect: (frame) => {
      if (waiting) return Promise.resolve(null);
      const id = ++seq;
      return new Promise((resolve) => {
        waiting = { id, resolve: (a) => resolve({ corners: a.corners, ms: a.ms }) };
        const msg: DetectRequest = { id, frame };
        worker.postMessage(msg, [frame.data.buffer]);
      });
    },
    close: () => worker.terminate(),
  };
}
