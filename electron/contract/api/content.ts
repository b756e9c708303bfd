import { z } from 'zod';
import { method } from './define';

/** Bridge methods of the content area. */
export const contentApi = {} satisfies Record<string, ReturnType<typeof method>>;

// Keeps the imports used until the area defines its first method.
export type _contentPlaceholder = z.ZodType;
