import { z } from 'zod';

/** Events of the content area. */
export const contentEvents = [
  /** A bundle was refused; the current content stays live. For technician screens and logs. */
  z.object({
    type: z.literal('content.rejected'),
    reason: z.enum(['signature', 'expired', 'rollback', 'hash', 'too-large', 'missing', 'redirect', 'stalled', 'unreachable', 'not-a-file', 'schema', 'io', 'other']),
    message: z.string(),
    source: z.string(),
  }),
] as const satisfies readonly z.ZodObject[];
