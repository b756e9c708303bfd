import { z } from 'zod';
import { method } from './define';

/** Bridge methods of the speech area (spoken read-out when the system has no voice). */
export const speechApi = {} satisfies Record<string, ReturnType<typeof method>>;

// Keeps the imports used until the area defines its first method.
export type _speechPlaceholder = z.ZodType;
