import { z } from 'zod';
import { RATING_LEVEL_IDS } from '../../kernel/rating';

/**
 * What a kiosk tells the console about the service people got (服务评价与改进): ratings, 办不成事
 * reports, complaints and the sessions they belong to. Each report carries an id the kiosk made
 * (a UUID) when it committed the report to its own outbox: the console keeps one row per kiosk and
 * id, so a batch sent again after a lost answer is counted once. Reports of one kiosk arrive in the
 * order they were made. Signed like every fleet call.
 */
export const REPORTS_PATH = '/fleet/v1/reports';

const isoTime = z.string().max(40);
const code = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A call-back number travels only with the person's consent, and only for what a follow-up needs
 * (a 差评, a complaint, 办不成事): the console erases it once the case is closed and its retention passed.
 */
export const reportContact = z.object({ consent: z.literal(true), mobile: z.string().regex(/^1\d{10}$/) });

export const RATING_REASONS = ['attitude', 'slow', 'repeated-visits', 'materials-unclear', 'process-complex', 'inconsistent-guidance', 'system-problem', 'not-handled', 'other'] as const;

const common = { id: z.string().uuid(), at: isoTime };

/** The department (部门) of the item a report concerns, as the kiosk's content names it: a statistics dimension. */
export const reportDepartment = z.object({ id: code, name: text(60) });

export const evaluationReport = z.object({
  ...common,
  kind: z.literal('evaluation'),
  level: z.enum(RATING_LEVEL_IDS),
  /** 一次一评 (a service interaction) or 一事一评 (a handled matter). */
  scope: z.enum(['service', 'matter']),
  /** Where the person rated: the evaluation pad, or the kiosk's screen. */
  channel: z.enum(['pad', 'screen']),
  reasons: z.array(z.enum(RATING_REASONS)).max(9),
  itemCode: code.optional(),
  department: reportDepartment.optional(),
  windowId: code.optional(),
  comment: z.string().max(500).optional(),
  contact: reportContact.optional(),
});

export const FEEDBACK_CATEGORIES = ['cannot-apply', 'identifier-rejected', 'system-failure', 'unclear-guide', 'other'] as const;
export const feedbackReport = z.object({
  ...common,
  kind: z.literal('feedback'),
  category: z.enum(FEEDBACK_CATEGORIES),
  description: text(1000),
  itemCode: code.optional(),
  department: reportDepartment.optional(),
  contact: reportContact.optional(),
});

export const COMPLAINT_CATEGORIES = ['attitude', 'delay', 'misconduct', 'wrong-guidance', 'environment', 'other'] as const;
export const complaintReport = z.object({
  ...common,
  kind: z.literal('complaint'),
  /** The number the person was given at the kiosk: they look the answer up by it. */
  number: z.string().regex(/^TS\d{6}-[0-9A-Z]{6}$/),
  category: z.enum(COMPLAINT_CATEGORIES),
  description: text(1000),
  happenedAt: isoTime.optional(),
  itemCode: code.optional(),
  department: reportDepartment.optional(),
  windowId: code.optional(),
  contact: reportContact.optional(),
});

/** A person's session ended at the kiosk: the denominator of the share of sessions rated. */
export const sessionReport = z.object({ ...common, kind: z.literal('session') });

/** Longest sentence the console keeps (the kiosk keeps 100 characters of a scrubbed sentence). */
export const UNFOUND_SENTENCE_MAX = 200;

/**
 * A sentence a person typed at the kiosk (智能导办) that found nothing, after the kiosk's redacting filter:
 * the text only, and the screen's language when known. No session, person or item goes with it.
 */
export const unfoundSentenceReport = z.object({
  ...common,
  kind: z.literal('unfound-sentence'),
  text: text(UNFOUND_SENTENCE_MAX),
  locale: z.enum(['zh-CN', 'en']).optional(),
});

export const serviceReport = z.discriminatedUnion('kind', [evaluationReport, feedbackReport, complaintReport, sessionReport, unfoundSentenceReport]);
export type ServiceReport = z.infer<typeof serviceReport>;
export type ServiceReportKind = ServiceReport['kind'];

export const reportBatch = z.object({ reports: z.array(serviceReport).min(1).max(50) });
export type ReportBatch = z.infer<typeof reportBatch>;

/** Every id the console now holds (new or seen before): the kiosk may forget them. */
export const reportAnswer = z.object({ accepted: z.array(z.string().uuid()), serverTime: isoTime });
export type ReportAnswer = z.infer<typeof reportAnswer>;

/** A complaint's progress by its number, asked by any enrolled kiosk for the person at it. */
export const COMPLAINT_STATUS_PATH = '/fleet/v1/complaint-status';
export const complaintStatusRequest = z.object({ number: z.string().regex(/^TS\d{6}-[0-9A-Z]{6}$/) });
export const complaintStatusAnswer = z.object({
  found: z.boolean(),
  state: z.enum(['open', 'answered', 'closed']).nullable(),
  openedAt: isoTime.nullable(),
  answer: z.string().nullable(),
  answeredAt: isoTime.nullable(),
  serverTime: isoTime,
});
export type ComplaintStatusAnswer = z.infer<typeof complaintStatusAnswer>;
