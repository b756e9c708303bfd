/**
 * 政务服务体验员 runs: an officer walks the kiosk's service as a citizen would, and the kiosk records the
 * screens walked through and the officer's notes at each. What both ends (kiosk and console) agree on.
 */

/** An officer's code: TYY- and four digits (TYY-0012). */
export const OFFICER_CODE_PATTERN = /^TYY-\d{4}$/;

/** A screen as the kiosk names it (its route's name: home, item, feedback …). */
export const SCREEN_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * How much one run may carry, so that a run at its largest still travels in one report batch (the
 * kiosk caps a batch at 192 KiB, the console takes 256 KiB; a run at every cap is about 90 KB):
 * screens past `steps` are counted but not listed, a note past `notes` is refused at the kiosk, and a
 * note is cut at `noteChars` characters.
 */
export const EXPERIENCE_LIMITS = {
  steps: 150,
  notes: 40,
  noteChars: 300,
  titleChars: 40,
} as const;

/** How a run ended: the officer ended it, or the session it walked in ended (logout, idle timeout …). */
export const EXPERIENCE_END_REASONS = ['officer', 'logout', 'idle-timeout', 'card-removed', 'completed', 'renderer-start', 'shutdown'] as const;
export type ExperienceEndReason = (typeof EXPERIENCE_END_REASONS)[number];
