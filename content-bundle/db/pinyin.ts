// Bundle build (search columns) and the kiosk's search (homophone typos); pinyin-pro costs ~5 MB of heap.
import { customPinyin, pinyin } from 'pinyin-pro';

/**
 * Readings of domain words whose characters are polyphones (多音字), fixed so pinyin search finds
 * them whatever pinyin-pro's general dictionary prefers: 会计 kuàijì (not huìjì), 银行 yínháng …
 */
const DOMAIN_READINGS: Record<string, string> = {
  会计: 'kuài jì',
  银行: 'yín háng',
  行政: 'xíng zhèng',
  行业: 'háng yè',
  单位: 'dān wèi',
  重新: 'chóng xīn',
  长期: 'cháng qī',
  调整: 'tiáo zhěng',
  经营: 'jīng yíng',
  供给: 'gōng jǐ',
  给付: 'jǐ fù',
  广告: 'guǎng gào',
  重点: 'zhòng diǎn',
  调解: 'tiáo jiě',
  地址: 'dì zhǐ',
  还款: 'huán kuǎn',
  发行: 'fā xíng',
  出版物: 'chū bǎn wù',
  乐器: 'yuè qì',
  参保: 'cān bǎo',
  卫生: 'wèi shēng',
};
customPinyin(DOMAIN_READINGS);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Full spelling and initials of a Chinese phrase, tone-less, no spaces: 社会保险 → shehuibaoxian, shbx. */
export function pinyinForms(text: string): { full: string; initials: string } {
  const chars = [...text].filter((c) => CJK.test(c)).join('');
  if (chars === '') return { full: '', initials: '' };
  const syllables = pinyin(chars, { toneType: 'none', type: 'array', v: true }) as string[];
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
}

