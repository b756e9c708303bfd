import jsQR from 'jsqr';
import type { EscPosEvent } from '../../../protocols/escpos/tokenizer';

/** What one printed receipt looked like, as text lines a test or a person can read. */
export interface PrintedReceipt {
  readonly lines: string[];
  readonly qr: string[];
  readonly barcodes: string[];
  readonly cut: boolean;
}

const displayWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/u.test(ch) ? 2 : 1), 0);

/** Decodes a 1-bit raster (e.g. the QR fallback) with jsQR; null when it is not a QR code. */
function rasterQr(e: Extract<EscPosEvent, { type: 'raster' }>): string | null {
  const { widthDots: w, heightDots: h, bits } = e;
  const bytesPerRow = Math.ceil(w / 8);
  // Add a white quiet zone: raster fallbacks are printed edge to edge.
  const pad = 16;
  const W = w + pad * 2;
  const H = h + pad * 2;
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const on = ((bits[y * bytesPerRow + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      if (on) {
        const i = ((y + pad) * W + x + pad) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  return jsQR(rgba, W, H)?.data ?? null;
}

/** Lays the events of one job out as text: relative moves become spaces (12 dots per column). */
export function renderReceipt(events: readonly EscPosEvent[]): PrintedReceipt {
  const lines: string[] = [];
  const qr: string[] = [];
  const barcodes: string[] = [];
  let cut = false;
  let current = '';
  const endLine = (): void => {
    lines.push(current.replace(/\s+$/u, ''));
    current = '';
  };
  for (const e of events) {
    switch (e.type) {
      case 'text':
        // receiptline draws ruled lines with its own single-byte box characters (0x80–0x9F).
        current += e.text.replace(/[\u0080-\u009f]/gu, '-');
        break;
      case 'move': {
        const cols = Math.round(e.dots / 12);
        current += ' '.repeat(Math.max(0, e.absolute ? cols - displayWidth(current) : cols));
        break;
      }
      case 'lf':
        endLine();
        break;
      case 'feed':
        if (current) endLine();
        break;
      case 'qr':
        qr.push(e.data);
        lines.push(`[QR ${e.data}]`);
        break;
      case 'raster': {
        const data = rasterQr(e);
        if (data !== null) {
          qr.push(data);
          lines.push(`[QR ${data}]`);
        } else lines.push(`[IMAGE ${e.widthDots}x${e.heightDots}]`);
        break;
      }
      case 'barcode':
        barcodes.push(e.data);
        lines.push(`[BARCODE ${e.data}]`);
        break;
      case 'cut':
        cut = true;
        break;
      default:
        break;
    }
  }
  if (current) endLine();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, qr, barcodes, cut };
}
