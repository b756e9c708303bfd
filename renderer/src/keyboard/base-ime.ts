import { COMMON_FORM_WORDS } from './common-words';
import { PinyinIme } from './pinyin-ime';
import { CHARS_BY_SYLLABLE } from './syllables';
import { IME_WORDS } from './words.generated';

let base: PinyinIme | null = null;

/**
 * The words every keyboard starts with (the form words and the shipped word list), parsed once on first
 * use; each keyboard copies it and adds its field's phrases, so nothing of one person's enterprise stays
 * in the IME for the next.
 */
export function baseIme(): PinyinIme {
  if (!base) {
    base = new PinyinIme(CHARS_BY_SYLLABLE);
    base.addPhrases(COMMON_FORM_WORDS, 1);
    base.addWordList(IME_WORDS);
  }
  return base;
}
