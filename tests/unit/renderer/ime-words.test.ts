import { describe, expect, it } from 'vitest';
import { COMMON_FORM_WORDS } from '../../../renderer/src/keyboard/common-words';
import { entryValue, formatDateDigits, withoutLast } from '../../../renderer/src/keyboard/field-entry';
import { PinyinIme } from '../../../renderer/src/keyboard/pinyin-ime';
import { CHARS_BY_SYLLABLE } from '../../../renderer/src/keyboard/syllables';
import { IME_WORDS } from '../../../renderer/src/keyboard/words.generated';

/** The keyboard as the kiosk builds it: content phrases, the form words, and the shipped word list. */
const ime = new PinyinIme(CHARS_BY_SYLLABLE);
ime.addPhrases(['粤味轩餐饮管理有限公司', '企业名称变更登记', '变更登记'], 10);
ime.addPhrases(COMMON_FORM_WORDS, 1);
ime.addWordList(IME_WORDS);
const texts = (buffer: string): string[] => ime.candidates(buffer).map((c) => c.text);

describe('pinyin IME with a word list', () => {
  it('offers 公司, 饭店, 变更, 登记, 南海 as words, first for their full spelling', () => {
    for (const [spelling, word] of [['gongsi', '公司'], ['fandian', '饭店'], ['biangeng', '变更'], ['dengji', '登记'], ['nanhai', '南海']] as const) {
      expect(texts(spelling)[0], spelling).toBe(word);
    }
  });

  it('offers words by initials and by a spelling that passes the first syllable, ranked by frequency', () => {
    expect(texts('gs').slice(0, 5)).toContain('公司');
    expect(texts('gongs')[0]).toBe('公司');
    expect(texts('fand')).toContain('饭店');
  });

  it('leaves a single syllable to its characters: general words do not crowd 室 out of "shi"', () => {
    const got = texts('shi');
    expect(got.indexOf('室')).toBeGreaterThanOrEqual(0);
    expect(got.indexOf('室')).toBeLessThan(12);
    expect(got).not.toContain('时间');
  });

  it('reads a whole syllable as that syllable: "wang" offers 王 first, not 万公顷 spelled wan-g…; "fang" 方, not 反革命', () => {
    expect(texts('wang')[0]).toBe('王');
    expect(texts('wang')).not.toContain('万公顷');
    expect(texts('fang')[0]).toBe('方');
    expect(texts('fang')).not.toContain('反革命');
    // Past the syllable the words come back: wangf → 王府….
    expect(texts('gongs')[0]).toBe('公司');
  });

  it('predicts what follows a pick: 公 → 司, 变更 → 登记', () => {
    expect(ime.predictions('公').map((c) => c.text)).toContain('司');
    expect(ime.predictions('变更').map((c) => c.text)[0]).toBe('登记');
    expect(ime.predictions('变更').every((c) => c.consumes === 0)).toBe(true);
  });
});

describe('field entry by input kind', () => {
  it('formats a date as YYYY-MM-DD while digits are typed, and backspace takes a digit', () => {
    expect(formatDateDigits('2024')).toBe('2024');
    expect(formatDateDigits('20240')).toBe('2024-0');
    expect(formatDateDigits('2024031')).toBe('2024-03-1');
    expect(formatDateDigits('2024-03-155')).toBe('2024-03-15');
    expect(entryValue('date', '2024-03' + '1')).toBe('2024-03-1');
    expect(withoutLast('date', '2024-03-1')).toBe('2024-03');
    expect(withoutLast('date', '2024-0')).toBe('2024');
  });

  it('keeps codes uppercase, digits digits, money one point', () => {
    expect(entryValue('code', 'jy 2440')).toBe('JY2440');
    expect(entryValue('digits', '138-0013')).toBe('1380013');
    expect(entryValue('money', '12.5.0')).toBe('12.50');
    expect(entryValue('pinyin', 'abc 南海')).toBe('abc 南海');
  });
});
