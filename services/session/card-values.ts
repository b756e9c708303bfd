import type { FormDefinition } from '../../content-bundle/model';
import type { ApplicantRole, CardHolder } from './identity';

const CARD_FIELDS = { 'id_card.name': 'name', 'id_card.number': 'idNumber', 'id_card.address': 'address' } as const;

/**
 * The form as filed: every field the item's forms fill from the ID card takes the card holder's value
 * again, whatever the request carried, so a filing names the person whose card is on the reader. A
 * legal representative's fields come from the card only when the holder said they are that person.
 */
export function withCardValues(
  formData: Record<string, unknown>,
  forms: readonly FormDefinition[],
  person: CardHolder,
  role: ApplicantRole | null,
): Record<string, unknown> {
  const out = { ...formData };
  for (const field of forms.flatMap((f) => f.sections.flatMap((s) => s.fields))) {
    const source = field.prefill && field.prefill in CARD_FIELDS ? CARD_FIELDS[field.prefill as keyof typeof CARD_FIELDS] : null;
    if (!source || (/^legalRep/i.test(field.id) && role !== 'legal_rep')) continue;
    const value = person[source];
    if (value === null) delete out[field.id];
    else out[field.id] = value;
  }
  return out;
}
