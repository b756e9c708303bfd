/** Dates as the platform and the hall count them: China Standard Time (UTC+8, no daylight saving). */

const CHINA_OFFSET_MS = 8 * 3600_000;

/** Today's date (YYYY-MM-DD) in China Standard Time, whatever the machine's time zone. */
export const chinaToday = (now: Date | number = Date.now()): string =>
  new Date((typeof now === 'number' ? now : now.getTime()) + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
export const daysInMonth = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real Gregorian date, else null. */
export const calendarDate = (yyyymmdd: string): string | null => {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
};

/** The date `days` after an ISO date (negative: before). */
export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
