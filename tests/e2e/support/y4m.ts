import fs from 'node:fs';

/**
 * A .y4m (YUV4MPEG2, 4:2:0) video for Chromium's fake camera (`--use-file-for-fake-video-capture`),
 * and a sample page drawn into it: a white A4 sheet with dark text lines on a darker desk, turned
 * and in perspective, with the corners where it was drawn known to the test.
 */
export interface Pt {
  readonly x: number;
  readonly y: number;
}
export interface DrawnPage {
  readonly width: number;
  readonly height: number;
  /** Page corners in frame pixels: top-left, top-right, bottom-right, bottom-left of the sheet. */
  readonly corners: { topLeft: Pt; topRight: Pt; bottomRight: Pt; bottomLeft: Pt };
  /** Grey levels, one byte a pixel, row by row. */
  readonly luma: Uint8Array;
}

/** Writes `frames` copies of a grey picture as a 4:2:0 y4m (chroma neutral). */
export function writeY4m(file: string, picture: { width: number; height: number; luma: Uint8Array }, frames = 2): void {
  const { width, height, luma } = picture;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), Buffer.from(luma), chroma]);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** The projective map of the unit square onto a quadrilateral (Heckbert), and its inverse. */
function squareToQuad(q: DrawnPage['corners']): number[] {
  const [p0, p1, p2, p3] = [q.topLeft, q.topRight, q.bottomRight, q.bottomLeft];
  const dx1 = p1.x - p2.x, dx2 = p3.x - p2.x, dx3 = p0.x - p1.x + p2.x - p3.x;
  const dy1 = p1.y - p2.y, dy2 = p3.y - p2.y, dy3 = p0.y - p1.y + p2.y - p3.y;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [p1.x - p0.x + g * p1.x, p3.x - p0.x + h * p3.x, p0.x, p1.y - p0.y + g * p1.y, p3.y - p0.y + h * p3.y, p0.y, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((v) => v / det);
}

/**
 * A sheet in A4 proportions turned by `angleDeg` around the frame's centre, its far edge a little
 * narrower (perspective), on a desk with a faint texture; text lines across the sheet.
 */
export function drawSamplePage(width = 1280, height = 720, angleDeg = 9): DrawnPage {
  const cx = width / 2, cy = height / 2;
  const h = height * 0.78, w = h * (210 / 297);
  const rad = (angleDeg * Math.PI) / 180;
  const turn = (x: number, y: number): Pt => ({ x: cx + x * Math.cos(rad) - y * Math.sin(rad), y: cy + x * Math.sin(rad) + y * Math.cos(rad) });
  const narrow = 0.06 * w; // the top edge is seen a little further away
  const corners = {
    topLeft: turn(-w / 2 + narrow / 2, -h / 2),
    topRight: turn(w / 2 - narrow / 2, -h / 2),
    bottomRight: turn(w / 2, h / 2),
    bottomLeft: turn(-w / 2, h / 2),
  };
  const toPage = invert3(squareToQuad(corners));
  const luma = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const px = x + 0.5, py = y + 0.5;
      const z = toPage[6]! * px + toPage[7]! * py + toPage[8]!;
      const u = (toPage[0]! * px + toPage[1]! * py + toPage[2]!) / z;
      const v = (toPage[3]! * px + toPage[4]! * py + toPage[5]!) / z;
      let level: number;
      if (u >= 0 && u <= 1 && v >= 0 && v <= 1) {
        // Text lines: 22 lines between 10% and 90% of the height, ragged right ends.
        const line = Math.floor((v - 0.1) / 0.8 * 22);
        const inBand = v > 0.1 && v < 0.9 && ((v - 0.1) / 0.8 * 22) % 1 < 0.35;
        const end = 0.88 - ((line * 37) % 11) / 40;
        level = inBand && u > 0.1 && u < end ? 40 : 235;
      } else {
        level = 70 + ((x * 7 + y * 13) % 9); // the desk
      }
      luma[y * width + x] = level;
    }
  }
  return { width, height, corners, luma };
}
