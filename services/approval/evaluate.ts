import type { ApprovalFacts } from '../../content-bundle/model/approval/facts';
import type { ApprovalCheck, ApprovalRule, PrecheckResult, Verdict } from '../../content-bundle/model/approval/rules';

const UNKNOWN = Symbol('unknown');
type Fact = unknown | typeof UNKNOWN;

/** Reads a fact; `UNKNOWN` when its source is missing (e.g. the platform could not be reached). */
function read(facts: ApprovalFacts, path: string): Fact {
  const [root, ...rest] = path.split('.');
  const source = root === 'form' ? facts.form : root === 'enterprise' ? facts.enterprise : root === 'idCard' ? facts.idCard : undefined;
  if (source === null) return UNKNOWN;
  return rest.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined),
    source,
  );
}

/** Whitespace never decides a rule, and a checkbox may arrive as true or "true". */
const normalise = (v: unknown): unknown =>
  typeof v === 'string' ? v.trim().replace(/\s+/g, '') : typeof v === 'boolean' ? String(v) : v;
const asNumber = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
const daysBetween = (fromIso: string, toIso: string): number =>
  Math.floor((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
const bool = (b: boolean): Verdict => (b ? 'passed' : 'failed');
const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Three-valued evaluation (Kleene): a missing source makes a leaf unknown, never failed. */
export function evaluateCheck(check: ApprovalCheck, facts: ApprovalFacts): Verdict {
  if ('all' in check) {
    const vs = check.all.map((c) => evaluateCheck(c, facts));
    return vs.includes('failed') ? 'failed' : vs.includes('unknown') ? 'unknown' : 'passed';
  }
  if ('any' in check) {
    const vs = check.any.map((c) => evaluateCheck(c, facts));
    return vs.includes('passed') ? 'passed' : vs.includes('unknown') ? 'unknown' : 'failed';
  }
  if ('not' in check) {
    const v = evaluateCheck(check.not, facts);
    return v === 'unknown' ? v : v === 'passed' ? 'failed' : 'passed';
  }
  if ('certificateValid' in check) {
    if (facts.certificates === null) return 'unknown';
    const { kind, minDays } = check.certificateValid;
    return bool(
      facts.certificates.some(
        (c) => c.kind === kind && !c.revoked && (c.validUntil === null || daysBetween(facts.today, c.validUntil) >= minDays),
      ),
    );
  }
  if ('material' in check) return bool(facts.materials.includes(check.material.id));
  if ('same' in check) {
    const l = read(facts, check.same.left);
    const r = read(facts, check.same.right);
    if (l === UNKNOWN || r === UNKNOWN) return 'unknown';
    return bool(!isEmpty(l) && normalise(l) === normalise(r));
  }
  const path = 'equals' in check ? check.equals.path : 'oneOf' in check ? check.oneOf.path : 'between' in check ? check.between.path : 'contains' in check ? check.contains.path : check.present.path;
  const v = read(facts, path);
  if (v === UNKNOWN) return 'unknown';
  if ('present' in check) return bool(!isEmpty(v));
  if ('equals' in check) return bool(normalise(v) === normalise(check.equals.value));
  if ('oneOf' in check) return bool(check.oneOf.values.some((x) => normalise(x) === normalise(v)));
  if ('contains' in check) return bool(typeof v === 'string' && String(normalise(v)).includes(String(normalise(check.contains.text))));
  const n = asNumber(v);
  const { min, max } = check.between;
  return bool(n !== null && (min === undefined || n >= min) && (max === undefined || n <= max));
}

/**
 * Evaluates every rule of an item; instant approval only when every rule passed. A rule that moves
 * the matter elsewhere counts only when it definitely failed (unknown facts never send anyone away).
 */
export function precheck(rules: readonly ApprovalRule[], facts: ApprovalFacts): PrecheckResult {
  const results = rules.map((r) => ({ id: r.id, verdict: evaluateCheck(r.check, facts), title: r.title, fix: r.fix }));
  const moved = rules.find((r, i) => r.elsewhere && results[i]?.verdict === 'failed');
  const address = moved?.elsewhere ? read(facts, moved.elsewhere.address) : null;
  return {
    rules: results,
    instantEligible: results.length > 0 && results.every((r) => r.verdict === 'passed'),
    elsewhere: moved?.elsewhere ? { ruleId: moved.id, authority: moved.elsewhere.authority, address: typeof address === 'string' ? address.trim() : '' } : null,
  };
}
