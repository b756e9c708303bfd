import { describe, expect, it } from 'vitest';
import { COMMON_FORM_WORDS } from '../../../renderer/src/keyboard/common-words';
import { pagesThatFit } from '../../../renderer/src/keyboard/candidate-pages';
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

  it('offers every character of a syllable, with no cut-off: 室 (for "101室") by "shi", near the front', () => {
    const ime = makeIme();
    const all = texts(ime, 'shi');
    for (const ch of CHARS_BY_SYLLABLE.shi!.split(' ').filter(Boolean)) expect(all).toContain(ch);
    expect(new Set(all).size).toBe(all.length);
    // 室 is a common word in addresses: before the general-frequency characters, on the first page.
    expect(all.indexOf('室')).toBeLessThan(all.indexOf('是'));
    expect(all.indexOf('室')).toBeLessThan(5);
    expect(ime.candidates('shi').find((c) => c.text === '室')?.consumes).toBe(3);
  });

  it('reaches rare name characters the old 16-candidate bar cut off (琪, 玮, 禾)', () => {
    const ime = makeIme();
    for (const [spelling, ch] of [['qi', '琪'], ['wei', '玮'], ['he', '禾']] as const) {
      expect(ime.candidates(spelling, 16).map((c) => c.text)).not.toContain(ch);
      expect(texts(ime, spelling)).toContain(ch);
    }
  });
});

describe('pages of the candidate bar', () => {
  const flatten = (pages: { start: number; end: number }[]): number[] => pages.flatMap((p) => Array.from({ length: p.end - p.start }, (_, i) => p.start + i));

  it('puts every candidate on exactly one page, in order, each page fitting its row', () => {
    const widths = texts(makeIme(), 'shi').map((t) => 60 + 20 * (t.length - 1));
    for (const room of [300, 520, 964, 1700]) {
      const pages = pagesThatFit(widths, room, 8);
      expect(flatten(pages)).toEqual(widths.map((_, i) => i));
      for (const p of pages) {
        const used = widths.slice(p.start, p.end).reduce((a, w) => a + w, 0) + 8 * (p.end - p.start - 1);
        expect(used).toBeLessThanOrEqual(room);
        expect(p.end - p.start).toBeLessThanOrEqual(10);
      }
    }
  });

  it('fills a page before starting the next one, and gives a too-wide candidate a page of its own', () => {
    expect(pagesThatFit([60, 60, 60, 60], 130, 10)).toEqual([{ start: 0, end: 2 }, { start: 2, end: 4 }]);
    expect(pagesThatFit([60, 500, 60], 200, 10)).toEqual([{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 3 }]);
    expect(pagesThatFit([], 500, 10)).toEqual([]);
  });
});
