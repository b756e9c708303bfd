import { z } from 'zod';
import { method } from './define';

/** Bridge methods of the platform area. */
export const platformApi = {} satisfies Record<string, ReturnType<typeof method>>;

// Keeps the imports used until the area defines its first method.
export type _platformPlaceholder = z.ZodType;
