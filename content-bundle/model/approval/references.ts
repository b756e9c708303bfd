import type { ApprovalCheck, ApprovalRule } from './rules';

/** What a rule may refer to for one item: its form's fields, its materials, known certificate kinds. */
export interface RuleScope {
  readonly formFields: readonly string[];
  readonly materialIds: readonly string[];
  readonly certificateKinds: readonly string[];
}

/** Paths of the enterprise profile a rule may read (see electron/contract/domain/enterprise.ts). */
export const ENTERPRISE_PATHS = [
  'creditCode', 'name', 'legalRepresentative', 'registeredAddress', 'district', 'city', 'industry.section', 'industry.code',
  'industry.name', 'size', 'registeredCapitalWan', 'employees', 'registrationDate', 'standing', 'entityType',
] as const;
/** Fields of the ID card record a rule may read. */
export const ID_CARD_PATHS = ['name', 'idNumber', 'address', 'sex', 'birthDate'] as const;

function* leaves(check: ApprovalCheck): Generator<ApprovalCheck> {
  if ('all' in check) for (const c of check.all) yield* leaves(c);
  else if ('any' in check) for (const c of check.any) yield* leaves(c);
  else if ('not' in check) yield* leaves(check.not);
  else yield check;
}

const pathsOf = (leaf: ApprovalCheck): string[] => {
  if ('same' in leaf) return [leaf.same.left, leaf.same.right];
  if ('equals' in leaf) return [leaf.equals.path];
  if ('oneOf' in leaf) return [leaf.oneOf.path];
  if ('between' in leaf) return [leaf.between.path];
  if ('contains' in leaf) return [leaf.contains.path];
  if ('present' in leaf) return [leaf.present.path];
  return [];
};

/** Every reference a rule makes that does not exist in its scope; the bundle build refuses them. */
export function unknownReferences(rules: readonly ApprovalRule[], scope: RuleScope): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) errors.push(`rule ${rule.id}: duplicate rule id`);
    ids.add(rule.id);
    // The address a rule that moves the matter elsewhere names must exist like any fact it checks.
    const named: ApprovalCheck[] = rule.elsewhere ? [{ present: { path: rule.elsewhere.address } }] : [];
    for (const leaf of [...leaves(rule.check), ...named]) {
      for (const path of pathsOf(leaf)) {
        const [root, ...rest] = path.split('.');
        const sub = rest.join('.');
        const known =
          root === 'form'
            ? scope.formFields.includes(sub)
            : root === 'enterprise'
              ? (ENTERPRISE_PATHS as readonly string[]).includes(sub)
              : (ID_CARD_PATHS as readonly string[]).includes(sub);
        if (!known) errors.push(`rule ${rule.id}: unknown field ${path}`);
      }
      if ('material' in leaf && !scope.materialIds.includes(leaf.material.id)) {
        errors.push(`rule ${rule.id}: unknown material ${leaf.material.id}`);
      }
      if ('certificateValid' in leaf && !scope.certificateKinds.includes(leaf.certificateValid.kind)) {
        errors.push(`rule ${rule.id}: unknown certificate kind ${leaf.certificateValid.kind}`);
      }
    }
  }
  return errors;
}

/**
 * What rules read of the enterprise: `enterprise.*` paths and certificate checks (certificates are
 * the enterprise's). An item that creates the enterprise can have none of them.
 */
export function enterpriseReads(rules: readonly ApprovalRule[]): string[] {
  const out = new Set<string>();
  for (const rule of rules) {
    for (const leaf of leaves(rule.check)) {
      for (const path of pathsOf(leaf)) if (path.startsWith('enterprise.')) out.add(path);
      if ('certificateValid' in leaf) out.add(`certificate ${leaf.certificateValid.kind}`);
    }
  }
  return [...out];
}
