// A CommonJS package whose named exports Node cannot see: its default export is the module.
import chineseDays from 'chinese-days';
import type { OpeningHours } from '../../shared/api';

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the hall serves people on this China date (YYYY-MM-DD): official working days, or every day. */
const opensOn = (opening: OpeningHours, date: string): boolean => opening.schedule === 'daily' || chineseDays.isWorkday(date);

/** Whether the hall is open at this instant (China Standard Time). */
export function isOpen(opening: OpeningHours, at: number): boolean {
  const local = new Date(at + CHINA_OFFSET_MS);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return opensOn(opening, local.toISOString().slice(0, 10)) && minutes >= minutesOf(opening.open) && minutes < minutesOf(opening.close);
}

/**
 * When a notification raised at `at` may be sent: at once while the hall is open, otherwise when it
 * next opens (holidays and 调休 working weekends follow the official calendar). Quiet hours keep
 * the on-call phone silent at night; the console shows the alert meanwhile.
 */
export function nextOpening(opening: OpeningHours, at: number): number {
  if (isOpen(opening, at)) return at;
  const local = at + CHINA_OFFSET_MS;
  const dayStart = local - (local % DAY_MS);
  for (let d = 0; d <= 60; d++) {
    const start = dayStart + d * DAY_MS;
    const date = new Date(start).toISOString().slice(0, 10);
    const openAt = start + minutesOf(opening.open) * 60_000 - CHINA_OFFSET_MS;
    if (opensOn(opening, date) && openAt > at) return openAt;
  }
  return at; // a hall that never opens would hold alerts for ever: send them instead
}
