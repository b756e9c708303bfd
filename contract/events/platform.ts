import { z } from 'zod';
import { applicationStatus } from '../../platform-wire/model/application';

/** What the outbox carries: filings, evaluations, 办不成事 reports, 帮办 calls and queue numbers issued offline. */
const outboxKind = z.enum(['application', 'evaluation', 'feedback', 'help', 'ticket']);

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
    kind: outboxKind,
    applicationNumber: z.string().nullable(),
    promisedDate: z.string().nullable(),
    platformStatus: applicationStatus.nullable(),
    /** The slip the application waited under (its receipt can now be reprinted by it). */
    slipNumber: z.string().nullable().default(null),
    /** An evaluation's promised call-back date (差评 with a number). */
    callBackBy: z.string().nullable().default(null),
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
    kind: outboxKind,
    reason: z.enum(['refused', 'gave-up']),
    code: z.string().nullable(),
  }),
] as const satisfies readonly z.ZodObject[];
