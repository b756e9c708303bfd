/**
 * What can be wrong with a kiosk, and how bad it is. A problem code is `<kind>` or `<kind>:<subject>`
 * (`device-disconnected:printer`); every problem is an alert while it lasts.
 */
export const PROBLEM_KINDS = [
  'offline',
  'not-ready',
  'paper-out',
  'printer-fault',
  'device-disconnected',
  'content-expired',
  'paper-near-end',
  'dead-letters',
  'content-expiring',
  'clock-skew',
  'update-failed',
  'awaiting-first-beat',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const HEALTHS = ['green', 'amber', 'red'] as const;
export type Health = (typeof HEALTHS)[number];

const RED: ReadonlySet<ProblemKind> = new Set(['offline', 'not-ready', 'paper-out', 'printer-fault', 'device-disconnected', 'content-expired']);

export const problemKind = (code: string): ProblemKind => code.split(':')[0] as ProblemKind;
export const problemSubject = (code: string): string | null => code.split(':')[1] ?? null;
export const severityOf = (code: string): 'red' | 'amber' => (RED.has(problemKind(code)) ? 'red' : 'amber');

/** Red when anything red is wrong, amber for the rest, green when nothing is. */
export const healthOf = (problems: readonly string[]): Health =>
  problems.some((p) => severityOf(p) === 'red') ? 'red' : problems.length > 0 ? 'amber' : 'green';

/** Red first: the order of the kiosk list (and the rank stored beside each kiosk for keyset paging). */
export const HEALTH_RANK: Readonly<Record<Health, number>> = { red: 0, amber: 1, green: 2 };
