import type { AnswerCondition, FieldRule } from './conditions';
import type { SituationFlow } from './flow';
import type { Material, ServiceItem } from './item';

/** Answers so far: single-choice → value; multi-choice → sorted values. */
export type Answers = ReadonlyMap<string, string | readonly string[]>;

const asSet = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** A condition naming a question that was not asked is false (only `not` turns it true). */
export function evalAnswerCondition(c: AnswerCondition | undefined, answers: Answers): boolean {
  if (c === undefined) return true;
  if ('all' in c) return c.all.every((x) => evalAnswerCondition(x, answers));
  if ('any' in c) return c.any.some((x) => evalAnswerCondition(x, answers));
  if ('not' in c) return !evalAnswerCondition(c.not, answers);
  const a = answers.get(c.answer);
  if ('answered' in c) return (a !== undefined) === c.answered;
  if (a === undefined) return false;
  const values = asSet(a);
  if ('eq' in c) {
    if (typeof c.eq === 'string') return values.length === 1 && values[0] === c.eq;
    const want = [...c.eq].sort();
    const got = [...values].sort();
    return want.length === got.length && want.every((v, i) => v === got[i]);
  }
  if ('in' in c) return values.length === 1 && c.in.includes(values[0] ?? '');
  if ('includes' in c) return values.includes(c.includes);
  if ('includesAny' in c) return c.includesAny.some((v) => values.includes(v));
  return c.includesAll.every((v) => values.includes(v));
}

export type FlowStep =
  | { kind: 'question'; nodeId: string }
  | { kind: 'outcome'; nodeId: string }
  | { kind: 'error'; message: string };

/** Replays the answers from the start; returns the next question or the outcome reached. */
export function walkFlow(flow: SituationFlow, answers: Answers): FlowStep {
  let nodeId = flow.start;
  for (let guard = 0; guard < 1000; guard++) {
    const node = flow.nodes[nodeId];
    if (!node) return { kind: 'error', message: `missing node ${nodeId}` };
    if (node.kind === 'outcome') return { kind: 'outcome', nodeId };
    if (!answers.has(nodeId)) return { kind: 'question', nodeId };
    const route = node.routes.find((r) => evalAnswerCondition(r.when, answers));
    if (!route) return { kind: 'error', message: `no route from ${nodeId}` };
    nodeId = route.goto;
  }
  return { kind: 'error', message: 'flow too long' };
}

/** The materials an outcome asks for: the named ones, else every material that applies. */
export function outcomeMaterials(item: ServiceItem, materialIds: readonly string[], answers: Answers): Material[] {
  if (materialIds.length > 0) return item.guide.materials.filter((m) => materialIds.includes(m.id));
  return item.guide.materials.filter((m) => evalAnswerCondition(m.appliesWhen, answers));
}

export interface RuleOutcome {
  readonly matched: boolean;
  /** One line per checked rule: what was required and what the record holds. */
  readonly reasons: { readonly rule: string; readonly passed: boolean }[];
}

const getPath = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);

const wholeYearsBetween = (fromIso: string, to: Date): number | null => {
  const from = new Date(fromIso);
  if (Number.isNaN(from.getTime())) return null;
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const beforeAnniversary =
    to.getUTCMonth() < from.getUTCMonth() || (to.getUTCMonth() === from.getUTCMonth() && to.getUTCDate() < from.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return years;
};

/** Evaluates a field rule against a record; never throws, a missing field fails the rule. */
export function evalFieldRule(rule: FieldRule, record: unknown, now: Date): boolean {
  if ('all' in rule) return rule.all.every((r) => evalFieldRule(r, record, now));
  if ('any' in rule) return rule.any.some((r) => evalFieldRule(r, record, now));
  if ('not' in rule) return !evalFieldRule(rule.not, record, now);
  const v = getPath(record, rule.field);
  if ('exists' in rule) return (v !== undefined && v !== null) === rule.exists;
  if (v === undefined || v === null) return false;
  if ('eq' in rule) return v === rule.eq;
  if ('in' in rule) return (typeof v === 'string' || typeof v === 'number') && rule.in.includes(v);
  if ('gte' in rule) return typeof v === 'number' && v >= rule.gte;
  if ('lte' in rule) return typeof v === 'number' && v <= rule.lte;
  if ('between' in rule) return typeof v === 'number' && v >= rule.between[0] && v <= rule.between[1];
  if ('contains' in rule) return Array.isArray(v) ? v.includes(rule.contains) : typeof v === 'string' && v.includes(rule.contains);
  if ('containsAny' in rule) return Array.isArray(v) && rule.containsAny.some((x) => v.includes(x));
  if (typeof v !== 'string') return false;
  const years = wholeYearsBetween(v, now);
  if (years === null) return false;
  return (rule.ageYears.gte === undefined || years >= rule.ageYears.gte) && (rule.ageYears.lte === undefined || years <= rule.ageYears.lte);
}

/** A short technical description of a rule, for reasons when the content gives no label. */
export function describeRule(rule: FieldRule): string {
  if ('all' in rule) return rule.all.map(describeRule).join(' and ');
  if ('any' in rule) return `(${rule.any.map(describeRule).join(' or ')})`;
  if ('not' in rule) return `not ${describeRule(rule.not)}`;
  const { field, ...op } = rule;
  return `${field} ${JSON.stringify(op)}`;
}

/** Evaluates a policy-style rule and explains each top-level clause. */
export function explainFieldRule(rule: FieldRule, record: unknown, now: Date): RuleOutcome {
  const parts = 'all' in rule ? rule.all : [rule];
  const reasons = parts.map((r) => ({ rule: describeRule(r), passed: evalFieldRule(r, record, now) }));
  return { matched: reasons.every((r) => r.passed), reasons };
}
