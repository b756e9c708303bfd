import { z } from 'zod';
import { contentId, localText } from './text';

export const fieldValidation = z.enum(['none', 'id_number', 'credit_code', 'mobile_phone', 'phone', 'date', 'amount', 'postcode', 'email']);
export const prefillSource = z.enum([
  'id_card.name',
  'id_card.number',
  'id_card.address',
  // The mobile of the card holder's real-name account on the platform (a contact number they may change).
  'person.mobile',
  'enterprise.creditCode',
  'enterprise.name',
  'enterprise.legalRepresentative',
  'enterprise.registeredAddress',
  'enterprise.employees',
  'enterprise.registeredCapitalWan',
  'enterprise.businessScope',
  // The number of a licence the register says the enterprise holds (the one a renewal renews).
  'enterprise.licence.food-business-licence',
  'enterprise.licence.public-place-hygiene-licence',
  // 变更事项 from the item chosen (an option's itemCode), and 变更前内容 from the register field that
  // option names as its `current` value.
  'change.item',
  'change.before',
  // 变更后内容 starting as a copy of 变更前内容, for a choice that usually adds to it (`extends`).
  'change.after',
  // From an e-labour contract the person picks on the form (就业登记): none until they pick one.
  'contract.workerName',
  'contract.workerIdNumber',
  'contract.startDate',
  'contract.monthlyWage',
]);

/**
 * What a text field is typed with, so the kiosk opens the keyboard that fits it (a licence number on a
 * pinyin keyboard loses its letters to the IME buffer). Declared by content; `inputKindIssues` checks at
 * bundle build that it agrees with the field's type and validation.
 */
export const inputKind = z.enum(['chinese', 'latin', 'code', 'creditCode', 'idNumber', 'date', 'phone', 'digits', 'money']);
export type InputKind = z.infer<typeof inputKind>;

export const formField = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'checkbox', 'amount']),
  label: localText,
  required: z.boolean().default(true),
  validation: fieldValidation.default('none'),
  maxLength: z.number().int().positive().optional(),
  options: z
    .array(
      z.object({
        value: z.string(),
        label: localText,
        /** The item that is this choice (住所变更登记 is the choice 住所): chosen already when filing it. */
        itemCode: z.string().optional(),
        /** Where the register holds what this choice changes today (for a `change.before` field). */
        current: prefillSource.optional(),
        /** What this choice changes is usually added to (经营范围): 变更后内容 starts from today's. */
        extends: z.boolean().optional(),
      }),
    )
    .optional(),
  prefill: prefillSource.optional(),
  /** Required of every typed field by the bundle build; optional here so older bundles still read. */
  input: inputKind.optional(),
  help: localText.optional(),
  /** What people usually write here (the hall's districts and streets, the usual 经营范围 wording): tapped, not spelled. */
  phrases: z.array(z.string().min(1)).max(16).optional(),
});
export type FormField = z.infer<typeof formField>;

/** A form the kiosk fills for an item. Extensible (e.g. 秒批 rules) through optional fields later. */
export const formDefinition = z.object({
  id: contentId,
  title: localText,
  itemCode: z.string(),
  sections: z.array(z.object({ title: localText, fields: z.array(formField).min(1) })).min(1),
});
export type FormDefinition = z.infer<typeof formDefinition>;

/** The input kind a validation demands (none: any kind the type allows). */
const kindOfValidation: Partial<Record<z.infer<typeof fieldValidation>, InputKind>> = {
  id_number: 'idNumber',
  credit_code: 'creditCode',
  mobile_phone: 'phone',
  phone: 'phone',
  date: 'date',
  amount: 'money',
  postcode: 'digits',
  email: 'latin',
};
const kindsOfType: Partial<Record<FormField['type'], readonly InputKind[]>> = {
  date: ['date'],
  number: ['digits', 'money'],
  amount: ['money'],
};

/** Why a field's input kind does not fit it (empty when it does). */
export function inputKindIssues(field: FormField): string[] {
  const typed = field.type !== 'select' && field.type !== 'checkbox';
  if (!typed) return field.input ? [`field ${field.id}: a ${field.type} is not typed, but declares input ${field.input}`] : [];
  if (!field.input) return [`field ${field.id}: declares no input kind`];
  const issues: string[] = [];
  const byValidation = kindOfValidation[field.validation];
  if (byValidation && field.input !== byValidation) issues.push(`field ${field.id}: validation ${field.validation} needs input ${byValidation}, not ${field.input}`);
  const byType = kindsOfType[field.type];
  if (byType && !byType.includes(field.input)) issues.push(`field ${field.id}: a ${field.type} field needs input ${byType.join(' or ')}, not ${field.input}`);
  return issues;
}

/** Why a form's register prefills cannot work (empty when they can): 变更前内容 needs a 变更事项 to follow. */
export function changePrefillIssues(form: FormDefinition, itemExists: (code: string) => boolean): string[] {
  const fields = form.sections.flatMap((s) => s.fields);
  const issues: string[] = [];
  const chooser = fields.find((f) => f.prefill === 'change.item');
  if (chooser && chooser.type !== 'select') issues.push(`field ${chooser.id}: change.item prefills a select only`);
  if (fields.some((f) => f.prefill === 'change.before') && !chooser) issues.push('a change.before field needs a change.item select in the same form');
  for (const f of fields) {
    for (const o of f.options ?? []) {
      if (o.itemCode && !itemExists(o.itemCode)) issues.push(`field ${f.id}: option ${o.value} names unknown item ${o.itemCode}`);
      if (o.current?.startsWith('change.')) issues.push(`field ${f.id}: option ${o.value} takes its current value from ${o.current}`);
    }
  }
  return issues;
}
