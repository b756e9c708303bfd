import type { EnterpriseProfile, FormDefinition, FormField } from '../../../../contract';

type Person = { readonly name: string; readonly idNumber: string; readonly address: string | null };
type Source = NonNullable<FormField['prefill']>;

/** A value the register or the card holds for a source (undefined when it holds none). */
function valueOf(source: Source, person: Person | null, profile: EnterpriseProfile | null, creditCode: string | null): string | undefined {
  let v: string | number | undefined;
  switch (source) {
    case 'id_card.name': v = person?.name; break;
    case 'id_card.number': v = person?.idNumber; break;
    case 'id_card.address': v = person?.address ?? undefined; break;
    case 'enterprise.creditCode': v = profile?.creditCode ?? creditCode ?? undefined; break;
    case 'enterprise.name': v = profile?.name; break;
    case 'enterprise.legalRepresentative': v = profile?.legalRepresentative; break;
    case 'enterprise.registeredAddress': v = profile?.registeredAddress; break;
    case 'enterprise.employees': v = profile?.employees; break;
    case 'enterprise.registeredCapitalWan': v = profile?.registeredCapitalWan; break;
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

/** 变更前内容 for a 变更事项 chosen: what the register holds today for that choice (none for 经营范围). */
export function beforeValue(form: FormDefinition, choice: string | undefined, profile: EnterpriseProfile | null): string | undefined {
  const chooser = form.sections.flatMap((s) => s.fields).find((f) => f.prefill === 'change.item');
  const current = chooser?.options?.find((o) => o.value === choice)?.current;
  return current ? valueOf(current, null, profile, null) : undefined;
}

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
        : field.prefill === 'change.before'
          ? undefined
          : valueOf(field.prefill, person, profile, creditCode);
    if (v !== undefined) out[field.id] = v;
  }
  // 变更前内容 follows the 变更事项 just filled.
  const choice = fields.find((f) => f.prefill === 'change.item');
  for (const field of fields.filter((f) => f.prefill === 'change.before')) {
    const v = beforeValue(form, choice ? out[choice.id] : undefined, profile);
    if (v !== undefined) out[field.id] = v;
  }
  return out;
}

/** The card holder chose 法定代表人 but the register names someone else: said plainly, not refused. */
export function roleMismatch(role: 'legal_rep' | 'agent' | null, holderName: string | null, profile: EnterpriseProfile | null): boolean {
  if (role !== 'legal_rep' || !holderName || !profile) return false;
  return holderName.replace(/\s/g, '') !== profile.legalRepresentative.replace(/\s/g, '');
}
