import { useI18n } from 'vue-i18n';
import type { LocalText } from '../../../../contract';
import { contentText } from '../../i18n/content-text';

/**
 * Content texts come in zh-CN with an optional English rendering. Returns the text for the current
 * locale and the `lang` to mark it with (a missing English text shows the Chinese, marked zh-CN; in a
 * template, <ContentText> also badges it "Chinese only").
 */
export function useLocalText() {
  const { locale } = useI18n();
  const text = (t: LocalText | undefined | null): string => contentText(t, locale.value).text;
  const lang = (t: LocalText | undefined | null): 'en' | 'zh-CN' => (t ? contentText(t, locale.value).lang : 'zh-CN');
  return { text, lang };
}
