import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/locales/en.json';
import zhCN from '../../../renderer/src/i18n/locales/zh-CN.json';

const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('UI text', () => {
  it('has an English text for every Chinese key and no orphans', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('has no empty texts, and the Chinese texts are in Chinese', () => {
    const flat = (obj: object): string[] =>
      Object.values(obj).flatMap((v) => (typeof v === 'object' && v !== null ? flat(v as object) : [String(v)]));
    expect(flat(zhCN).filter((s) => s.trim() === '')).toEqual([]);
    expect(flat(en).filter((s) => s.trim() === '')).toEqual([]);
    const han = /\p{Script=Han}/u;
    expect(zhCN.home.welcome).toMatch(han);
    expect(en.home.welcome).not.toMatch(han);
  });
});
