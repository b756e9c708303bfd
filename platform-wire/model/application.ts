import { z } from 'zod';
import { capturedPages } from './captured-page';

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
 * One material the applicant still has to provide, as the kiosk computed it from the guide, the
 * flow's answers and the person's choices (content-bundle/model/still-to-provide.ts), in the words
 * paper prints: the platform records it with the application, so a receipt reprinted anywhere, the
 * public page behind its QR code and the window all say the same.
 */
export const materialToProvide = z.object({
  materialId: z.string().min(1).max(80),
  name: z.string().min(1).max(200),
  /** 原件1份，复印件1份 */
  handIn: z.string().max(40),
  /** 如适用: null when it surely applies, else the condition in words ('' when none can be said). */
  ifApplicable: z.string().max(200).nullable(),
  optional: z.boolean().default(false),
  /** 容缺: e.g. 5个工作日内补交. */
  deferral: z.string().max(40).nullable().default(null),
  /** Only on paper: handed in at a window. */
  paperOnly: z.boolean(),
});
export type MaterialToProvide = z.infer<typeof materialToProvide>;

/** The number of the kiosk's slip for a filing (暂存凭条 while it waits, then the key to reprint its receipt anywhere). */
export const slipNumber = z.string().regex(/^[A-Z0-9]{4,8}-[0-9]{6}-[0-9]{4}$/);

/**
 * Application as filed with the platform. `smartApproval` asks the platform to run its declarative
 * 秒批 rules; the answer may then carry a decision and result documents. `crossRegion` files a
 * matter that belongs to another region's authority through the platform (跨域通办).
 */
export const applicationRequest = z.object({
  itemCode: z.string().min(1),
  applicant,
  formData: z.record(z.string(), z.unknown()),
  attachments: z.array(attachmentRef).default([]),
  smartApproval: z.boolean().default(false),
  slipNumber: slipNumber.optional(),
  toProvide: z.array(materialToProvide).max(60).default([]),
  crossRegion: z.object({ targetRegion: z.string().min(1).max(40) }).optional(),
  /** Pages of materials captured with the kiosk's document camera (高拍仪). */
  pages: capturedPages.default([]),
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
  /** The kiosk's slip number it was filed under, when it had one. */
  slipNumber: slipNumber.nullable().default(null),
  /** What the applicant still has to provide, as recorded at intake. */
  toProvide: z.array(materialToProvide).default([]),
  /** 跨域通办: the region whose authority handles it (null: this one). */
  handledBy: z.string().nullable().default(null),
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

/** An application as the platform holds it, for a reprint by slip number and for 我的办件: intake and where it stands. */
export const filedApplication = applicationReceipt.extend({
  itemName: z.string(),
  /** The kiosk it was filed at (my cases list the hall's kiosks' filings). */
  kioskId: z.string().nullable().default(null),
});
export type FiledApplication = z.infer<typeof filedApplication>;

/** Where a matter goes that this district does not handle (跨域通办 target, or the hall to go to). */
export const crossRegionTarget = z.object({
  region: z.string(),
  authority: z.string(),
  /** The target takes it through the platform (跨域通办): the kiosk may file it there. */
  acceptsCrossRegion: z.boolean(),
  hall: z.object({ name: z.string(), address: z.string(), hours: z.string(), phone: z.string() }).nullable(),
});
export type CrossRegionTarget = z.infer<typeof crossRegionTarget>;
