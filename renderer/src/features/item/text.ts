import { useI18n } from 'vue-i18n';
import type { Duration, LocalText } from '../../../../contract';
import { contentText } from '../../i18n/content-text';

/** Content text in the display language (zh-CN is always there; en when the content has it; see <ContentText> for the mark). */
export function useContentText() {
  const { t, locale } = useI18n();
  const text = (l: LocalText | undefined | null): string => contentText(l, locale.value).text;
  /** `lang` for an element showing content text: zh-CN when English was wanted but is missing. */
  const lang = (l: LocalText | undefined | null): string => (l ? contentText(l, locale.value).lang : 'zh-CN');
  const duration = (d: Duration): string => (d.unit === 'on_the_spot' ? t('journey.duration.on_the_spot') : t(`journey.duration.${d.unit}`, { n: d.value }));
  return { text, lang, duration };
}
