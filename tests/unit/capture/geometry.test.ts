import { describe, expect, it } from 'vitest';
import { cornerError, cornerList, coverage, downscaled, orderCorners, pageOutputSize, scaleCorners, type Corners, type Point } from '../../../renderer/src/features/capture/geometry';

/** An A4 sheet 420 × 594 px turned by `deg` around (640, 360): its corners in page order. */
const sheet = (deg: number): Corners => {
  const r = (deg * Math.PI) / 180;
  const at = (x: number, y: number): Point => ({ x: 640 + x * Math.cos(r) - y * Math.sin(r), y: 360 + x * Math.sin(r) + y * Math.cos(r) });
  return { topLeft: at(-210, -297), topRight: at(210, -297), bottomRight: at(210, 297), bottomLeft: at(-210, 297) };
};

describe('page corners', () => {
  it.each([0, 9, -12, 30, -40])('are put in page order whatever order the detector gives them (sheet turned %i°)', (deg) => {
    const c = sheet(deg);
    for (const shuffled of [[2, 0, 3, 1], [3, 2, 1, 0], [1, 3, 0, 2]]) {
      const list = cornerList(c);
      expect(orderCorners(shuffled.map((i) => list[i]!))).toEqual(c);
    }
  });

  it('refuses anything but four points', () => {
    expect(() => orderCorners([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }])).toThrow(/4 corners/);
  });

  it('found on a downscaled frame, come back in full-frame pixels', () => {
    const small = downscaled(1920, 1080, 640);
    expect(small).toEqual({ width: 640, height: 360, factor: 1 / 3 });
    const c = scaleCorners({ topLeft: { x: 10, y: 20 }, topRight: { x: 300, y: 20 }, bottomRight: { x: 300, y: 340 }, bottomLeft: { x: 10, y: 340 } }, small.factor);
    expect(c.topLeft.x).toBeCloseTo(30);
    expect(c.bottomRight.y).toBeCloseTo(1020);
    // A frame already small is not enlarged.
    expect(downscaled(320, 240, 640)).toEqual({ width: 320, height: 240, factor: 1 });
  });

  it('tell how far a detection is off, and how much of the frame the page fills', () => {
    const a = sheet(9);
    const b = { ...a, bottomLeft: { x: a.bottomLeft.x + 3, y: a.bottomLeft.y + 4 } };
    expect(cornerError(a, b)).toBeCloseTo(5);
    expect(coverage(sheet(17), 1280, 720)).toBeCloseTo((420 * 594) / (1280 * 720), 5);
  });
});

describe('the cropped page', () => {
  it('keeps the sheet’s proportions, upright, at most the long side allowed', () => {
    const size = pageOutputSize(sheet(23), 1600);
    expect(size).toEqual({ width: 420, height: 594 });
    const big = pageOutputSize(scaleCorners(sheet(23), 0.2), 1600);
    expect(big.height).toBe(1600);
    expect(big.height / big.width).toBeCloseTo(594 / 420, 2);
  });

  it('seen in perspective takes the longer of opposite edges (the near edge is the true size)', () => {
    const c: Corners = { topLeft: { x: 120, y: 100 }, topRight: { x: 480, y: 100 }, bottomRight: { x: 500, y: 700 }, bottomLeft: { x: 100, y: 700 } };
    expect(pageOutputSize(c, 1600)).toEqual({ width: 400, height: 600 });
  });
});
