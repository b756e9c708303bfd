import { useI18n } from 'vue-i18n';
import type { LocalText } from '../../../../contract';

/**
 * Content texts come in zh-CN with an optional English rendering. Returns the text for the current
 * locale and the `lang` to mark it with (a missing English text shows the Chinese, marked zh-CN).
 */
export function useLocalText() {
  const { locale } = useI18n();
  const text = (t: LocalText | undefined | null): string => (t ? (locale.value === 'en' && t.en ? t.en : t.zh) : '');
  const lang = (t: LocalText | undefined | null): 'en' | 'zh-CN' => (locale.value === 'en' && t?.en ? 'en' : 'zh-CN');
  return { text, lang };
}
