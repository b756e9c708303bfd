import { describe, expect, it } from 'vitest';
import { contentText } from '../../../renderer/src/i18n/content-text';

describe('content text in the display language', () => {
  const both = { zh: '营业执照', en: 'Business licence' };
  const zhOnly = { zh: '《中华人民共和国公司法》' };

  it('shows the English when English is wanted and the content has it, unmarked', () => {
    expect(contentText(both, 'en')).toEqual({ text: 'Business licence', lang: 'en', zhOnly: false });
  });

  it('shows the Chinese marked zh-CN and flagged Chinese-only when English is wanted but missing', () => {
    expect(contentText(zhOnly, 'en')).toEqual({ text: '《中华人民共和国公司法》', lang: 'zh-CN', zhOnly: true });
    // An English text that is empty is as good as missing.
    expect(contentText({ zh: '名称', en: '' }, 'en')).toEqual({ text: '名称', lang: 'zh-CN', zhOnly: true });
  });

  it('never flags anything in a Chinese session', () => {
    expect(contentText(both, 'zh-CN')).toEqual({ text: '营业执照', lang: 'zh-CN', zhOnly: false });
    expect(contentText(zhOnly, 'zh-CN')).toEqual({ text: '《中华人民共和国公司法》', lang: 'zh-CN', zhOnly: false });
  });

  it('has nothing to mark when there is no text', () => {
    expect(contentText(null, 'en').zhOnly).toBe(false);
    expect(contentText(undefined, 'en').text).toBe('');
    expect(contentText({ zh: ' ' }, 'en').zhOnly).toBe(false);
  });
});
