import { z } from 'zod';
import { PAGE_LIMITS, pageJpegBase64 } from '../../platform-wire/model/captured-page';
import { method } from './define';

/** The camera a technician chose as the document camera (高拍仪), as the browser names it. */
export const documentCamera = z.object({ deviceId: z.string().min(1).max(200), label: z.string().max(200) });
export type DocumentCamera = z.infer<typeof documentCamera>;

const pageSide = z.number().int().min(PAGE_LIMITS.minSide).max(PAGE_LIMITS.longSide);

/** What the services hold of the application's captured pages (counts and bytes, never images). */
export const capturedSummary = z.object({
  pages: z.array(z.object({ pageId: z.string().uuid(), materialId: z.string(), page: z.number().int(), bytes: z.number().int() })),
  totalBytes: z.number().int(),
});
export type CapturedSummary = z.infer<typeof capturedSummary>;

/**
 * Material capture with the document camera. Pages are held by the services in memory for the
 * session (the temporary copy), filed with the application through the outbox, and wiped when the
 * session ends. Every page's size is checked here, before any service sees it.
 */
export const captureApi = {
  /** The document camera chosen in admin mode (null: none chosen; one camera alone is used as it is). */
  'capture.camera': method(z.object({}).strict(), z.object({ camera: documentCamera.nullable() })),
  'capture.addPage': method(
    z.object({ itemCode: z.string().min(1).max(64), materialId: z.string().min(1).max(80), jpegBase64: pageJpegBase64, width: pageSide, height: pageSide }).strict(),
    capturedSummary.extend({ pageId: z.string().uuid() }),
  ),
  /** Retake or removal: the page is dropped. */
  'capture.removePage': method(z.object({ pageId: z.string().uuid() }).strict(), capturedSummary),
};
