import { z } from 'zod';
import { applicationStatus } from '../domain/application';

/** Events of the platform area. */
export const platformEvents = [
  /** A staff member answered a help request of the current session. */
  z.object({
    type: z.literal('platform.helpAnswered'),
    receiptId: z.string(),
    helpId: z.string(),
    staffName: z.string().nullable(),
    answer: z.string(),
  }),
  /** An outbox entry reached the platform (for an application: its number). */
  z.object({
    type: z.literal('outbox.delivered'),
    receiptId: z.string(),
    kind: z.enum(['application', 'evaluation', 'feedback', 'help']),
    applicationNumber: z.string().nullable(),
    promisedDate: z.string().nullable(),
    platformStatus: applicationStatus.nullable(),
  }),
] as const satisfies readonly z.ZodObject[];
