import { z } from 'zod';

/** Human-readable text in zh-CN with an optional English rendering. */
export const localText = z.object({ zh: z.string().min(1), en: z.string().optional() });
export type LocalText = z.infer<typeof localText>;

/** Content identifiers: lower-case ASCII, digits, '_' and '-' (safe in URLs, file names, SQL). */
export const contentId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'lower-case id of [a-z0-9_-]');

/** A duration as service guides state it; working days unless the law says otherwise. */
export const duration = z.object({
  value: z.number().nonnegative(),
  unit: z.enum(['working_day', 'natural_day', 'hour', 'on_the_spot']),
});
export type Duration = z.infer<typeof duration>;
