import { z } from 'zod';
import { smartApproval } from './approval/rules';
import { answerCondition } from './conditions';
import { contentId, duration, localText } from './text';

export const itemType = z.enum([
  'administrative_licence', // 行政许可
  'administrative_confirmation', // 行政确认
  'administrative_payment', // 行政给付
  'administrative_award', // 行政奖励
  'administrative_adjudication', // 行政裁决
  'other_power', // 其他行政权力
  'public_service', // 公共服务
  'administrative_penalty', // 行政处罚
  'administrative_enforcement', // 行政强制
  'administrative_inspection', // 行政检查
  'administrative_levy', // 行政征收
]);

/** Enterprise life-cycle stages used for browsing on the home screen. */
export const lifeStage = z.enum(['start', 'operate', 'change', 'licence', 'hr', 'tax', 'policy', 'construction', 'exit']);

export const serviceObject = z.enum([
  'natural_person',
  'enterprise_legal_person',
  'public_institution',
  'social_organisation',
  'unincorporated_enterprise',
  'individual_business',
  'government_body',
  'other_organisation',
]);

export const channelKind = z.enum(['window', 'online', 'self_service_kiosk', 'mail_in', 'mobile']);

export const material = z.object({
  id: contentId,
  name: localText,
  originalOrCopy: z.enum(['original', 'copy', 'original_and_copy']),
  originalCount: z.number().int().nonnegative(),
  copyCount: z.number().int().nonnegative(),
  medium: z.array(z.enum(['paper', 'electronic'])).min(1),
  necessity: z.enum(['required', 'optional', 'deferrable']),
  /** 容缺受理: when necessity is deferrable, the deadline to hand it in. */
  deferral: z.object({ deadline: duration, commitmentText: localText.optional() }).optional(),
  source: z.object({
    kind: z.enum(['applicant', 'government_issued', 'intermediary', 'other']),
    issuer: localText.optional(),
  }),
  /** 免证办: an electronic certificate replaces the paper one. */
  eCertificate: z
    .object({ certificate: localText, mode: z.enum(['exempt_submission', 'may_substitute']) })
    .optional(),
  /** 告知承诺: a signed commitment may replace this material. */
  commitmentAllowed: z.boolean().default(false),
  /** This material is the item's 告知承诺书 itself: signed on the kiosk's commitment screen, no paper needed. */
  commitmentLetter: z.boolean().default(false),
  instructions: localText.optional(),
  formId: contentId.optional(),
  appliesWhen: answerCondition.optional(),
});
export type Material = z.infer<typeof material>;

export const guide = z.object({
  conditions: z.array(z.object({ id: contentId, text: localText, appliesWhen: answerCondition.optional() })),
  legalBasis: z.array(z.object({ law: localText, article: z.string().optional() })).min(1),
  materials: z.array(material),
  timeLimits: z.object({
    statutory: duration.extend({ note: localText.optional() }).optional(),
    promised: duration,
    specialSteps: z
      .array(z.object({ name: localText, duration, countsTowardLimit: z.boolean() }))
      .default([]),
  }),
  fees: z.object({
    charged: z.boolean(),
    items: z.array(z.object({ name: localText, standard: localText, basis: localText.optional() })).default([]),
  }),
  process: z.array(z.object({ name: localText, actor: z.enum(['applicant', 'window', 'back_office', 'system']), limit: duration.optional() })).min(1),
  result: z.object({ name: localText, kind: z.enum(['licence', 'approval', 'registration', 'other']), eCertificate: z.boolean() }).optional(),
  resultDelivery: z.array(z.enum(['window_pickup', 'post', 'e_certificate', 'self_print'])).default([]),
  location: z.object({ address: localText, windows: z.array(z.string()).default([]), hours: localText }),
  consultationPhone: z.string().regex(/^[0-9-]{3,20}$/),
  supervisionPhone: z.string().regex(/^[0-9-]{3,20}$/).default('12345'),
  faq: z.array(z.object({ q: localText, a: localText })).default([]),
  extra: z.record(z.string(), z.string()).optional(),
});
export type Guide = z.infer<typeof guide>;

/** One service item (事项) of the implementation list, with its guide (办事指南). */
export const serviceItem = z.object({
  /** Implementation code (实施编码); opaque, the kiosk's key for the item. */
  code: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/),
  basicCode: z.string().optional(),
  name: localText,
  parentName: localText.optional(),
  type: itemType,
  department: localText,
  /** Department id used for filtering (e.g. `amr` market regulation). */
  departmentId: contentId,
  serviceObjects: z.array(serviceObject).min(1),
  stages: z.array(lifeStage).min(1),
  keywords: z.array(z.string().min(1)).default([]),
  channels: z.array(z.object({ kind: channelKind, url: z.string().url().optional() })).min(1),
  /** The kiosk can take the application end to end (form, materials, submission). */
  kioskFilable: z.boolean(),
  /**
   * Filing creates the enterprise (设立登记): the applicant is the person on the ID card and there is
   * no credit code yet, so the kiosk skips the enterprise step and files without one.
   */
  createsEnterprise: z.boolean().default(false),
  formId: contentId.optional(),
  flowId: contentId.optional(),
  crossRegion: z.object({ enabled: z.boolean(), scope: z.enum(['city', 'province', 'pan_prd', 'national']).optional() }),
  /** 到现场次数: 0 = no visit; the 最多跑一次 badge shows when ≤ 1. */
  maxVisits: z.number().int().min(0).max(5),
  notifyAndCommit: z.boolean().default(false),
  guide,
  /** 秒批: machine-checkable approval rules; when every one holds the platform approves at once. */
  smartApproval: smartApproval.optional(),
});
export type ServiceItem = z.infer<typeof serviceItem>;
export type ServiceItemInput = z.input<typeof serviceItem>;
