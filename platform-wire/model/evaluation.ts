import { z } from 'zod';
import { RATING_LEVEL_IDS, isBadRating } from '../../kernel/rating';

export { isBadRating };

/** The five levels of GB/T 39734-2020 (好差评) by id; the lower two are 差评. */
export const evaluationLevel = z.enum(RATING_LEVEL_IDS);
export type EvaluationLevel = z.infer<typeof evaluationLevel>;

/** Problem options a 差评 rater picks (the platform maps them to its own classification). */
export const evaluationReason = z.enum([
  'attitude', // 服务态度差
  'slow', // 办理时间长 / 超时
  'repeated-visits', // 多次跑动
  'materials-unclear', // 材料要求不清楚 / 一次性告知不到位
  'process-complex', // 流程繁琐
  'inconsistent-guidance', // 指引不一致
  'system-problem', // 系统故障 / 设备不好用
  'not-handled', // 办不成事
  'other',
]);
export type EvaluationReason = z.infer<typeof evaluationReason>;

/**
 * The 差评 options in Chinese as the evaluation pad shows them: the pad has no language switch and
 * receives its labels from the kiosk. The screen's labels come from i18n; a test keeps both the same.
 */
export const EVALUATION_REASON_ZH: Record<EvaluationReason, string> = {
  attitude: '服务态度差',
  slow: '办理时间长',
  'repeated-visits': '多次跑动',
  'materials-unclear': '材料要求不清楚',
  'process-complex': '流程繁琐',
  'inconsistent-guidance': '指引不一致',
  'system-problem': '系统或设备不好用',
  'not-handled': '事情没办成',
  other: '其他',
};

/**
 * One evaluation (一次一评 for a service interaction, 一事一评 for a handled matter). A 差评 needs
 * at least one reason; a contact mobile lets the centre call back (差评回访).
 */
export const evaluationFields = z.object({
    scope: z.enum(['service', 'matter']), // 一次一评 / 一事一评
    level: evaluationLevel,
    reasons: z.array(evaluationReason).default([]),
    comment: z.string().max(500).optional(),
    itemCode: z.string().optional(),
    applicationNumber: z.string().optional(),
    ticketNumber: z.string().optional(),
    windowId: z.string().optional(),
    staffId: z.string().optional(),
    channel: z.literal('kiosk').default('kiosk'),
    hallCode: z.string().optional(),
    creditCode: z.string().length(18).optional(),
    /** Personal data: only for 差评 callback, held encrypted until delivered. */
    contactMobile: z.string().optional(),
});

export const evaluation = evaluationFields
  .extend({ ratedAt: z.string() })
  .refine((e) => !isBadRating(e.level) || e.reasons.length > 0, {
    message: 'a bad rating needs at least one reason',
    path: ['reasons'],
  });
export type Evaluation = z.infer<typeof evaluation>;

/** 办不成事 反映: a matter that could not be done at the kiosk or a window. */
export const feedback = z.object({
  category: z.enum(['cannot-apply', 'identifier-rejected', 'system-failure', 'unclear-guide', 'other']),
  description: z.string().min(1).max(1000),
  itemCode: z.string().optional(),
  creditCode: z.string().length(18).optional(),
  contactName: z.string().optional(),
  contactMobile: z.string().optional(),
  reportedAt: z.string(),
});
export type Feedback = z.infer<typeof feedback>;
