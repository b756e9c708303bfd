import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';
import { i18n, type Locale } from '../i18n';

/**
 * Display preferences of the person at the kiosk. They belong to the visit: a session end resets them,
 * so the next person does not inherit large text or English.
 */
export const usePreferencesStore = defineStore('preferences', () => {
  const locale = ref<Locale>('zh-CN');
  const largeFont = ref(false);
  const highContrast = ref(false);

  watchEffect(() => {
    i18n.global.locale.value = locale.value;
    const root = document.documentElement;
    root.lang = locale.value;
    root.classList.toggle('large-font', largeFont.value);
    root.classList.toggle('high-contrast', highContrast.value);
  });

  const toggleLocale = (): void => {
    locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  };
  /** Changed preferences are part of the visit: the idle countdown runs until they are reset. */
  const isDefault = computed(() => locale.value === 'zh-CN' && !largeFont.value && !highContrast.value);
  const reset = (): void => {
    locale.value = 'zh-CN';
    largeFont.value = false;
    highContrast.value = false;
  };
  return { locale, largeFont, highContrast, isDefault, toggleLocale, reset };
});
