import { z } from 'zod';
import { EXPERIENCE_LIMITS, OFFICER_CODE_PATTERN, SCREEN_ID_PATTERN } from '../../kernel/experience-run';
import { method } from './define';

/**
 * 政务服务体验员 runs (an officer walks the service as a citizen would). A technician sets a run up in
 * admin mode (`admin.experienceStart`); it starts when admin mode ends. The kiosk page then reports the
 * screens it shows and the officer's notes; the run ends with the officer or with the session.
 */

/** Typed on the screen's keyboard: spaces and lower case forgiven. */
export const officerCodeInput = z.string().trim().toUpperCase().pipe(z.string().regex(OFFICER_CODE_PATTERN));

/** A run as the screen's marker and admin mode show it: nothing but counts and the officer's code. */
export const experienceRunView = z.object({
  runId: z.string().uuid(),
  officerCode: z.string(),
  /** armed: set up in admin mode, starting when it ends; active: walking. */
  state: z.enum(['armed', 'active']),
  armedAt: z.string(),
  startedAt: z.string().nullable(),
  /** The screen the run is on (its name). */
  screen: z.string().nullable(),
  /** Screens walked so far, and notes taken. */
  steps: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  notesLeft: z.number().int().nonnegative(),
});
export type ExperienceRunView = z.infer<typeof experienceRunView>;

/** A screen's name (the route's), its title in the kiosk's words, and a public code it shows (item, form, stage). */
export const experienceScreen = z
  .object({
    screen: z.string().regex(SCREEN_ID_PATTERN),
    title: z.string().max(EXPERIENCE_LIMITS.titleChars).optional(),
    subject: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).optional(),
  })
  .strict();

export const experienceApi = {
  'experience.status': method(z.object({}).strict(), z.object({ run: experienceRunView.nullable() })),
  /** The page shows a screen (only while a run walks; otherwise nothing is recorded). */
  'experience.step': method(experienceScreen, z.object({ recorded: z.boolean() })),
  /** The officer's note at the screen on now; a longer one is cut, an ID number in it masked. */
  'experience.note': method(z.object({ text: z.string().max(2000) }).strict(), experienceRunView),
  /** The officer ends the run (the page then ends the visit too). */
  'experience.end': method(z.object({}).strict(), z.object({ ended: z.boolean() })),
};
