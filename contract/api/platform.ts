import { z } from 'zod';
import {
  applicationProgress,
  applicationDecision,
  applicationStatus,
  appointment,
  appointmentSlot,
  attachmentRef,
  certificateView,
  enterpriseProfile,
  evaluationFields,
  feedback,
  helpRequest,
  helpStatus,
  queueTicket,
  windowType,
} from '../../platform-wire/model';
import { method } from './define';

const receiptId = z.string().uuid();

/** Where an outbox write stands: `queued` until the platform confirmed it, `failed` when parked. */
export const outboxReceiptStatus = z.enum(['queued', 'delivered', 'failed']);

/**
 * Why a `failed` write was not delivered: the platform refused it for good (`code`: its reason, e.g.
 * enterprise-not-active), or it could not be sent and waits for a technician (`gave-up`).
 */
export const outboxFailure = z.object({ reason: z.enum(['refused', 'gave-up']), code: z.string().nullable() });
export type OutboxFailure = z.infer<typeof outboxFailure>;

const applicationOutcome = z.object({
  receiptId,
  status: outboxReceiptStatus,
  applicationNumber: z.string().nullable(),
  promisedDate: z.string().nullable(),
  platformStatus: applicationStatus.nullable(),
  /** The platform's decision when it took one at intake (秒批), with the documents it issued. */
  decision: applicationDecision.nullable().default(null),
  /** Set when `status` is `failed`. */
  failure: outboxFailure.nullable().default(null),
});

const outboxAck = z.object({ receiptId, status: outboxReceiptStatus });

const deadLetter = z.object({
  receiptId,
  kind: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

/** Bridge methods of the platform area. */
export const platformApi = {
  'platform.enterprise': method(z.object({ creditCode: z.string() }).strict(), enterpriseProfile),
  /** E-certificates of a holder (credit code); expired ones flagged, signatures verified. */
  'platform.certificates': method(z.object({ holderCode: z.string() }).strict(), z.object({ certificates: z.array(certificateView) })),
  /** Files an application through the outbox; waits up to `waitMs` for the platform's answer. */
  'platform.submitApplication': method(
    z
      .object({
        itemCode: z.string().min(1),
        formData: z.record(z.string(), z.unknown()),
        attachments: z.array(attachmentRef).default([]),
        smartApproval: z.boolean().default(false),
        waitMs: z.number().int().min(0).max(15_000).default(4_000),
      })
      .strict(),
    applicationOutcome,
  ),
  'platform.applicationStatus': method(
    z.union([z.object({ receiptId }).strict(), z.object({ applicationNumber: z.string().min(1) }).strict()]),
    applicationOutcome.extend({ receiptId: receiptId.nullable() }),
  ),
  'platform.progress': method(z.object({ applicationNumber: z.string().min(1) }).strict(), applicationProgress),
  /** 好差评 (GB/T 39734) through the outbox; waits up to `waitMs` for the platform to confirm it. */
  'platform.evaluate': method(evaluationFields.extend({ waitMs: z.number().int().min(0).max(15_000).default(3_000) }).strict(), outboxAck),
  /** 办不成事 反映 through the outbox. */
  'platform.feedback': method(feedback.omit({ reportedAt: true }).extend({ waitMs: z.number().int().min(0).max(15_000).default(3_000) }).strict(), outboxAck),
  /** 帮办: pages a staff member; queued (and sent later) when the platform is offline. */
  'platform.requestHelp': method(
    helpRequest.omit({ requestedAt: true }).extend({ waitMs: z.number().int().min(0).max(15_000).default(3_000) }).strict(),
    outboxAck.extend({ helpId: z.string().nullable() }),
  ),
  'platform.helpStatus': method(
    z.object({ receiptId }).strict(),
    z.object({ receiptId, status: outboxReceiptStatus, help: helpStatus.nullable() }),
  ),
  /** 取号: needs the platform online (a ticket is only worth something now). */
  'platform.queueTicket': method(z.object({ windowType, appointmentId: z.string().optional() }).strict(), queueTicket),
  'platform.appointmentSlots': method(
    z.object({ itemCode: z.string().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
    z.object({ slots: z.array(appointmentSlot) }),
  ),
  'platform.bookAppointment': method(z.object({ slotId: z.string(), itemCode: z.string() }).strict(), appointment),
  'platform.cancelAppointment': method(z.object({ appointmentId: z.string() }).strict(), appointment),
  /** Technician view: depth per kind and dead letters, without personal data. */
  'outbox.status': method(
    z.object({}).strict(),
    z.object({
      depth: z.number().int(),
      pending: z.array(z.object({ kind: z.string(), count: z.number().int(), oldest: z.string() })),
      deadLetters: z.array(deadLetter),
    }),
  ),
  /** Technician action: puts a dead letter back in line. */
  'outbox.retry': method(z.object({ receiptId }).strict(), z.object({ requeued: z.boolean() })),
};
