import { describe, expect, it } from 'vitest';
import { hasValidIdCheckChar as isValidIdNumber } from '../../../kernel/identifiers';
import { NATIONS } from '../../../hardware/protocols/idcard/nations';
import { decodeTextBlock, encodeResidentBlock, isExpired, putField } from '../../../hardware/protocols/idcard/text-block';
import { SAMPLE_CARDS, SAMPLE_ID_NUMBERS } from '../../../hardware/testing/simulators/sample-cards';

describe('ID number check (GB 11643)', () => {
  it('accepts the standard worked examples and rejects a wrong check character', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('440524188001010015')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });
  it('gives every sample card a valid number with a Nanhai (440605) or HK (810000) prefix', () => {
    for (const id of Object.values(SAMPLE_ID_NUMBERS)) expect(isValidIdNumber(id)).toBe(true);
    expect(SAMPLE_ID_NUMBERS.valid.startsWith('440605')).toBe(true);
  });
});

describe('text block decoding', () => {
  it('has the complete GB 3304 table (56 groups plus 97, 98), with 德昂 spelled right', () => {
    const groups = Array.from({ length: 56 }, (_, i) => NATIONS[String(i + 1).padStart(2, '0')]);
    // 56 distinct names in Chinese characters, none missing.
    for (const name of groups) expect(name).toMatch(/^[\u4e00-\u9fff]{1,4}$/);
    expect(new Set(groups).size).toBe(56);
    expect(NATIONS['97']).toBe('其他');
    expect(NATIONS['98']).toBe('外国血统中国籍人士');
    expect(NATIONS['46']).toBe('德昂');
  });

  it('decodes 长期 from its UCS-2 bytes 7F 95 1F 67', () => {
    const block = SAMPLE_CARDS.longTerm.text!;
    expect(block.subarray(204, 208)).toEqual(Buffer.from([0x7f, 0x95, 0x1f, 0x67]));
    const r = decodeTextBlock(block);
    expect(r.ok && r.card.validUntil).toBeNull();
  });

  it('decodes each card type by the flag at bytes 248–249', () => {
    const types = (['valid', 'foreign', 'hkmt'] as const).map((n) => {
      const r = decodeTextBlock(SAMPLE_CARDS[n].text!);
      return r.ok ? r.card.cardType : r.error;
    });
    expect(types).toEqual(['resident', 'foreignPermanent', 'hkMacaoTaiwan']);
    expect(decodeTextBlock(SAMPLE_CARDS.unsupported.text!)).toMatchObject({ ok: false, error: 'unsupported-card-type' });
  });

  it('shows an unknown ethnic code raw instead of failing', () => {
    const block = encodeResidentBlock({ name: '测试', sexCode: '1', nationCode: '77', birth: '19900101', address: '佛山', idNumber: SAMPLE_ID_NUMBERS.valid, authority: 'x', validFrom: '20200101', validUntil: '20300101' });
    const r = decodeTextBlock(block);
    expect(r.ok && r.card.ethnicity).toBe('未知(77)');
  });

  it('reports a malformed date or a short block as malformed, never throws', () => {
    const block = Buffer.from(SAMPLE_CARDS.valid.text!);
    putField(block, 36, 16, '1990AB07');
    expect(decodeTextBlock(block)).toMatchObject({ ok: false, error: 'malformed' });
    expect(decodeTextBlock(Buffer.alloc(10))).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('treats the last valid day as still valid', () => {
    expect(isExpired({ validUntil: '2026-11-25' }, '2026-11-25')).toBe(false);
    expect(isExpired({ validUntil: '2026-11-24' }, '2026-11-25')).toBe(true);
    expect(isExpired({ validUntil: null }, '2099-01-01')).toBe(false);
  });
});
