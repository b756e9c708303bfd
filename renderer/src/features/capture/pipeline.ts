import { PAGE_LIMITS } from '../../../../contract';
import { downscaled, pageOutputSize, type Corners } from './geometry';
import { JPEG_QUALITIES, dataUrlBytes } from './limits';

/** Long side of the frame the detector looks at (the preview's frame, downscaled). */
export const DETECT_SIDE = 640;

const canvas = (w: number, h: number): HTMLCanvasElement => {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
};

/** The camera's current frame at full resolution. */
export function fullFrame(video: HTMLVideoElement): HTMLCanvasElement {
  const c = canvas(video.videoWidth, video.videoHeight);
  c.getContext('2d')!.drawImage(video, 0, 0);
  return c;
}

/** A frame downscaled for the detector, and the factor to bring its corners back to full size. */
export function detectorFrame(source: HTMLVideoElement | HTMLCanvasElement): { frame: ImageData; factor: number } {
  const w = source instanceof HTMLVideoElement ? source.videoWidth : source.width;
  const h = source instanceof HTMLVideoElement ? source.videoHeight : source.height;
  const d = downscaled(w, h, DETECT_SIDE);
  const c = canvas(d.width, d.height);
  const ctx = c.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, d.width, d.height);
  return { frame: ctx.getImageData(0, 0, d.width, d.height), factor: d.factor };
}

/** The page cut out along its corners, straightened, at the size the caps allow. */
export async function cropPage(frame: HTMLCanvasElement, corners: Corners): Promise<HTMLCanvasElement> {
  const { extractDocument } = await import('scanic');
  const r = await extractDocument(frame, corners, { output: 'canvas' });
  const warped = r.success && r.output instanceof HTMLCanvasElement ? r.output : frame;
  const size = pageOutputSize(corners, PAGE_LIMITS.longSide);
  const out = canvas(Math.max(size.width, PAGE_LIMITS.minSide), Math.max(size.height, PAGE_LIMITS.minSide));
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(warped, 0, 0, out.width, out.height);
  return out;
}

/** A whole frame kept as it is (no edges found), scaled to the page cap. */
export function wholeFrame(frame: HTMLCanvasElement): HTMLCanvasElement {
  const d = downscaled(frame.width, frame.height, PAGE_LIMITS.longSide);
  const out = canvas(d.width, d.height);
  out.getContext('2d')!.drawImage(frame, 0, 0, d.width, d.height);
  return out;
}

/** JPEG at the best quality that fits the page cap; null when none does. */
export function encodePage(page: HTMLCanvasElement): { dataUrl: string; bytes: number } | null {
  for (const q of JPEG_QUALITIES) {
    const dataUrl = page.toDataURL('image/jpeg', q);
    const bytes = dataUrlBytes(dataUrl);
    if (bytes <= PAGE_LIMITS.pageBytes) return { dataUrl, bytes };
  }
  return null;
}

/** A small picture of the page for lists. */
export function thumbnail(page: HTMLCanvasElement, width = 120): string {
  const out = canvas(width, Math.max(1, Math.round((page.height / page.width) * width)));
  out.getContext('2d')!.drawImage(page, 0, 0, out.width, out.height);
  return out.toDataURL('image/jpeg', 0.7);
}
