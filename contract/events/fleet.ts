import { z } from 'zod';

/** Events of the fleet area. */
export const fleetEvents = [
  /** An operator asked for a fresh renderer (remote command); sent only while no person's session is open. */
  z.object({ type: z.literal('fleet.restartRenderer') }),
] as const satisfies readonly z.ZodObject[];
