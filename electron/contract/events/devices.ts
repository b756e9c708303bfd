import { z } from 'zod';

/** Events of the devices area: append z.object({ type: z.literal('devices.…'), … }) members. */
export const devicesEvents = [] as const satisfies readonly z.ZodObject[];
