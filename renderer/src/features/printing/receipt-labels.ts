import en from '../../i18n/locales/en/receipt.json';
import zh from '../../i18n/locales/zh-CN/receipt.json';

/** The session's language as a receipt cares about it. */
export type ReceiptLang = 'zh-CN' | 'en';
export type ReceiptLabelKey = keyof typeof zh.receiptLabel;

export const receiptLang = (locale: string): ReceiptLang => (locale === 'en' ? 'en' : 'zh-CN');

/**
 * A receipt label for the session: the paper is the hall's record, so the Chinese always comes first
 * (staff read it); an English session gets its English after it ("办件编号 Case number"). Values are
 * never translated: numbers, dates and names stay as the platform gave them.
 */
export const bilingual = (zhText: string, enText: string | null | undefined, lang: ReceiptLang): string =>
  lang === 'en' && enText && enText !== zhText ? `${zhText} ${enText}` : zhText;

/** A label of the receipts built from content (受理回执, 暂存凭条, 一次性告知单). */
export const receiptLabel = (key: ReceiptLabelKey, lang: ReceiptLang): string => bilingual(zh.receiptLabel[key], en.receiptLabel[key], lang);

/** A "label：value" line (footer, phone): Chinese punctuation for a Chinese label, ": " after an English one. */
export const receiptLine = (key: ReceiptLabelKey, value: string, lang: ReceiptLang): string =>
  lang === 'en' ? `${receiptLabel(key, lang)}: ${value}` : `${zh.receiptLabel[key]}：${value}`;
