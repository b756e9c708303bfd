import { createI18n } from 'vue-i18n';
import type shellZh from './locales/zh-CN/shell.json';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** Messages are merged from every feature file; the shell's file types the common keys. */
export type MessageSchema = typeof shellZh & Record<string, unknown>;

type Module = { default: Record<string, unknown> };

/** Each feature keeps its texts in `locales/<locale>/<feature>.json`; they are merged here. */
const merge = (files: Record<string, Module>): MessageSchema =>
  Object.values(files).reduce((all, f) => ({ ...all, ...f.default }), {}) as MessageSchema;

const zhCN = merge(import.meta.glob<Module>('./locales/zh-CN/*.json', { eager: true }));
const en = merge(import.meta.glob<Module>('./locales/en/*.json', { eager: true }));

/** zh-CN is the source of truth; en must carry the same keys (checked by a unit test). */
export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});
