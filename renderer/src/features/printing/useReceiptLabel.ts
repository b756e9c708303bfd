import { useI18n } from 'vue-i18n';
import { bilingual, receiptLang, type ReceiptLang } from './receipt-labels';

/**
 * For receipts worded from the UI's own texts (取号凭条, 预约凭条): `label(key)` is the Chinese, and in
 * an English session the Chinese then the English, as on the content receipts; `lang()` is the
 * session's receipt language, for the builders that take it.
 */
export function useReceiptLabel(): { label: (key: string) => string; lang: () => ReceiptLang } {
  const { t, locale } = useI18n();
  const lang = (): ReceiptLang => receiptLang(locale.value);
  const label = (key: string): string => bilingual(t(key, {}, { locale: 'zh-CN' }), t(key, {}, { locale: 'en' }), lang());
  return { label, lang };
}
