import { z } from 'zod';
import { EXPERIENCE_END_REASONS } from '../../kernel/experience-run';
import { experienceNote, experienceStep } from '../wire/reports';

/** The console's API for 政务服务体验员 runs: the list, and one run's report. */

const time = z.string();

export const experienceRunsQuery = z.object({
  hall: z.string().max(40).optional(),
  officer: z.string().max(16).optional(),
  /** The cursor the previous page gave as `next`. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const experienceRunSummary = z.object({
  runId: z.string().uuid(),
  officerCode: z.string(),
  hallId: z.string().nullable(),
  hallName: z.string().nullable(),
  kioskId: z.string(),
  kioskLabel: z.string().nullable(),
  startedAt: time,
  endedAt: time,
  durationMs: z.number().int(),
  endedBy: z.enum(EXPERIENCE_END_REASONS),
  /** Screens walked (listed and past the cap), and notes taken. */
  stepCount: z.number().int(),
  noteCount: z.number().int(),
});
export type ExperienceRunSummary = z.infer<typeof experienceRunSummary>;
export const experienceRunList = z.object({ runs: z.array(experienceRunSummary), next: z.string().nullable() });

/** One run as its report: each screen in order with its time and the notes made there. */
export const experienceRunReportView = experienceRunSummary.extend({
  stepsOmitted: z.number().int(),
  steps: z.array(experienceStep.extend({ index: z.number().int(), notes: z.array(experienceNote) })),
  /** Notes made on screens past the step cap (not listed one by one). */
  laterNotes: z.array(experienceNote),
  receivedAt: time,
});
export type ExperienceRunReportView = z.infer<typeof experienceRunReportView>;
