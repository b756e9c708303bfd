import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A reference to an e-certificate used instead of a paper material (免证办). */
export const attachmentRef = z.object({
  materialName: z.string().min(1), // e.g. 营业执照
  /** The guide's material id it stands for; 秒批 rules may require a material by id. */
  materialId: z.string().min(1).optional(),
  certificateId: z.string().min(1),
});

/**
 * The person acting for the enterprise at the kiosk (经办人). Personal data: outbox-encrypted. No
 * credit code when the application creates the enterprise (设立登记): it has none yet.
 */
export const applicant = z.object({
  creditCode: z.string().length(18).optional(),
  enterpriseName: z.string().optional(),
  agentName: z.string().min(1),
  agentIdNumber: z.string().length(18),
  agentMobile: z.string().optional(),
});
export type Applicant = z.infer<typeof applicant>;

/**
 * Application as filed with the platform. `smartApproval` asks the platform to run its declarative
 * 秒批 rules; the answer may then carry a decision and result documents.
 */
export const applicationRequest = z.object({
  itemCode: z.string().min(1),
  applicant,
  formData: z.record(z.string(), z.unknown()),
  attachments: z.array(attachmentRef).default([]),
  smartApproval: z.boolean().default(false),
});
export type ApplicationRequest = z.infer<typeof applicationRequest>;

export const applicationStatus = z.enum([
  'accepted', // 受理
  'reviewing', // 审查
  'correction-required', // 补正
  'completed', // 办结
  'rejected', // 不予受理 / 不予许可
]);
export type ApplicationStatus = z.infer<typeof applicationStatus>;

/** A decision the platform took (秒批 or after review) and the documents it issued. */
export const applicationDecision = z.object({
  outcome: z.enum(['approved', 'refused']),
  decidedAt: z.string(),
  automated: z.boolean(),
  reasons: z.array(z.string()).default([]),
  documents: z.array(z.object({ kind: z.string(), certificateId: z.string(), title: z.string() })).default([]),
});
export type ApplicationDecision = z.infer<typeof applicationDecision>;

/** The platform's answer to an application intake. */
export const applicationReceipt = z.object({
  applicationNumber: z.string().min(1),
  itemCode: z.string(),
  status: applicationStatus,
  acceptedAt: z.string(),
  promisedDate: isoDate, // 承诺办结日期
  decision: applicationDecision.nullable().default(null),
});
export type ApplicationReceipt = z.infer<typeof applicationReceipt>;

export const progressEntry = z.object({
  status: applicationStatus,
  at: z.string(),
  note: z.string().optional(),
});

/** Progress of an application: status history and, for 补正, everything missing at once (一次性告知). */
export const applicationProgress = z.object({
  applicationNumber: z.string(),
  itemCode: z.string(),
  status: applicationStatus,
  promisedDate: isoDate,
  history: z.array(progressEntry).min(1),
  corrections: z.array(z.string()).default([]),
  decision: applicationDecision.nullable().default(null),
});
export type ApplicationProgress = z.infer<typeof applicationProgress>;
