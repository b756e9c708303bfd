import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVALUATION_REASON_ZH } from '../../../platform-wire/model/evaluation';

const localeDir = path.resolve(import.meta.dirname, '../../../renderer/src/i18n/locales');
const load = (locale: string): Record<string, any> =>
  Object.assign(
    {},
    ...fs
      .readdirSync(path.join(localeDir, locale))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(localeDir, locale, f), 'utf8'))),
  );
const zhCN = load('zh-CN');
const en = load('en');

const keys = (obj: object, prefix = ''): string[] =>
  Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('UI text', () => {
  it('has an English text for every Chinese key and no orphans, in every feature file', () => {
    expect(fs.readdirSync(path.join(localeDir, 'en')).sort()).toEqual(fs.readdirSync(path.join(localeDir, 'zh-CN')).sort());
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

  it('the English texts use English punctuation and real plural forms, not "(s)"', () => {
    const flat = (obj: object, prefix = ''): Array<[string, string]> =>
      Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? flat(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
    const texts = flat(en);
    expect(texts.filter(([, v]) => /[、：（）；，。！？]/.test(v))).toEqual([]);
    expect(texts.filter(([, v]) => /\(s\)|\w\/\w+ies\b/.test(v))).toEqual([]);
    // A count of things reads "1 service", "2 services": such texts have a singular form.
    const counted = texts.filter(([, v]) => /\{(n|count)\} (?!\()[a-z-]+s\b/.test(v.split(' | ')[0]!));
    expect(counted).toEqual([]);
  });

  it('the evaluation pad offers the 差评 reasons in the same words as the screen', () => {
    expect(EVALUATION_REASON_ZH).toEqual(zhCN.services.evaluate.reasons);
  });
});
