import type { ApprovalFacts } from '../../contract';

export interface KioskFactSources {
  readonly formData: Readonly<Record<string, unknown>>;
  /** The enterprise profile from the platform, or null when it could not be fetched. */
  readonly enterprise: Readonly<Record<string, unknown>> | null;
  /** E-certificates from the platform, or null when they could not be fetched. */
  readonly certificates: readonly { kind: string; validUntil: string | null; verified: boolean }[] | null;
  readonly cardHolder: { name: string; idNumber: string } | null;
  readonly materialIds: readonly string[];
  readonly today: string;
}

/** The kiosk's facts for the 秒批 rules, from what the platform told it and the card it read. */
export function kioskFacts(s: KioskFactSources): ApprovalFacts {
  return {
    form: s.formData,
    enterprise: s.enterprise,
    // No card is a definite "no", not an unknown: the rule fails and says to place the card.
    idCard: s.cardHolder ? { name: s.cardHolder.name, idNumber: s.cardHolder.idNumber } : {},
    // An e-certificate whose signature does not verify counts as absent.
    certificates: s.certificates ? s.certificates.filter((c) => c.verified).map((c) => ({ kind: c.kind, validUntil: c.validUntil })) : null,
    materials: s.materialIds,
    today: s.today,
  };
}
