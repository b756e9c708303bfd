import type { EnterpriseProfile, FormDefinition, FormField, LaborContract } from '../../../../contract';

type Person = { readonly name: string; readonly idNumber: string; readonly address: string | null; readonly mobile?: string | null };
type Source = NonNullable<FormField['prefill']>;

/** A value the register or the card holds for a source (undefined when it holds none). */
function valueOf(source: Source, person: Person | null, profile: EnterpriseProfile | null, creditCode: string | null): string | undefined {
  let v: string | number | undefined;
  switch (source) {
    case 'id_card.name': v = person?.name; break;
    case 'id_card.number': v = person?.idNumber; break;
    case 'id_card.address': v = person?.address ?? undefined; break;
    case 'person.mobile': v = person?.mobile ?? undefined; break;
    case 'enterprise.creditCode': v = profile?.creditCode ?? creditCode ?? undefined; break;
    case 'enterprise.name': v = profile?.name; break;
    case 'enterprise.legalRepresentative': v = profile?.legalRepresentative; break;
    case 'enterprise.registeredAddress': v = profile?.registeredAddress; break;
    case 'enterprise.employees': v = profile?.employees; break;
    case 'enterprise.registeredCapitalWan': v = profile?.registeredCapitalWan; break;
    case 'enterprise.businessScope': v = profile?.businessScope; break;
    case 'enterprise.licence.food-business-licence':
    case 'enterprise.licence.public-place-hygiene-licence': {
      const kind = source.slice('enterprise.licence.'.length);
      v = profile?.licences.find((l) => l.kind === kind)?.number;
      break;
    }
    default: v = undefined;
  }
  return v === undefined || v === '' ? undefined : String(v);
}

const changeOption = (form: FormDefinition, choice: string | undefined) =>
  form.sections.flatMap((s) => s.fields).find((f) => f.prefill === 'change.item')?.options?.find((o) => o.value === choice);

/** 变更前内容 for a 变更事项 chosen: what the register holds today for that choice. */
export function beforeValue(form: FormDefinition, choice: string | undefined, profile: EnterpriseProfile | null): string | undefined {
  const current = changeOption(form, choice)?.current;
  return current ? valueOf(current, null, profile, null) : undefined;
}

/** 变更后内容 to start from: today's value where the change usually adds to it (经营范围), else nothing. */
export function afterStart(form: FormDefinition, choice: string | undefined, profile: EnterpriseProfile | null): string | undefined {
  return changeOption(form, choice)?.extends ? beforeValue(form, choice, profile) : undefined;
}

/** The value a 变更前/变更后 field follows for a choice. */
export const changeValue = (source: 'change.before' | 'change.after', form: FormDefinition, choice: string | undefined, profile: EnterpriseProfile | null) =>
  source === 'change.before' ? beforeValue(form, choice, profile) : afterStart(form, choice, profile);
const followsChange = (s: Source | undefined): s is 'change.before' | 'change.after' => s === 'change.before' || s === 'change.after';

/**
 * Values the kiosk can fill in from the ID card, the enterprise profile (the register: its licences too)
 * and the item chosen, by field id. The card fills a legal representative's fields only when the
 * person said they are the legal representative.
 */
export function prefillValues(
  form: FormDefinition,
  person: Person | null,
  profile: EnterpriseProfile | null,
  creditCode: string | null,
  role: 'legal_rep' | 'agent' | null,
  itemCode: string | null = null,
): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = form.sections.flatMap((s) => s.fields);
  for (const field of fields) {
    if (!field.prefill) continue;
    if (field.prefill.startsWith('id_card.') && /^legalRep/i.test(field.id) && role !== 'legal_rep') continue;
    const v =
      field.prefill === 'change.item'
        ? field.options?.find((o) => itemCode !== null && o.itemCode === itemCode)?.value
        : followsChange(field.prefill)
          ? undefined
          : valueOf(field.prefill, person, profile, creditCode);
    if (v !== undefined) out[field.id] = v;
  }
  // 变更前内容 (and where it is added to, 变更后内容) follow the 变更事项 just filled.
  const choice = fields.find((f) => f.prefill === 'change.item');
  for (const field of fields) {
    if (!followsChange(field.prefill)) continue;
    const v = changeValue(field.prefill, form, choice ? out[choice.id] : undefined, profile);
    if (v !== undefined) out[field.id] = v;
  }
  return out;
}

/** The card holder chose 法定代表人 but the register names someone else: said plainly, not refused. */
export function roleMismatch(role: 'legal_rep' | 'agent' | null, holderName: string | null, profile: EnterpriseProfile | null): boolean {
  if (role !== 'legal_rep' || !holderName || !profile) return false;
  return holderName.replace(/\s/g, '') !== profile.legalRepresentative.replace(/\s/g, '');
}

/** Whether the form takes a worker from an e-labour contract (就业登记). */
export const takesContract = (form: FormDefinition): boolean =>
  form.sections.some((s) => s.fields.some((f) => f.prefill?.startsWith('contract.')));

/** The fields an e-labour contract fills, by field id: the worker, the start date and the wage as signed. */
export function contractValues(form: FormDefinition, contract: LaborContract): Record<string, string> {
  const of: Record<string, string> = {
    'contract.workerName': contract.workerName,
    'contract.workerIdNumber': contract.workerIdNumber,
    'contract.startDate': contract.startDate,
    'contract.monthlyWage': String(contract.monthlyWage),
  };
  const out: Record<string, string> = {};
  for (const f of form.sections.flatMap((s) => s.fields)) {
    const v = f.prefill ? of[f.prefill] : undefined;
    if (v !== undefined) out[f.id] = v;
  }
  return out;
}
