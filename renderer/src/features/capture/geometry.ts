/**
 * The geometry of a captured page, kept pure so it can be tested without a camera: corners in a
 * fixed order, corners moved between the detector's downscaled frame and the full frame, and the
 * size the deskewed page is drawn at.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Corners {
  readonly topLeft: Point;
  readonly topRight: Point;
  readonly bottomRight: Point;
  readonly bottomLeft: Point;
}

export const CORNER_KEYS = ['topLeft', 'topRight', 'bottomRight', 'bottomLeft'] as const;

/**
 * Four points in page order, whatever order they came in: clockwise around their centre (screen
 * coordinates, y down), starting with the corner nearest the top-left of the frame among the two
 * upper ones. A page turned up to 45° keeps its own top-left.
 */
export function orderCorners(points: readonly Point[]): Corners {
  if (points.length !== 4) throw new Error(`a page has 4 corners, not ${points.length}`);
  const cx = points.reduce((s, p) => s + p.x, 0) / 4;
  const cy = points.reduce((s, p) => s + p.y, 0) / 4;
  // Clockwise on screen = increasing angle with y pointing down.
  const around = [...points].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  // The top-left one: smallest x + y (nearest the frame's top-left corner).
  let start = 0;
  around.forEach((p, i) => {
    if (p.x + p.y < around[start]!.x + around[start]!.y) start = i;
  });
  const at = (k: number): Point => around[(start + k) % 4]!;
  return { topLeft: at(0), topRight: at(1), bottomRight: at(2), bottomLeft: at(3) };
}

export const cornerList = (c: Corners): Point[] => CORNER_KEYS.map((k) => c[k]);

/** Corners found on a frame downscaled by `factor` (< 1), in the full frame's pixels. */
export function scaleCorners(c: Corners, factor: number): Corners {
  const s = (p: Point): Point => ({ x: p.x / factor, y: p.y / factor });
  return { topLeft: s(c.topLeft), topRight: s(c.topRight), bottomRight: s(c.bottomRight), bottomLeft: s(c.bottomLeft) };
}

/** The size a frame is downscaled to so its long side is at most `maxSide`, and the factor used. */
export function downscaled(width: number, height: number, maxSide: number): { width: number; height: number; factor: number } {
  const factor = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.round(width * factor), height: Math.round(height * factor), factor };
}

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * The size of the deskewed page: each side the longer of its two opposite edges as seen, scaled
 * down (never up) so the long side is at most `longSide`.
 */
export function pageOutputSize(c: Corners, longSide: number): { width: number; height: number } {
  const w = Math.max(dist(c.topLeft, c.topRight), dist(c.bottomLeft, c.bottomRight));
  const h = Math.max(dist(c.topLeft, c.bottomLeft), dist(c.topRight, c.bottomRight));
  const k = Math.min(1, longSide / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(h * k)) };
}

/** The largest distance between matching corners of two quadrilaterals (how far a detection is off). */
export function cornerError(a: Corners, b: Corners): number {
  return Math.max(...CORNER_KEYS.map((k) => dist(a[k], b[k])));
}

/** The share of the frame the page covers (shoelace area over frame area): too small is too far away. */
export function coverage(c: Corners, width: number, height: number): number {
  const p = cornerList(c);
  let twice = 0;
  for (let i = 0; i < 4; i++) twice += p[i]!.x * p[(i + 1) % 4]!.y - p[(i + 1) % 4]!.x * p[i]!.y;
  return Math.abs(twice) / 2 / (width * height);
}

/** SVG polygon points of the outline drawn over the preview. */
export const polygonPoints = (c: Corners): string => cornerList(c).map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(' ');
