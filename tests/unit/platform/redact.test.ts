import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../services/log/redact';

describe('log redaction', () => {
  it('scrubs ID numbers (18 and 15 digits, lower-case x) and mobile numbers by shape', () => {
    const r = new Redactor();
    const line = r.redact('id=11010519491231002x old=440106870523123 tel=+86 13800138000 m=18923456789');
    expect(line).toBe('id=[id-number] old=[id-number] tel=[phone] m=[phone]');
  });

  it('keeps credit codes readable for technicians, including all-digit ones', () => {
    const r = new Redactor();
    expect(r.redact('enterprise 91440605MA4UL2K84H')).toBe('enterprise 91440605MA4UL2K84H');
    // An all-digit valid credit code whose digits 7–8 cannot start a birth year stays readable.
    expect(r.redact('code 914406057254619E96')).toBe('code 914406057254619E96');
  });

  it('scrubs a mistyped ID number that fails its check digit', () => {
    expect(new Redactor().redact('typed 440106199003071232')).toBe('typed [id-number]');
  });

  it('scrubs registered names, also spaced out or JSON-escaped, until forgotten', () => {
    const r = new Redactor();
    r.rememberIdentity({ name: '欧阳明华', idNumber: '440606197802145629', mobile: '13902216688' });
    expect(r.redact('经办人欧阳明华 / 欧 阳 明 华')).toBe('经办人[personal] / [personal]');
    expect(r.redact(JSON.stringify('欧阳明华').replace(/[\u4e00-\u9fff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`))).toBe('"[personal]"');
    r.forgetAll();
    expect(r.size).toBe(0);
    expect(r.redact('欧阳明华')).toBe('欧阳明华');
  });

  it('scrubs the longest registered value first', () => {
    const r = new Redactor();
    r.remember('张三', '张三丰');
    expect(r.redact('张三丰 and 张三')).toBe('[personal] and [personal]');
  });
});
