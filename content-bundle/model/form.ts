import { z } from 'zod';
import { contentId, localText } from './text';

export const fieldValidation = z.enum(['none', 'id_number', 'credit_code', 'mobile_phone', 'phone', 'date', 'amount', 'postcode', 'email']);
export const prefillSource = z.enum([
  'id_card.name',
  'id_card.number',
  'id_card.address',
  'enterprise.creditCode',
  'enterprise.name',
  'enterprise.legalRepresentative',
  'enterprise.registeredAddress',
  'enterprise.employees',
  'enterprise.registeredCapitalWan',
]);

export const formField = z.object({
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'checkbox', 'amount']),
  label: localText,
  required: z.boolean().default(true),
  validation: fieldValidation.default('none'),
  maxLength: z.number().int().positive().optional(),
  options: z.array(z.object({ value: z.string(), label: localText })).optional(),
  prefill: prefillSource.optional(),
  help: localText.optional(),
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
