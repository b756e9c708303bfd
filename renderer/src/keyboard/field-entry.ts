import type { KeyboardMode } from '../components/keyboard/layouts';

/**
 * Formats the digits of a date as typed, YYYY-MM-DD: the dashes come by themselves after the year and
 * the month, so a person types 8 digits and never looks for a dash key. Anything not a digit is dropped.
 */
export function formatDateDigits(text: string): string {
  const d = text.replace(/\D/g, '').slice(0, 8);
  if (d.length <= 4) return d;
  if (d.length <= 6) return `${d.slice(0, 4)}-${d.slice(4)}`;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
}

/**
 * What a field holds after its keyboard (or a physical one) changed it: a date keeps its format, a code
 * is uppercase without spaces, digits-only fields keep their digits, money its digits and one point.
 */
export function entryValue(mode: KeyboardMode, next: string): string {
  switch (mode) {
    case 'date':
      return formatDateDigits(next);
    case 'code':
    case 'creditCode':
    case 'idNumber':
      return next.toUpperCase().replace(/\s/g, '');
    case 'digits':
      return next.replace(/\D/g, '');
    case 'money': {
      const [whole = '', ...rest] = next.replace(/[^\d.]/g, '').split('.');
      return rest.length ? `${whole}.${rest.join('')}` : whole;
    }
    default:
      return next;
  }
}

/** Backspace on a field: a date loses its last digit (and the dash before it), any other field its last character. */
export function withoutLast(mode: KeyboardMode, value: string): string {
  if (mode === 'date') return formatDateDigits(value.replace(/\D/g, '').slice(0, -1));
  return [...value].slice(0, -1).join('');
}
