import type { EnterpriseProfile } from '../../../../contract';
import type { FormDefinition } from '../../../../contract';

/**
 * Values the kiosk can fill in from the ID card and the enterprise profile, by field id. The card
 * fills a legal representative's fields only when the person said they are the legal representative.
 */
export function prefillValues(
  form: FormDefinition,
  person: { readonly name: string; readonly idNumber: string; readonly address: string | null } | null,
  profile: EnterpriseProfile | null,
  creditCode: string | null,
  role: 'legal_rep' | 'agent' | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    let v: string | number | undefined;
    if (field.prefill?.startsWith('id_card.') && /^legalRep/i.test(field.id) && role !== 'legal_rep') continue;
    switch (field.prefill) {
      case 'id_card.name': v = person?.name; break;
      case 'id_card.number': v = person?.idNumber; break;
      case 'id_card.address': v = person?.address ?? undefined; break;
      case 'enterprise.creditCode': v = profile?.creditCode ?? creditCode ?? undefined; break;
      case 'enterprise.name': v = profile?.name; break;
      case 'enterprise.legalRepresentative': v = profile?.legalRepresentative; break;
      case 'enterprise.registeredAddress': v = profile?.registeredAddress; break;
      case 'enterprise.employees': v = profile?.employees; break;
      case 'enterprise.registeredCapitalWan': v = profile?.registeredCapitalWan; break;
      default: v = undefined;
    }
    if (v !== undefined && v !== '') out[field.id] = String(v);
  }
  return out;
}
