import { z } from 'zod';
import { RATING_LEVEL_IDS } from '../../kernel/rating';
import { COMPLAINT_CATEGORIES, FEEDBACK_CATEGORIES, RATING_REASONS } from '../wire/reports';

/** The console's API for 服务评价与改进: cases, their steps, deadline policies and statistics. */

const time = z.string();
export const CASE_TYPES = ['bad-rating', 'complaint', 'cannot-do'] as const;
export const caseType = z.enum(CASE_TYPES);
export type CaseType = z.infer<typeof caseType>;
export const CASE_URGENCIES = ['normal', 'near', 'overdue'] as const;
export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied', 'unreachable'] as const;

/** A jurisdiction's deadlines: hours to verify, working days to reply and rectify per case type. */
export const casePolicy = z.object({
  verifyHours: z.number().int().min(1).max(24 * 30),
  replyWorkingDays: z.object({ 'bad-rating': z.number().int().min(1).max(60), complaint: z.number().int().min(1).max(60), 'cannot-do': z.number().int().min(1).max(60) }),
  /** A case is "near" its deadline from this many working days before it (and escalated to the hall manager). */
  nearWorkingDays: z.number().int().min(0).max(10),
  /** Days a closed case keeps the person's contact before it is erased. */
  retentionDays: z.number().int().min(0).max(3650),
});
export type CasePolicy = z.infer<typeof casePolicy>;
export const jurisdiction = z.string().regex(/^(\*|[a-z0-9][a-z0-9-]{0,39})$/);
export const policyView = z.object({ jurisdiction, policy: casePolicy, updatedBy: z.string(), updatedAt: time });
export const policyList = z.object({ policies: z.array(policyView) });

export const caseView = z.object({
  id: z.number().int(),
  number: z.string(),
  type: caseType,
  state: z.enum(['open', 'closed']),
  kioskId: z.string(),
  hallId: z.string().nullable(),
  openedAt: time,
  itemCode: z.string().nullable(),
  windowId: z.string().nullable(),
  level: z.enum(RATING_LEVEL_IDS).nullable(),
  channel: z.enum(['pad', 'screen']).nullable(),
  reasons: z.array(z.enum(RATING_REASONS)),
  category: z.union([z.enum(COMPLAINT_CATEGORIES), z.enum(FEEDBACK_CATEGORIES)]).nullable(),
  description: z.string().nullable(),
  /** Masked (138****8000); the full number only on the case page for staff who call back, until erased. */
  contact: z.string().nullable(),
  personalErasedAt: time.nullable(),
  verifyDue: time,
  replyDue: time,
  urgency: z.enum(CASE_URGENCIES),
  escalatedAt: time.nullable(),
  verification: z.object({ at: time, by: z.string(), note: z.string() }).nullable(),
  contacted: z.object({ at: time, by: z.string(), note: z.string() }).nullable(),
  rectification: z.object({ at: time, by: z.string(), note: z.string(), legalBasis: z.string().nullable() }).nullable(),
  satisfaction: z.object({ at: time, value: z.enum(SATISFACTIONS) }).nullable(),
  answer: z.object({ at: time, text: z.string() }).nullable(),
  closedAt: time.nullable(),
  closedBy: z.string().nullable(),
});
export type CaseView = z.infer<typeof caseView>;

export const casesQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
  type: caseType.optional(),
  hall: z.string().max(40).optional(),
  urgency: z.enum(CASE_URGENCIES).optional(),
  before: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const caseList = z.object({ cases: z.array(caseView), next: z.number().int().nullable() });

const note = z.string().trim().min(1).max(2000);
/** One step of a case, recorded by the staff member signed in. */
export const caseStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('verify'), note }),
  z.object({ step: z.literal('contact'), note }),
  /** What was changed, or — where nothing can be changed — the legal basis that says so. */
  z.object({ step: z.literal('rectify'), note, legalBasis: z.string().trim().min(1).max(500).optional() }),
  z.object({ step: z.literal('satisfaction'), value: z.enum(SATISFACTIONS) }),
  /** A complaint's answer, which the person reads at a kiosk by the complaint's number. */
  z.object({ step: z.literal('answer'), text: note }),
  z.object({ step: z.literal('close') }),
]);
export type CaseStep = z.infer<typeof caseStep>;

export const STAT_DIMENSIONS = ['item', 'department', 'hall', 'kiosk', 'channel', 'month', 'day'] as const;
export const statsQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  by: z.enum(STAT_DIMENSIONS).default('hall'),
  hall: z.string().max(40).optional(),
});
export const statRow = z.object({
  key: z.string(),
  /** Ratings per level, in GB/T 39734's order (非常满意 … 非常不满意). */
  levels: z.object({ 'very-satisfied': z.number().int(), satisfied: z.number().int(), 'basically-satisfied': z.number().int(), dissatisfied: z.number().int(), 'very-dissatisfied': z.number().int() }),
  ratings: z.number().int(),
  bad: z.number().int(),
  sessions: z.number().int().nullable(),
  /** Shares 0..1, null where there is nothing to divide by. */
  goodRate: z.number().nullable(),
  ratedShare: z.number().nullable(),
  badReplyRate: z.number().nullable(),
  rectifyRate: z.number().nullable(),
  rectifySatisfiedRate: z.number().nullable(),
});
export type StatRow = z.infer<typeof statRow>;
export const statsAnswer = z.object({ by: z.enum(STAT_DIMENSIONS), from: z.string(), to: z.string(), rows: z.array(statRow), total: statRow });
export type StatsAnswer = z.infer<typeof statsAnswer>;

/** The front page's figure: real-name 差评 followed up (goal 100 %). */
export const followUpSummary = z.object({ open: z.number().int(), near: z.number().int(), overdue: z.number().int(), badRatings: z.number().int(), followedUp: z.number().int(), followUpRate: z.number().nullable() });

/**
 * 智能导办's sentences that found nothing, as kiosks reported them (scrubbed of personal data there):
 * summed per sentence over the kiosks the operator may see, most frequent first. `after` is the cursor
 * the previous page gave as `next`.
 */
export const unfoundQuery = z.object({
  hall: z.string().max(40).optional(),
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const unfoundSentenceView = z.object({
  text: z.string(),
  count: z.number().int(),
  kiosks: z.number().int(),
  halls: z.array(z.string()),
  firstSeen: time,
  lastSeen: time,
});
export type UnfoundSentenceView = z.infer<typeof unfoundSentenceView>;
export const unfoundList = z.object({ sentences: z.array(unfoundSentenceView), next: z.string().nullable() });
/** Days a sentence no kiosk typed again is kept. */
export const UNFOUND_RETENTION_DAYS = 180;
