import { ref } from 'vue';
import type { SpeechLang } from '../../../../contract/api/speech';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';
import { screenText } from './screen-text';

export type ReadAloudState = 'idle' | 'preparing' | 'speaking' | 'failed';

/** A browser voice for the language, if the system has one (Chromium on Debian usually has none). */
function systemVoice(lang: SpeechLang): SpeechSynthesisVoice | null {
  if (typeof window.speechSynthesis === 'undefined') return null;
  const prefix = lang === 'zh-CN' ? 'zh' : 'en';
  return window.speechSynthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix)) ?? null;
}

const wavBlobUrl = (base64: string): string => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
};

const state = ref<ReadAloudState>('idle');
const via = ref<'system' | 'service' | null>(null);
const audioBytes = ref(0);
const errorKey = ref<string | null>(null);
/** The spoken prompt playing (place the card, take the receipt), or null for a read-out of the screen. */
const prompt = ref<string | null>(null);
let audioUrl: string | null = null;
let audio: HTMLAudioElement | null = null;

const stop = (): void => {
  if (typeof window.speechSynthesis !== 'undefined') window.speechSynthesis.cancel();
  audio?.pause();
  if (audioUrl) URL.revokeObjectURL(audioUrl);
  audioUrl = null;
  if (audio) audio.removeAttribute('src');
  state.value = 'idle';
};
// What was read may be about the person: nothing of it outlives the session.
registerSessionReset(() => {
  stop();
  audioBytes.value = 0;
  via.value = null;
  errorKey.value = null;
  prompt.value = null;
});

/**
 * 适老化 read-out of the current screen: the browser's own voice when the system has one for the
 * language, otherwise the services speak it (espeak-ng) and the WAV plays through an <audio> element
 * from a blob: URL.
 */
export function useReadAloud() {
  const attach = (el: HTMLAudioElement | null): void => {
    audio = el;
    el?.addEventListener('ended', () => {
      if (state.value === 'speaking') state.value = 'idle';
    });
  };

  /**
   * Reads the screen, or `o.text` for a spoken prompt: a prompt that cannot be spoken (no voice on
   * this kiosk) fails quietly, the words are on the screen anyway.
   */
  const read = async (lang: SpeechLang, o: { text: string; prompt: string } | null = null): Promise<void> => {
    stop();
    errorKey.value = null;
    prompt.value = o?.prompt ?? null;
    const text = o?.text ?? screenText();
    if (!text) return;
    const voice = systemVoice(lang);
    if (voice) {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = lang;
      u.rate = 0.9;
      u.onend = () => (state.value = 'idle');
      via.value = 'system';
      state.value = 'speaking';
      window.speechSynthesis.speak(u);
      return;
    }
    state.value = 'preparing';
    via.value = 'service';
    const r = await useBridge().call('speech.speak', { text, lang });
    if (state.value !== 'preparing') return; // stopped meanwhile
    if (!r.ok) {
      errorKey.value = o ? null : (r.error.messageKey ?? 'services.speech.failed');
      state.value = o ? 'idle' : 'failed';
      return;
    }
    audioBytes.value = r.value.bytes;
    audioUrl = wavBlobUrl(r.value.audioBase64);
    if (!audio) {
      state.value = 'failed';
      return;
    }
    audio.src = audioUrl;
    state.value = 'speaking';
    try {
      await audio.play();
    } catch {
      // Autoplay refused or no audio output: the audio is still there to replay.
      state.value = 'idle';
    }
  };
  return { state, via, audioBytes, errorKey, prompt, read, stop, attach };
}
