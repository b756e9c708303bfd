import { describe, expect, it } from 'vitest';
import { checkContent, contentSet, type ContentSet } from '../../../content-bundle/model';
import { sampleContent } from '../../../content/src/index';

/** Every typed form field says which keyboard it needs; the bundle build refuses one that does not fit. */
const sample = contentSet.parse(sampleContent);
const clone = (): ContentSet => structuredClone(sample);
const messages = (c: ContentSet) => checkContent(c).map((i) => `${i.where}: ${i.message}`);
const field = (c: ContentSet, formId: string, fieldId: string) =>
  c.forms.find((f) => f.id === formId)!.sections.flatMap((s) => s.fields).find((f) => f.id === fieldId)!;

describe('form field input kinds at bundle build', () => {
  it('the sample declares a kind on every typed field, and the licence number is a code', () => {
    expect(messages(sample)).toEqual([]);
    expect(field(sample, 'f_food_renewal', 'licenceNumber').input).toBe('code');
    expect(field(sample, 'f_company_change', 'resolutionDate').input).toBe('date');
    expect(field(sample, 'f_company_change', 'after').input).toBe('chinese');
  });

  it('refuses a typed field without a kind, a kind that contradicts the validation or type, and a kind on a choice', () => {
    const c = clone();
    delete field(c, 'f_food_renewal', 'licenceNumber').input;
    field(c, 'f_company_change', 'resolutionDate').input = 'chinese';
    field(c, 'f_social_insurance', 'employees').input = 'phone';
    field(c, 'f_company_change', 'changeItem').input = 'chinese';
    const m = messages(c);
    expect(m).toContain('form f_food_renewal: field licenceNumber: declares no input kind');
    expect(m).toContain('form f_company_change: field resolutionDate: validation date needs input date, not chinese');
    expect(m).toContain('form f_social_insurance: field employees: a number field needs input digits or money, not phone');
    expect(m).toContain('form f_company_change: field changeItem: a select is not typed, but declares input chinese');
  });
});

describe('register prefills at bundle build', () => {
  it('the sample change form picks 变更事项 by item and 变更前内容 from the register; the renewal its licence', () => {
    const choice = field(sample, 'f_company_change', 'changeItem');
    expect(choice.prefill).toBe('change.item');
    expect(choice.options?.find((o) => o.itemCode === 'NH-AMR-0202')?.current).toBe('enterprise.registeredAddress');
    expect(field(sample, 'f_company_change', 'before').prefill).toBe('change.before');
    expect(field(sample, 'f_food_renewal', 'licenceNumber').prefill).toBe('enterprise.licence.food-business-licence');
  });

  it('refuses an option naming an unknown item, and 变更前内容 without a 变更事项 to follow', () => {
    const c = clone();
    field(c, 'f_company_change', 'changeItem').options![0]!.itemCode = 'NH-NOPE-0000';
    field(c, 'f_food_renewal', 'premises').prefill = 'change.before';
    const m = messages(c);
    expect(m).toContain('form f_company_change: field changeItem: option name names unknown item NH-NOPE-0000');
    expect(m).toContain('form f_food_renewal: a change.before field needs a change.item select in the same form');
  });
});
