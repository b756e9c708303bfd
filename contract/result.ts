import { z } from 'zod';
import type { Result as KernelResult } from '../kernel/result';

/** Error codes that cross the bridge. Expected failures travel as data, never as thrown exceptions. */
export const kioskErrorCode = z.enum([
  'invalid-request', // the call did not match its schema: refused before anything ran
  'invalid-response', // the service answered something its schema does not allow
  'unknown-method',
  'forbidden', // wrong sender / origin
  'not-found',
  'unavailable', // a device or the platform cannot be reached
  'rejected', // the domain said no (bad signature, expired card, invalid code …)
  'internal',
]);
export type KioskErrorCode = z.infer<typeof kioskErrorCode>;

export const kioskError = z.object({
  code: kioskErrorCode,
  /** i18n key the renderer shows; `message` is the English fallback for technicians. */
  messageKey: z.string().optional(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});
export type KioskError = z.infer<typeof kioskError>;

/** The wire form of the kernel's Result: the error is always a KioskError. */
export type Result<T> = KernelResult<T, KioskError>;

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: kioskError }),
  ]);

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: KioskErrorCode, message: string, extra: Partial<KioskError> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});
