import { z } from 'zod';

/** Events of the content area: append z.object({ type: z.literal('content.…'), … }) members. */
export const contentEvents = [] as const satisfies readonly z.ZodObject[];
