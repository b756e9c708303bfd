import type { LocalText } from '../../../contract';

/** A content text as shown in a display language. */
export interface ShownText {
  readonly text: string;
  /** The language of `text`, for the element's `lang` (so read-aloud and screen readers pronounce it right). */
  readonly lang: 'en' | 'zh-CN';
  /** English was wanted but the content has none: the Chinese is shown and must say so. */
  readonly zhOnly: boolean;
}

/**
 * The one place that picks a content text's language: zh-CN is always there, English when the content
 * has it. A missing English text falls back to the Chinese, flagged `zhOnly` so the screen can mark it
 * instead of passing Chinese off as a translation.
 */
export function contentText(l: LocalText | null | undefined, locale: string): ShownText {
  if (!l) return { text: '', lang: locale === 'en' ? 'en' : 'zh-CN', zhOnly: false };
  if (locale !== 'en') return { text: l.zh, lang: 'zh-CN', zhOnly: false };
  if (l.en) return { text: l.en, lang: 'en', zhOnly: false };
  return { text: l.zh, lang: 'zh-CN', zhOnly: l.zh.trim() !== '' };
}
