import { z } from 'zod';
import { method } from './define';

/** Bridge methods of the devices area. */
export const devicesApi = {} satisfies Record<string, ReturnType<typeof method>>;

// Keeps the imports used until the area defines its first method.
export type _devicesPlaceholder = z.ZodType;
