/**
 * The dates a filing most often asks for, one tap each instead of eight digits: today (a resolution
 * signed today, a contract starting today) and the first of next month (when contributions, insurance
 * and contracts usually start). In the kiosk's local time, formatted as the date fields hold them.
 */
export interface DateShortcut {
  readonly key: 'today' | 'nextMonthFirst';
  readonly value: string;
}

const iso = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function dateShortcuts(now: Date): readonly DateShortcut[] {
  return [
    { key: 'today', value: iso(now) },
    // Day 1 of the next month; Date rolls December over into January of the next year.
    { key: 'nextMonthFirst', value: iso(new Date(now.getFullYear(), now.getMonth() + 1, 1)) },
  ];
}
