import type { OutboxFailure } from '../../../../contract/api/platform';

/**
 * Refusal codes of POST /v1/applications that have words of their own (platform-sim/README.md);
 * any other code reads as a refusal without a stated reason, and the code is shown for the staff.
 */
const WORDED = new Set(['enterprise-not-active', 'unknown-certificate', 'invalid-credit-code', 'invalid-application']);

/** The i18n key saying, in words, why the platform did not take the application. */
export function refusalReasonKey(failure: OutboxFailure): string {
  if (failure.reason === 'gave-up') return 'journey.refusal.reason.not-sent';
  return `journey.refusal.reason.${failure.code && WORDED.has(failure.code) ? failure.code : 'other'}`;
}
