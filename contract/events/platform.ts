import { z } from 'zod';
import { applicationStatus } from '../../platform-wire/model/application';

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
  /**
   * An outbox entry will not be delivered: `refused` — the platform turned it down for good (a
   * permanent 4xx; `code` is its reason, e.g. enterprise-not-active); `gave-up` — it could not be
   * sent after many attempts (or not read back) and waits for a technician. Temporary failures are
   * no event: the entry stays queued.
   */
  z.object({
    type: z.literal('outbox.failed'),
    receiptId: z.string(),
    kind: z.enum(['application', 'evaluation', 'feedback', 'help']),
    reason: z.enum(['refused', 'gave-up']),
    code: z.string().nullable(),
  }),
] as const satisfies readonly z.ZodObject[];
