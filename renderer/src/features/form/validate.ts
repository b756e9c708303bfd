import type { FormField } from '../../../../contract';
import { checkCreditCode, checkIdNumber, checkMobile, isContactPhone } from '../../../../kernel/identifiers';
import { MODE_OF_KIND, type KeyboardMode } from '../../components/keyboard/layouts';

/** What went wrong with a value: a shared-validator message (zh/en) or an i18n key of ours. */
export type FieldProblem = { message: { zh: string; en: string } } | { key: string };

const isCalendarDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Validates one field with the shared validators (identifiers.ts) or the simple format rules. */
export function validateField(field: FormField, raw: string): FieldProblem | null {
  const value = raw.trim();
  if (field.type === 'checkbox') return null;
  if (!value) return field.required ? { key: 'journey.form.required' } : null;
  if (field.maxLength && [...value].length > field.maxLength) return { key: 'journey.form.tooLong' };
  switch (field.validation) {
    case 'id_number': {
      const r = checkIdNumber(value);
      return r.ok ? null : { message: r.message };
    }
    case 'credit_code': {
      const r = checkCreditCode(value);
      return r.ok ? null : { message: r.message };
    }
    case 'mobile_phone': {
      const r = checkMobile(value);
      return r.ok ? null : { message: r.message };
    }
    case 'phone':
      return isContactPhone(value) ? null : { key: 'journey.form.badPhone' };
    case 'date':
      return isCalendarDate(value) ? null : { key: 'journey.form.badDate' };
    case 'amount':
      return /^\d+(\.\d{1,2})?$/.test(value) ? null : { key: 'journey.form.badAmount' };
    case 'postcode':
      return /^\d{6}$/.test(value) ? null : { key: 'journey.form.badPostcode' };
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : { key: 'journey.form.badEmail' };
    default:
      break;
  }
  if ((field.type === 'number' || field.type === 'amount') && !/^\d+(\.\d+)?$/.test(value)) return { key: 'journey.form.badNumber' };
  if (field.type === 'date' && !isCalendarDate(value)) return { key: 'journey.form.badDate' };
  return null;
}

/** The keyboard layout that fits a field: the kind content declares, or a guess for older content without one. */
export function keyboardFor(field: FormField): KeyboardMode {
  if (field.input) return MODE_OF_KIND[field.input];
  if (field.validation === 'id_number') return 'idNumber';
  if (field.validation === 'credit_code') return 'creditCode';
  if (['mobile_phone', 'postcode', 'amount'].includes(field.validation) || field.type === 'number' || field.type === 'amount') return 'numeric';
  if (['email', 'phone', 'date'].includes(field.validation) || field.type === 'date') return 'latin';
  return 'pinyin';
}
