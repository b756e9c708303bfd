import { z } from 'zod';
import { EXPERIENCE_END_REASONS, EXPERIENCE_LIMITS, OFFICER_CODE_PATTERN, SCREEN_ID_PATTERN } from '../../kernel/experience-run';
import { RATING_LEVEL_IDS } from '../../kernel/rating';

/**
 * What a kiosk tells the console about the service people got (服务评价与改进): ratings, 办不成事
 * reports, complaints and the sessions they belong to, sentences 智能导办 did not find, and the runs of
 * 政务服务体验员 (officers walking the service as a citizen would). Each report carries an id the kiosk made
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

/** An officer's code (体验员编号), TYY-0012. */
export const officerCode = z.string().regex(OFFICER_CODE_PATTERN);

/**
 * One screen of an experience run: the kiosk's name for it (its route), its title in the kiosk's
 * words, the public catalogue code it showed (an item, a form, a stage) when it had one, when it was
 * reached and how long the officer stayed (ms). Never anything typed into it.
 */
export const experienceStep = z.object({
  screen: z.string().regex(SCREEN_ID_PATTERN),
  title: text(EXPERIENCE_LIMITS.titleChars).optional(),
  subject: code.optional(),
  at: isoTime,
  ms: z.number().int().min(0),
});
export type ExperienceStep = z.infer<typeof experienceStep>;

/**
 * A note the officer made, already through the kiosk's redacting filter (an ID or phone number typed
 * into it is masked there): at which listed step (null: a screen past the step cap), on which screen, when.
 */
export const experienceNote = z.object({
  step: z.number().int().min(0).max(EXPERIENCE_LIMITS.steps - 1).nullable(),
  screen: z.string().regex(SCREEN_ID_PATTERN),
  at: isoTime,
  text: text(EXPERIENCE_LIMITS.noteChars),
});
export type ExperienceNote = z.infer<typeof experienceNote>;

/**
 * A 政务服务体验员 run, sent once it ended. `runId` is made when the run is set up in admin mode and is
 * the run's one identity: the console keeps one run per runId, however often (and under whichever
 * report id) it arrives. The officer's code and notes, the screens' names: nothing of any person.
 */
export const experienceRunReport = z.object({
  ...common,
  kind: z.literal('experience-run'),
  runId: z.string().uuid(),
  officerCode,
  startedAt: isoTime,
  endedAt: isoTime,
  endedBy: z.enum(EXPERIENCE_END_REASONS),
  steps: z.array(experienceStep).max(EXPERIENCE_LIMITS.steps),
  /** Screens walked past the step cap: counted, not listed. */
  stepsOmitted: z.number().int().min(0),
  notes: z.array(experienceNote).max(EXPERIENCE_LIMITS.notes),
});
export type ExperienceRunReport = z.infer<typeof experienceRunReport>;

export const serviceReport = z.discriminatedUnion('kind', [evaluationReport, feedbackReport, complaintReport, sessionReport, unfoundSentenceReport, experienceRunReport]);
export type ServiceReport = z.infer<typeof serviceReport>;
export type ServiceReportKind = ServiceReport['kind'];

/**
 * A batch: at most 50 reports and, as the kiosk packs it, at most REPORT_BATCH_MAX_BYTES of JSON (the
 * console takes request bodies up to 256 KiB). One report alone always fits: the largest, an
 * experience run at every cap, is well under the budget.
 */
export const REPORT_BATCH_MAX_REPORTS = 50;
export const REPORT_BATCH_MAX_BYTES = 192 * 1024;
export const reportBatch = z.object({ reports: z.array(serviceReport).min(1).max(REPORT_BATCH_MAX_REPORTS) });
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
