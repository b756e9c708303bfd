/// <reference lib="webworker" />
import { Scanner } from 'scanic';
import { orderCorners, type Corners } from './geometry';

/**
 * Page detection off the main thread: scanic's classical detector (Canny in WebAssembly, contour
 * fitting in JS) on a frame the page already downscaled, so the live preview never waits for it.
 */
export interface DetectRequest {
  readonly id: number;
  readonly frame: ImageData;
}
export interface DetectAnswer {
  readonly id: number;
  readonly corners: Corners | null;
  /** Time spent detecting in the worker (ms). */
  readonly ms: number;
}

const scanner = new Scanner({ mode: 'detect' });
const ready = scanner.initialize();

self.onmessage = async (e: MessageEvent<DetectRequest>) => {
  const { id, frame } = e.data;
  await ready;
  const t0 = performance.now();
  let corners: Corners | null = null;
  try {
    const r = await scanner.scan(frame, { mode: 'detect', maxProcessingDimension: Math.max(frame.width, frame.height) });
    if (r.success && r.corners) corners = orderCorners([r.corners.topLeft, r.corners.topRight, r.corners.bottomRight, r.corners.bottomLeft]);
  } catch {
    corners = null;
  }
  const answer: DetectAnswer = { id, corners, ms: performance.now() - t0 };
  (self as unknown as Worker).postMessage(answer);
};
