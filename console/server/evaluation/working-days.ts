// A CommonJS package whose named exports Node cannot see: its default export is the module.
import chineseDays from 'chinese-days';

/**
 * Deadlines counted in working days of China's official calendar: public holidays are not counted and
 * 调休 make-up weekends are (chinese-days carries the State Council's notices; a year it lacks falls back
 * to plain weekends). Days are China dates (UTC+8, no daylight saving).
 */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The China date of an instant, as YYYY-MM-DD. */
export const chinaDate = (at: number): string => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** Midnight (China time) that begins the China day containing `at`. */
const dayStart = (at: number): number => {
  const local = at + CHINA_OFFSET_MS;
  return local - (local % DAY_MS) - CHINA_OFFSET_MS;
};

export const isWorkingDay = (date: string): boolean => chineseDays.isWorkday(date);

/**
 * The end of the `days`-th working day after the day of `from` (the day a case opens is not counted,
 * as 自受理之日起 reads): midnight China time that ends it. 0 days: the end of the opening day.
 */
export function addWorkingDays(from: number, days: number): number {
  let t = dayStart(from);
  for (let counted = 0; counted < days; ) {
    t += DAY_MS;
    if (isWorkingDay(chinaDate(t))) counted++;
  }
  return t + DAY_MS;
}

/**
 * When a deadline becomes "near": the start of the `days`-th working day before it, counting the
 * deadline's own day (1: from the start of the last working day).
 */
export function nearFrom(deadline: number, days: number): number {
  let t = deadline - DAY_MS;
  for (let counted = 0, guard = 0; guard < 400; guard++, t -= DAY_MS) {
    if (isWorkingDay(chinaDate(t)) && ++counted >= days) return t;
  }
  return t;
}

/** Working days from the day after `from` up to and including the day of `to` (for reports). */
export function workingDaysBetween(from: number, to: number): number {
  let n = 0;
  for (let t = dayStart(from) + DAY_MS; t <= to; t += DAY_MS) if (isWorkingDay(chinaDate(t))) n++;
  return n;
}
