import { describe, expect, it } from 'vitest';
import { COMMON_FORM_WORDS } from '../../../renderer/src/keyboard/common-words';
import { PinyinIme } from '../../../renderer/src/keyboard/pinyin-ime';
import { CHARS_BY_SYLLABLE } from '../../../renderer/src/keyboard/syllables';

const makeIme = (): PinyinIme => {
  const ime = new PinyinIme(CHARS_BY_SYLLABLE);
  ime.addPhrases(['社会保险登记', '社保', '食品经营许可', '会计', '营业执照', '企业名称变更登记'], 10);
  ime.addPhrases(COMMON_FORM_WORDS, 1);
  return ime;
};
const texts = (ime: PinyinIme, buffer: string): string[] => ime.candidates(buffer).map((c) => c.text);

describe('pinyin input method of the on-screen keyboard', () => {
  it('offers a content phrase for its full spelling before single characters', () => {
    const got = texts(makeIme(), 'shebao');
    expect(got[0]).toBe('社保');
    expect(got).toContain('社'); // single characters of the first syllable still follow
    expect(got.indexOf('社保')).toBeLessThan(got.indexOf('社'));
  });

  it('offers phrases by their initials', () => {
    expect(texts(makeIme(), 'yyzz')[0]).toBe('营业执照');
    expect(texts(makeIme(), 'spjyxk')[0]).toBe('食品经营许可');
  });

  it('spells polyphonic domain words the way they are said (会计 is kuaiji)', () => {
    expect(texts(makeIme(), 'kuaiji')[0]).toBe('会计');
    expect(texts(makeIme(), 'huiji')).not.toContain('会计');
  });

  it('ranks content phrases before common words, and common words before rare characters', () => {
    const ime = makeIme();
    const got = texts(ime, 'nanhai');
    expect(got[0]).toBe('南海区');
    const fo = texts(ime, 'foshan');
    expect(fo[0]).toBe('佛山市');
  });

  it('consumes only the first syllable when a single character is picked', () => {
    const ime = makeIme();
    const c = ime.candidates('zhangsan').find((x) => x.text === '张');
    expect(c?.consumes).toBe('zhang'.length);
  });

  it('ignores what is not a letter and offers nothing for an empty buffer', () => {
    expect(makeIme().candidates('')).toEqual([]);
    expect(texts(makeIme(), "she'bao")[0]).toBe('社保');
  });
});
