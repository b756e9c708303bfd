import { fail, ok } from '../../contract';
import { SPEECH_MAX_WAV_BYTES, type SpeechLang, type speechApi } from '../../contract/api/speech';
import type { AreaDeps, ServiceArea } from '../area';
import { synthesize } from './espeak';

const VOICES: Record<SpeechLang, string> = { 'zh-CN': 'cmn', en: 'en' };

/**
 * Builds the speech area: the spoken read-out (适老化) for systems whose browser has no voice for the
 * language. `KIOSK_ESPEAK` overrides the binary (tests point it at a missing one).
 */
export function createSpeechArea(deps: AreaDeps): ServiceArea<typeof speechApi> {
  const binary = deps.config.speech.espeak;
  const timeoutMs = deps.config.speech.timeoutMs;
  // One synthesis at a time: a kiosk has one listener, and espeak-ng is CPU-bound on 2 cores.
  let queue: Promise<unknown> = Promise.resolve();

  return {
    handlers: {
      'speech.speak': ({ text, lang }) => {
        const run = queue.then(async () => {
          const started = Date.now();
          const r = await synthesize(text, { binary, voice: VOICES[lang], wordsPerMinute: 150, timeoutMs, maxBytes: SPEECH_MAX_WAV_BYTES });
          if (!r.ok) {
            // Never the text itself: it may hold what the screen showed about the person.
            deps.log.warn('speech synthesis failed', { kind: r.failure.kind, detail: r.failure.detail, chars: text.length });
            if (r.failure.kind === 'missing') {
              return fail('unavailable', 'espeak-ng is not installed on this kiosk', { messageKey: 'services.speech.unavailable' });
            }
            return fail(r.failure.kind === 'too-large' ? 'rejected' : 'unavailable', `speech synthesis failed (${r.failure.kind})`, {
              messageKey: 'services.speech.failed',
            });
          }
          deps.log.debug('speech synthesised', { lang, chars: text.length, bytes: r.wav.length, ms: Date.now() - started });
          return ok({ mimeType: 'audio/wav' as const, audioBase64: r.wav.toString('base64'), bytes: r.wav.length });
        });
        queue = run.catch(() => undefined);
        return run;
      },
    },
  };
}
