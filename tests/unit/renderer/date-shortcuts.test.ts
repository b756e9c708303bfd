import { describe, expect, it } from 'vitest';
import { dateShortcuts } from '../../../renderer/src/keyboard/date-shortcuts';

describe('a date field offers today and the first of next month', () => {
  it('in the kiosk\'s local time, as the field holds dates', () => {
    expect(dateShortcuts(new Date(2026, 11, 5, 23, 59))).toEqual([
      { key: 'today', value: '2026-12-05' },
      { key: 'nextMonthFirst', value: '2027-01-01' },
    ]);
  });

  it('from the last day of a long month the next month is the one after, not two on', () => {
    expect(dateShortcuts(new Date(2027, 0, 31, 9)).map((d) => d.value)).toEqual(['2027-01-31', '2027-02-01']);
  });
});
