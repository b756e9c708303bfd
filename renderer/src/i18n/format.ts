import { useI18n } from 'vue-i18n';

/**
 * Dates, times and lists in the UI language, never the browser's: a kiosk's system locale is whatever
 * the image shipped with. English follows British conventions (1 Dec 2026, 16:36), the hall's clock
 * is China Standard Time.
 */
export const intlLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : 'zh-CN');
const HALL_TIME_ZONE = 'Asia/Shanghai';

/** 2026年12月1日 16:36 · 1 Dec 2026, 16:36 */
export function formatDateTime(when: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: HALL_TIME_ZONE,
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(typeof when === 'string' ? new Date(when) : when);
}

/** 2026年12月1日 · 1 Dec 2026; a calendar date (2026-12-01) stays that date in every time zone. */
export function formatDate(when: string | Date, locale: string): string {
  const calendarDay = typeof when === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(when);
  const date = typeof when === 'string' ? new Date(calendarDay ? `${when}T00:00:00Z` : when) : when;
  if (Number.isNaN(date.getTime())) return String(when);
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: calendarDay ? 'UTC' : HALL_TIME_ZONE,
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
  }).format(date);
}

/** 16:36 in the hall's time, whatever the language. */
export function formatTime(when: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: HALL_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    typeof when === 'string' ? new Date(when) : when,
  );
}

/** A plain enumeration: 窗口办理、网上办理 · Window, Online. */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(intlLocale(locale), { type: 'conjunction', style: 'narrow' }).format(items);
}

/** The formatters bound to the current UI language. */
export function useFormat() {
  const { locale } = useI18n();
  return {
    dateTime: (when: string | Date): string => formatDateTime(when, locale.value),
    date: (when: string | Date): string => formatDate(when, locale.value),
    list: (items: readonly string[]): string => formatList(items, locale.value),
  };
}
