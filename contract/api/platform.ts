import { z } from 'zod';
import {
  applicationProgress,
  applicationDecision,
  applicationStatus,
  appointment,
  appointmentSlot,
  attachmentRef,
  certificateView,
  crossRegionTarget,
  enterpriseProfile,
  personLinks,
  laborContracts,
  filedApplication,
  materialToProvide,
  slipNumber,
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
  /** The kiosk's slip number: printed on the 暂存凭条 while it waits; reprints the receipt at any kiosk once delivered. */
  slipNumber: slipNumber.nullable().default(null),
  /** What the applicant still has to provide, as filed. */
  toProvide: z.array(materialToProvide).default([]),
  /** 跨域通办: the region whose authority handles it (null: this district). */
  handledBy: z.string().nullable().default(null),
});

const outboxAck = z.object({ receiptId, status: outboxReceiptStatus });

/** Flow answers: single choice → value, multiple choice → values. */
const flowAnswers = z.record(z.string().max(40), z.union([z.string().max(40), z.array(z.string().max(40)).max(20)]));

/** What a saved draft (暂存) holds: the person's own form, the flow's answers, the materials the flow settled on. */
const draftContent = z.object({
  itemCode: z.string().min(1),
  formId: z.string().min(1),
  values: z.record(z.string().max(60), z.string().max(2000)),
  answers: flowAnswers.default({}),
  materialIds: z.array(z.string()).nullable().default(null),
});
export const draftSummary = z.object({ draftId: z.string().uuid(), itemCode: z.string(), savedAt: z.string(), expiresAt: z.string() });

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
  /**
   * Files an application through the outbox; waits up to `waitMs` for the platform's answer. The
   * services work out what is still to provide from the guide, the flow's `answers` (the role from the
   * session), the outcome's `materialIds`, the e-certificates attached and the signed commitment;
   * `crossRegionTarget` files a matter that belongs to another region through the platform (跨域通办).
   */
  'platform.submitApplication': method(
    z
      .object({
        itemCode: z.string().min(1),
        formData: z.record(z.string(), z.unknown()),
        attachments: z.array(attachmentRef).default([]),
        smartApproval: z.boolean().default(false),
        waitMs: z.number().int().min(0).max(15_000).default(4_000),
        answers: flowAnswers.default({}),
        materialIds: z.array(z.string()).nullable().default(null),
        formId: z.string().optional(),
        committed: z.boolean().default(false),
        crossRegionTarget: z.string().min(1).max(40).optional(),
      })
      .strict(),
    applicationOutcome,
  ),
  /** A filing found by its slip number (here or at any kiosk of the platform): the real receipt is reprinted from it. */
  'platform.receiptBySlip': method(z.object({ slipNumber: z.string().min(4).max(32) }).strict(), z.object({ application: filedApplication })),
  /**
   * 我的办件: with a card on the reader, the card holder's filings at the hall's kiosks (from the
   * platform), those still waiting in this kiosk's outbox, and their saved drafts (暂存).
   */
  'platform.myCases': method(
    z.object({}).strict(),
    z.object({
      cases: z.array(filedApplication),
      /** null: the platform could not be asked. */
      platformReachable: z.boolean(),
      queued: z.array(z.object({ slipNumber: slipNumber.nullable(), itemCode: z.string(), submittedAt: z.string() })),
      drafts: z.array(draftSummary),
    }),
  ),
  /**
   * The enterprises the card holder may act for and their real-name mobile, as the platform knows them
   * (asked with the card on the reader, never a typed number): picked with one tap instead of typing a
   * credit code; the mobile fills their own form's phone field.
   */
  'platform.myEnterprises': method(z.object({}).strict(), personLinks),
  /**
   * 就业登记 from what was signed: the enterprise's e-labour contracts not yet registered, asked as the
   * card holder (the platform answers only a person who acts for the enterprise).
   */
  'platform.laborContracts': method(z.object({ creditCode: z.string().length(18) }).strict(), laborContracts),
  /** Where a matter at this address belongs (跨域通办 through the platform, or that region's hall). */
  'platform.crossRegionTarget': method(z.object({ itemCode: z.string().min(1), address: z.string().min(1).max(200) }).strict(), crossRegionTarget),
  /** 暂存: keeps a form for the card holder (sealed, at most 7 days) to resume later with the same card. */
  'platform.saveDraft': method(draftContent.strict(), draftSummary),
  /** Resumes a saved draft of the card holder; it is wiped as it is handed back. */
  'platform.resumeDraft': method(z.object({ draftId: z.string().uuid() }).strict(), draftContent),
  'platform.applicationStatus': method(
    z.union([z.object({ receiptId }).strict(), z.object({ applicationNumber: z.string().min(1) }).strict()]),
    applicationOutcome.extend({ receiptId: receiptId.nullable() }),
  ),
  'platform.progress': method(z.object({ applicationNumber: z.string().min(1) }).strict(), applicationProgress),
  /**
   * 好差评 (GB/T 39734) through the outbox; waits up to `waitMs` for the platform to confirm it. A 差评
   * may carry a call-back number (with the rater's consent); `callBackBy` is when the hall promised to call.
   */
  'platform.evaluate': method(
    evaluationFields.extend({ waitMs: z.number().int().min(0).max(15_000).default(3_000) }).strict(),
    outboxAck.extend({ callBackBy: z.string().nullable() }),
  ),
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
  /**
   * 取号, bound to the card on the reader when there is one. With the platform down the kiosk issues a
   * number from its own range (`source: 'kiosk'`), reconciled with the hall's queue when it is back.
   */
  'platform.queueTicket': method(
    z.object({ windowType, appointmentId: z.string().optional() }).strict(),
    queueTicket.extend({ source: z.enum(['platform', 'kiosk']), boundToCard: z.boolean() }),
  ),
  'platform.appointmentSlots': method(
    z.object({ itemCode: z.string().min(1), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
    z.object({ slots: z.array(appointmentSlot) }),
  ),
  /** 预约, bound to the card on the reader or to the phone number given (one of them is needed). */
  'platform.bookAppointment': method(
    z.object({ slotId: z.string(), itemCode: z.string(), contactMobile: z.string().optional() }).strict(),
    appointment.extend({ boundTo: z.enum(['card', 'phone']) }),
  ),
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
