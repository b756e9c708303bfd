import { chinaToday } from '../../../kernel/china-date';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  checkMobile,

  creditCodeCheckChar,
  ID_WEIGHTS,
  idCheckChar,
  isContactPhone,
  normalizeIdNumber,
  orgCodeCheckChar,
  upgradeLegacyIdNumber,
  USCC_CHARSET,
  USCC_WEIGHTS,
  validateCreditCode,
  validateIdNumber,
  validateMobile,
} from '../../../kernel/identifiers';

const today = '2026-11-25';
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'OK' : r.code);

/** Builds a valid ID number from a 17-digit body. */
const withCheck = (body: string) => body + idCheckChar(body);

describe('resident ID numbers (GB 11643)', () => {
  it('derives the weight table from 2^(18-i) mod 11', () => {
    expect([...ID_WEIGHTS]).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  });

  it('accepts the worked examples of the standard, incl. a person born in 1880', () => {
    const a = validateIdNumber('11010519491231002X', { today });
    expect(a).toMatchObject({ ok: true, value: { birthDate: '1949-12-31', sex: 'F', age: 76 } });
    const b = validateIdNumber('440524188001010014', { today });
    expect(b).toMatchObject({ ok: true, value: { birthDate: '1880-01-01', sex: 'M' } });
  });

  it.each([
    ['', 'ID_EMPTY'],
    ['44010619870523123', 'ID_LENGTH'],
    ['4401061987052312311', 'ID_LENGTH'],
    ['440106870523123', 'ID_LEGACY_15'],
    ['4401061987O5231231', 'ID_CHARSET'],
    ['11010519491231002Y', 'ID_CHARSET'],
    ['4401061990X3071231', 'ID_CHARSET'],
    ['440106-99003071231', 'ID_CHARSET'],
    [withCheck('99010119900101123'), 'ID_DIVISION'],
    [withCheck('44010619990230123'), 'ID_DATE'],
    [withCheck('44010620230229123'), 'ID_DATE'],
    [withCheck('44010619000229123'), 'ID_DATE'],
    [withCheck('44010619901301123'), 'ID_DATE'],
    [withCheck('44010620300101123'), 'ID_FUTURE'],
    ['440106199003071232', 'ID_CHECK'],
  ])('rejects %s with %s', (input, expected) => {
    expect(code(validateIdNumber(input, { today }))).toBe(expected);
  });

  it('accepts a leap day of a leap century (2000-02-29) and the day itself as birth date', () => {
    expect(validateIdNumber(withCheck('44060520000229123'), { today }).ok).toBe(true);
    expect(validateIdNumber(withCheck('44060520261125123'), { today }).ok).toBe(true);
    expect(code(validateIdNumber(withCheck('44060520261126123'), { today }))).toBe('ID_FUTURE');
  });

  it('names the length the user typed in both languages', () => {
    const r = validateIdNumber('44010619870523123', { today });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.zh).toBe('身份证号码应为18位，您输入了17位');
      expect(r.message.en).toContain('you entered 17');
    }
  });

  it('explains a 15-digit number and suggests its 18-digit form', () => {
    const r = validateIdNumber('440106870523123', { today });
    expect(r).toMatchObject({ ok: false, code: 'ID_LEGACY_15', suggestion: '440106198705231231' });
    expect(upgradeLegacyIdNumber('440106870230123')).toBeNull();
    expect(code(validateIdNumber('440106870230123', { today }))).toBe('ID_DATE');
  });

  it('normalises full-width digits, whitespace and a lower-case x, but not letters O or hyphens', () => {
    expect(validateIdNumber('11010519491231002x', { today }).ok).toBe(false);
    expect(checkIdNumber('11010519491231002x', { today }).ok).toBe(true);
    expect(checkIdNumber('４４０１０６１９９００３０７１２３１', { today }).ok).toBe(true);
    expect(checkIdNumber(' 440106 19900307 1231\n', { today }).ok).toBe(true);
    expect(checkIdNumber('440106\u30001990030712 31\t', { today }).ok).toBe(true);
    expect(normalizeIdNumber('4401-06')).toBe('4401-06');
    expect(code(checkIdNumber('4401061987O5231231', { today }))).toBe('ID_CHARSET');
  });

  it('computes "today" in China time', () => {
    expect(chinaToday(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(chinaToday(new Date('2026-11-24T15:59:00Z'))).toBe('2026-11-24');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('derives the weight table from 3^(i-1) mod 31', () => {
    expect([...USCC_WEIGHTS]).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect(USCC_CHARSET).toHaveLength(31);
  });

  it('accepts the worked example and rejects its invalid twin', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateCreditCode('91350100M000100Y43')).toMatchObject({
      ok: true,
      value: { authority: '市场监管', organisationType: '企业', divisionCode: '350100', warnings: [] },
    });
    expect(code(validateCreditCode('91350100M000100Y4Z'))).toBe('USCC_FORBIDDEN_LETTER');
    expect(code(validateCreditCode('91350100M000100Y44'))).toBe('USCC_CHECK');
  });

  it('computes the GB 11714 organisation-code check character', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(orgCodeCheckChar('MA1FL0LY')).toBe('9');
  });

  it.each([
    ['', 'USCC_EMPTY'],
    ['440106000123456', 'USCC_LEGACY_REGNO'],
    ['D2143569X', 'USCC_LENGTH'],
    ['91440605MA4UXXXXXXX', 'USCC_LENGTH'],
    ['91440605MA4UIJ0T3E', 'USCC_FORBIDDEN_LETTER'],
    ['91440605MA4U-J0T3E', 'USCC_CHARSET'],
    ['91440605ma4uxj0t3e', 'USCC_CHARSET'],
    ['9144O605MA4UXJ0T3E', 'USCC_FORBIDDEN_LETTER'],
    ['9144A605MA4UXJ0T3E', 'USCC_DIVISION'],
  ])('rejects %s with %s', (input, expected) => {
    expect(code(validateCreditCode(input))).toBe(expected);
  });

  it('accepts a lower-case, spaced code after normalisation and warns (not blocks) on odd types', () => {
    const body = '91440605MA4UXJ0T3';
    const full = body + creditCodeCheckChar(body);
    expect(checkCreditCode(` ${full.toLowerCase()} `).ok).toBe(true);
    const oddBody = '99440605MA4UXJ0T3';
    const odd = validateCreditCode(oddBody + creditCodeCheckChar(oddBody));
    expect(odd).toMatchObject({ ok: true });
    if (odd.ok) expect(odd.value.warnings).toContain('USCC_UNKNOWN_TYPE');
  });

  it('gives a bilingual message naming the typed length', () => {
    const r = validateCreditCode('D2143569X');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toEqual({ zh: '统一社会信用代码应为18位，您输入了9位', en: 'The code must have 18 characters; you entered 9' });
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13800138000', 'OK'],
    ['+86 138 0013 8000', 'OK'],
    ['0086-13800138000', 'OK'],
    ['8613800138000', 'OK'],
    ['１９９１２３４５６７８', 'OK'],
    ['', 'MOBILE_EMPTY'],
    ['1380013800', 'MOBILE_LENGTH'],
    ['12345', 'MOBILE_LENGTH'],
    ['12800138000', 'MOBILE_FORMAT'],
    ['1380013800A', 'MOBILE_FORMAT'],
  ])('%s → %s', (input, expected) => {
    expect(code(checkMobile(input))).toBe(expected);
  });

  it('is strict on raw input and tells landlines apart', () => {
    expect(validateMobile('138 0013 8000').ok).toBe(false);
    expect(isContactPhone('0757-86281234')).toBe(true);
    expect(isContactPhone('95588')).toBe(false);
  });
});
