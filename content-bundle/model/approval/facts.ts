/** A certificate as the rules see it. */
export interface CertificateFact {
  readonly kind: string;
  readonly validUntil: string | null; // ISO date; null = 长期
  readonly revoked?: boolean;
}

/**
 * Everything a rule may read. A source that could not be fetched (platform down) is `null`, and any
 * rule that needs it is "could not be checked" rather than failed.
 */
export interface ApprovalFacts {
  readonly form: Readonly<Record<string, unknown>>;
  readonly enterprise: Readonly<Record<string, unknown>> | null;
  readonly idCard: Readonly<Record<string, unknown>> | null;
  readonly certificates: readonly CertificateFact[] | null;
  /** Ids of the materials attached (uploaded, e-certificate consented, or promised). */
  readonly materials: readonly string[];
  /** The evaluation date, ISO yyyy-mm-dd (the same on both sides for a given submission). */
  readonly today: string;
}
