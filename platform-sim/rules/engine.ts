/**
 * The platform's own 秒批 rule engine. The kiosk evaluates the same published rules to tell the
 * applicant in advance what will fail; the platform decides on its own records with this separate
 * implementation, so an agreement test between the two can catch a mistake in either.
 *
 * The platform holds every record it needs: a rule is met or not met (no "could not be checked").
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** What the platform knows when it decides: its register, its certificates, and the filing itself. */
export interface DecisionRecords {
  readonly form: Readonly<Record<string, unknown>>;
  readonly enterprise: Readonly<Record<string, unknown>> | null;
  /** The applicant as the kiosk's card reader identified them (name, ID number). */
  readonly applicant: Readonly<Record<string, unknown>>;
  readonly certificates: ReadonlyArray<{ readonly kind: string; readonly validUntil: string | null }>;
  readonly attachedMaterials: ReadonlySet<string>;
  readonly today: string;
}

export interface RuleOutcome {
  readonly id: string;
  readonly met: boolean;
  readonly title: { readonly zh: string; readonly en: string };
}

const lookUp = (records: DecisionRecords, path: string): unknown => {
  const segments = path.split('.');
  const head = segments.shift();
  let value: unknown = head === 'form' ? records.form : head === 'enterprise' ? records.enterprise : head === 'idCard' ? records.applicant : undefined;
  for (const key of segments) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
};

/** The register compares text without white space, and a ticked box is the text "true". */
const canonical = (v: unknown): string | number | undefined => {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v.replace(/\s+/g, '');
  if (typeof v === 'number') return v;
  return undefined;
};
const filled = (v: unknown): boolean => v !== undefined && v !== null && !(typeof v === 'string' && v.trim().length === 0);
const numeric = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};
const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

type Operator = (arg: Record<string, Json>, records: DecisionRecords) => boolean;

const operators: Record<string, Operator> = {
  equals: (a, r) => canonical(lookUp(r, String(a.path))) === canonical(a.value),
  oneOf: (a, r) => {
    const v = canonical(lookUp(r, String(a.path)));
    return v !== undefined && (a.values as Json[]).some((x) => canonical(x) === v);
  },
  same: (a, r) => {
    const left = lookUp(r, String(a.left));
    return filled(left) && canonical(left) === canonical(lookUp(r, String(a.right)));
  },
  between: (a, r) => {
    const n = numeric(lookUp(r, String(a.path)));
    if (n === undefined) return false;
    return (typeof a.min !== 'number' || n >= a.min) && (typeof a.max !== 'number' || n <= a.max);
  },
  contains: (a, r) => {
    const v = lookUp(r, String(a.path));
    return typeof v === 'string' && String(canonical(v)).includes(String(canonical(a.text)));
  },
  present: (a, r) => filled(lookUp(r, String(a.path))),
  certificateValid: (a, r) =>
    r.certificates.some((c) => c.kind === a.kind && (c.validUntil === null || dayNumber(c.validUntil) - dayNumber(r.today) >= Number(a.minDays))),
  material: (a, r) => r.attachedMaterials.has(String(a.id)),
};

/** Whether one check holds on the platform's records. */
export function holds(check: Record<string, Json>, records: DecisionRecords): boolean {
  const [name, arg] = Object.entries(check)[0] ?? [];
  if (name === 'all') return (arg as Record<string, Json>[]).every((c) => holds(c, records));
  if (name === 'any') return (arg as Record<string, Json>[]).some((c) => holds(c, records));
  if (name === 'not') return !holds(arg as Record<string, Json>, records);
  const op = name ? operators[name] : undefined;
  if (!op) throw new Error(`unknown rule check "${name ?? ''}"`);
  return op(arg as Record<string, Json>, records);
}

export interface PublishedRule {
  readonly id: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly check: Record<string, Json>;
  /** When this rule is not met, the matter is another authority's: `address` names the fact saying where. */
  readonly elsewhere?: { readonly authority: { readonly zh: string; readonly en: string }; readonly address: string };
}

/** The authority a matter belongs to instead, when a rule that says so is not met. */
export interface Elsewhere {
  readonly ruleId: string;
  readonly authority: { readonly zh: string; readonly en: string };
  readonly address: string;
}

/** Every rule of an item on the platform's records; approve only when all are met. */
export function decideRules(rules: readonly PublishedRule[], records: DecisionRecords): { outcomes: RuleOutcome[]; approve: boolean; elsewhere: Elsewhere | null } {
  const outcomes = rules.map((rule) => ({ id: rule.id, title: rule.title, met: holds(rule.check, records) }));
  return { outcomes, approve: outcomes.length > 0 && outcomes.every((o) => o.met), elsewhere: belongsElsewhere(rules, records) };
}

/** The first rule that moves the matter elsewhere and is not met on the platform's records; null: it is this authority's. */
export function belongsElsewhere(rules: readonly PublishedRule[], records: DecisionRecords): Elsewhere | null {
  for (const rule of rules) {
    if (!rule.elsewhere || holds(rule.check, records)) continue;
    const where = lookUp(records, rule.elsewhere.address);
    return { ruleId: rule.id, authority: rule.elsewhere.authority, address: typeof where === 'string' ? where.trim() : '' };
  }
  return null;
}
