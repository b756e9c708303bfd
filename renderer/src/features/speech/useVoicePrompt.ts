import { useI18n } from 'vue-i18n';
import { registerSessionReset } from '../../stores/session';
import { useKioskStore } from '../../stores/kiosk';
import { usePreferencesStore } from '../../stores/preferences';
import { useReadAloud } from './useReadAloud';

/** Moments when the person's hands and eyes are on a device, not on the screen. */
export type VoicePrompt = 'placeCard' | 'takeReceipt';

/** Said once per visit; the others each time (every receipt is paper to take). */
const ONCE: ReadonlySet<VoicePrompt> = new Set(['placeCard']);
const spoken = new Set<VoicePrompt>();
registerSessionReset(() => spoken.clear());

/**
 * Says a prompt aloud (an older person looking for the reader or the printer slot is
 * not reading the screen), in the screen's language, unless the hall turned spoken prompts off.
 */
export function useVoicePrompt(): (prompt: VoicePrompt) => void {
  const { t } = useI18n();
  const kiosk = useKioskStore();
  const prefs = usePreferencesStore();
  const speech = useReadAloud();
  return (prompt) => {
    if (kiosk.info?.voicePrompts === false || (ONCE.has(prompt) && spoken.has(prompt))) return;
    // Something already being read out is not cut short by a prompt.
    if (speech.state.value === 'speaking' || speech.state.value === 'preparing') return;
    spoken.add(prompt);
    void speech.read(prefs.locale, { text: t(`voicePrompts.${prompt}`), prompt });
  };
}
