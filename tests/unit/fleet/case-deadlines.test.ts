import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate, nearFrom, workingDaysBetween } from '../../../console/server/evaluation/working-days';

/** China time as an instant. */
const cst = (s: string): number => Date.parse(`${s}+08:00`);
const iso = (t: number): string => new Date(t).toISOString();

/**
 * The ledger's deadlines in working days of the official calendar (chinese-days): around National
 * Day 2026 (1–7 October off, Saturday 10 October a 调休 working day) and an ordinary week.
 */
describe('working-day deadlines', () => {
  it('skips the National Day holiday and counts the 调休 Saturday', () => {
    // Opened on Wednesday 30 September: 8, 9, 10 (Saturday, worked), 12, 13 October.
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 5))).toBe(iso(cst('2026-10-14T00:00:00')));
    expect(iso(addWorkingDays(cst('2026-09-30T10:00:00'), 3))).toBe(iso(cst('2026-10-11T00:00:00')));
    // 15 working days (a complaint): 8–10, 12–16, 19–23, 26, 27 October.
    expect(iso(addWorkingDays(cst('2026-09-30T23:30:00'), 15))).toBe(iso(cst('2026-10-28T00:00:00')));
  });

  it('counts an ordinary week without weekends, and the opening day is not counted', () => {
    // Friday 4 December 2026: Monday 7 … Friday 11.
    expect(iso(addWorkingDays(cst('2026-12-04T16:00:00'), 5))).toBe(iso(cst('2026-12-12T00:00:00')));
    // Late at night UTC is already the next China day.
    expect(chinaDate(Date.parse('2026-12-04T17:00:00Z'))).toBe('2026-12-05');
    expect(iso(addWorkingDays(cst('2026-12-05T01:00:00'), 1))).toBe(iso(cst('2026-12-08T00:00:00')));
  });

  it('is near from the start of the last working day(s) before the deadline, holidays skipped', () => {
    const due = cst('2026-10-14T00:00:00');
    expect(iso(nearFrom(due, 1))).toBe(iso(cst('2026-10-13T00:00:00')));
    // Two working days back: 12 October (Sunday 11 is not one).
    expect(iso(nearFrom(due, 2))).toBe(iso(cst('2026-10-12T00:00:00')));
    expect(iso(nearFrom(due, 3))).toBe(iso(cst('2026-10-10T00:00:00')));
    // A deadline just after the holiday: the last working day before it is 30 September.
    expect(iso(nearFrom(cst('2026-10-08T00:00:00'), 1))).toBe(iso(cst('2026-09-30T00:00:00')));
  });

  it('counts the working days a case took', () => {
    expect(workingDaysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-13T12:00:00'))).toBe(5);
    expect(workingDaysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-07T12:00:00'))).toBe(0);
  });
});
