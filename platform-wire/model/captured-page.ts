import { z } from 'zod';

/**
 * Limits of material pages captured with the document camera (高拍仪). One page is a JPEG of the
 * cropped, deskewed sheet; an application carries at most `pagesPerApplication` of them and
 * `applicationBytes` in all, so a filing stays well inside what the outbox and the platform take.
 */
export const PAGE_LIMITS = {
  /** One page's JPEG (an A4 sheet at 1600 px on its long side is about 150–350 KB). */
  pageBytes: 450_000,
  pagesPerApplication: 12,
  applicationBytes: 3_500_000,
  /** The long side a page is scaled to before encoding. */
  longSide: 1600,
  minSide: 200,
} as const;

/** Base64 length of `bytes` bytes. */
export const base64Length = (bytes: number): number => 4 * Math.ceil(bytes / 3);

export const pageJpegBase64 = z
  .string()
  .min(8)
  .max(base64Length(PAGE_LIMITS.pageBytes))
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
  // A JPEG starts FF D8 FF, which is /9j/ in base64.
  .refine((s) => s.startsWith('/9j/'), 'a JPEG image');

const side = z.number().int().min(PAGE_LIMITS.minSide).max(PAGE_LIMITS.longSide);

/** One captured page of a material, as filed with the platform. */
export const capturedPage = z.object({
  materialId: z.string().min(1).max(80),
  /** 1-based order within its material. */
  page: z.number().int().min(1).max(PAGE_LIMITS.pagesPerApplication),
  mime: z.literal('image/jpeg'),
  width: side,
  height: side,
  dataBase64: pageJpegBase64,
});
export type CapturedPage = z.infer<typeof capturedPage>;

/** Bytes of a base64 text (no decoding needed). */
export const base64Bytes = (s: string): number => Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0);

export const capturedPages = z
  .array(capturedPage)
  .max(PAGE_LIMITS.pagesPerApplication)
  .refine((pages) => pages.reduce((n, p) => n + base64Bytes(p.dataBase64), 0) <= PAGE_LIMITS.applicationBytes, 'the pages together are too large');
