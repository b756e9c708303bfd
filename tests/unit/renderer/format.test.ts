import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatList, formatTime } from '../../../renderer/src/i18n/format';

describe('dates, times and lists in the UI language', () => {
  // 08:36:43 UTC is 16:36 in the hall (China Standard Time), whatever zone the machine is set to.
  const at = '2026-12-01T08:36:43Z';

  it('writes a date and time the way each language does, to the minute, in the hall\'s time', () => {
    expect(formatDateTime(at, 'zh-CN')).toBe('2026年12月1日 16:36');
    expect(formatDateTime(at, 'en')).toBe('1 Dec 2026, 16:36');
    expect(formatDateTime(new Date(at), 'en')).toBe('1 Dec 2026, 16:36');
    // Just before midnight UTC is already the next day in the hall.
    expect(formatDateTime('2026-12-31T16:05:00Z', 'zh-CN')).toBe('2027年1月1日 00:05');
  });

  it('writes a time of day in the hall\'s time on a 24-hour clock in both languages', () => {
    expect(formatTime(at, 'zh-CN')).toBe('16:36');
    expect(formatTime(at, 'en')).toBe('16:36');
  });

  it('keeps a calendar date the date it names, and leaves what is not a date as it is', () => {
    expect(formatDate('2026-12-01', 'zh-CN')).toBe('2026年12月1日');
    expect(formatDate('2026-12-01', 'en')).toBe('1 Dec 2026');
    expect(formatDate('2026-12-31T16:05:00Z', 'en')).toBe('1 Jan 2027');
    expect(formatDate('长期', 'en')).toBe('长期');
  });

  it('lists with the punctuation of the language: 、 in Chinese, commas in English', () => {
    expect(formatList(['窗口办理', '网上办理', '自助终端'], 'zh-CN')).toBe('窗口办理、网上办理、自助终端');
    expect(formatList(['Window', 'Online', 'Kiosk'], 'en')).toBe('Window, Online, Kiosk');
    expect(formatList(['A01'], 'en')).toBe('A01');
    expect(formatList([], 'zh-CN')).toBe('');
  });
});
