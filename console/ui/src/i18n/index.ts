import { createI18n } from 'vue-i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = typeof zhCN;

const saved = (): Locale => {
  const v = localStorage.getItem('console.locale');
  return v === 'en' || v === 'zh-CN' ? v : 'zh-CN';
};

/** zh-CN is the source of truth; en carries the same keys (a unit test checks). */
export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: saved(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

export function setLocale(l: Locale): void {
  i18n.global.locale.value = l;
  localStorage.setItem('console.locale', l);
  document.documentElement.lang = l;
}
document.documentElement.lang = saved();

/** Times as the halls live them (China Standard Time), in the UI's language. */
export const formatTime = (iso: string | null, locale: string): string =>
  iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso)) : '—';
