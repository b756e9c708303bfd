import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Duration, LocalText } from '../../../../contract';

/** Content text in the display language (zh-CN is always there; en when the content has it). */
export function useContentText() {
  const { t, locale } = useI18n();
  const isEn = computed(() => locale.value === 'en');
  const text = (l: LocalText | undefined | null): string => (!l ? '' : isEn.value && l.en ? l.en : l.zh);
  /** `lang` for an element showing content text: zh-CN when English was wanted but is missing. */
  const lang = (l: LocalText | undefined | null): string => (isEn.value && l?.en ? 'en' : 'zh-CN');
  const duration = (d: Duration): string => (d.unit === 'on_the_spot' ? t('journey.duration.on_the_spot') : t(`journey.duration.${d.unit}`, { n: d.value }));
  return { text, lang, duration };
}
