import { z } from 'zod';

/** Events of the platform area: append z.object({ type: z.literal('platform.…'), … }) members. */
export const platformEvents = [] as const satisfies readonly z.ZodObject[];
