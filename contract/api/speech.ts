import { z } from 'zod';
import { method } from './define';

/** Longest text one call may speak: a screen's heading and main text, not a whole guide. */
export const SPEECH_MAX_CHARS = 600;
/** Largest WAV the service returns (≈ 2 minutes of 22 kHz 16-bit mono speech). */
export const SPEECH_MAX_WAV_BYTES = 6 * 1024 * 1024;

export const speechLang = z.enum(['zh-CN', 'en']);
export type SpeechLang = z.infer<typeof speechLang>;

/** Bridge methods of the speech area (spoken read-out when the system has no voice). */
export const speechApi = {
  /** Speaks `text` (espeak-ng on the services side) and returns the audio as a WAV in base64. */
  'speech.speak': method(
    z.object({ text: z.string().trim().min(1).max(SPEECH_MAX_CHARS), lang: speechLang }).strict(),
    z.object({
      mimeType: z.literal('audio/wav'),
      audioBase64: z.string().max(Math.ceil(SPEECH_MAX_WAV_BYTES / 3) * 4),
      bytes: z.number().int().positive(),
    }),
  ),
};
