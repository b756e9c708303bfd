import { enterpriseReads, unknownReferences } from './approval/references';
import { certificateKind } from '../../platform-wire/model/certificate';
import type { AnswerCondition } from './conditions';
import type { ContentSet } from './bundle';
import type { SituationFlow } from './flow';
import { changePrefillIssues, inputKindIssues, type FormDefinition } from './form';
import type { ServiceItem } from './item';
import { checkLexicon } from './lexicon-checks';
import { itemLookup, type ContentIssue, type ItemLookup } from './content-issue';
import { catalogueContains } from './search-fields';
import { ROLE_QUESTION } from './still-to-provide';

export { itemLookup, type ContentIssue, type ItemLookup } from './content-issue';

const ROLE_VALUES: readonly string[] = ['legal_rep', 'agent'];

const conditionRefs = (c: AnswerCondition | undefined, out: { answer: string; values: string[] }[] = []) => {
  if (!c) return out;
  if ('all' in c) c.all.forEach((x) => conditionRefs(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionRefs(x, out));
  else if ('not' in c) conditionRefs(c.not, out);
  else {
    const values =
      'eq' in c ? (typeof c.eq === 'string' ? [c.eq] : c.eq)
      : 'in' in c ? c.in
      : 'includes' in c ? [c.includes]
      : 'includesAny' in c ? c.includesAny
      : 'includesAll' in c ? c.includesAll
      : [];
    out.push({ answer: c.answer, values });
  }
  return out;
};

/** Ids that occur more than once (linear: a catalogue has tens of thousands of items). */
const duplicates = (ids: string[]): string[] => {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
};

/**
 * Static checks of a guided flow: start and every goto exist, every node is reachable, there are
 * no cycles (so every path ends at an outcome), routes only read questions already answered on
 * every path to them and only name options those questions have, and routes cannot fall through.
 */
export function checkFlow(flow: SituationFlow, items: ItemLookup, formIds: ReadonlySet<string>): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const where = `flow ${flow.id}`;
  const add = (message: string) => issues.push({ where, message });
  const nodes = flow.nodes;
  const item = items.get(flow.itemCode);
  if (!item) add(`item ${flow.itemCode} does not exist`);
  if (!nodes[flow.start]) {
    add(`start node ${flow.start} does not exist`);
    return issues;
  }
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind === 'outcome') {
      const target = items.get(node.itemCode ?? flow.itemCode);
      for (const m of node.materialIds) {
        if (!target?.guide.materials.some((x) => x.id === m)) add(`outcome ${id} names unknown material ${m}`);
      }
      if (node.formId && !formIds.has(node.formId)) add(`outcome ${id} names unknown form ${node.formId}`);
      if (node.result === 'redirect' && !(node.redirectItemCode !== undefined && items.has(node.redirectItemCode))) {
        add(`outcome ${id} redirects to unknown item ${node.redirectItemCode ?? '(none)'}`);
      }
      for (const code of [...(node.prerequisiteItemCodes ?? []), ...(node.nextItemCodes ?? [])]) {
        if (!items.has(code)) add(`outcome ${id} links unknown item ${code}`);
      }
      if (node.result === 'materials_list' && node.materialIds.length === 0 && !node.itemCode && !item) add(`outcome ${id} lists nothing`);
      continue;
    }
    for (const r of node.routes) if (!nodes[r.goto]) add(`node ${id} routes to missing node ${r.goto}`);
    const last = node.routes[node.routes.length - 1];
    if (last?.when !== undefined) {
      const covered = node.kind === 'single' && node.options.every((o) =>
        node.routes.some((r) => conditionRefs(r.when).every((ref) => ref.answer === id) && evalsFor(r.when, id, o.value)),
      );
      if (!covered) add(`node ${id}: routes do not cover every answer (end with a route without "when")`);
    }
  }
  // Reachability and cycles by depth-first search from start; `must` = questions answered on every path.
  const state = new Map<string, 'visiting' | 'done'>();
  const must = new Map<string, Set<string>>();
  const visit = (id: string, answered: Set<string>): void => {
    const prev = must.get(id);
    must.set(id, prev ? new Set([...prev].filter((q) => answered.has(q))) : new Set(answered));
    const node = nodes[id];
    if (!node) return;
    if (state.get(id) === 'visiting') {
      add(`cycle through node ${id}`);
      return;
    }
    if (node.kind === 'outcome') {
      state.set(id, 'done');
      return;
    }
    state.set(id, 'visiting');
    const next = new Set([...answered, id]);
    for (const r of node.routes) if (nodes[r.goto]) visit(r.goto, next);
    state.set(id, 'done');
  };
  visit(flow.start, new Set());
  for (const id of Object.keys(nodes)) if (!state.has(id)) add(`node ${id} is not reachable from ${flow.start}`);
  // Route conditions: questions exist, are answered on every path to the route's node (or are the node itself), values are options.
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind === 'outcome') continue;
    const known = new Set([...(must.get(id) ?? []), id]);
    for (const r of node.routes) {
      for (const ref of conditionRefs(r.when)) {
        const q = nodes[ref.answer];
        if (!q || q.kind === 'outcome') add(`node ${id} reads ${ref.answer}, which is not a question`);
        else {
          if (!known.has(ref.answer)) add(`node ${id} reads ${ref.answer}, which is not answered on every path to it`);
          for (const v of ref.values) if (!q.options.some((o) => o.value === v)) add(`node ${id}: ${v} is not an option of ${ref.answer}`);
        }
      }
    }
  }
  // Materials of the item that depend on answers must name this flow's questions and options (the
  // role is known from identification even where the flow does not ask it).
  for (const m of item?.guide.materials ?? []) {
    for (const ref of conditionRefs(m.appliesWhen)) {
      if (ref.answer === ROLE_QUESTION && !nodes[ref.answer]) continue;
      const q = nodes[ref.answer];
      if (!q || q.kind === 'outcome') add(`material ${m.id} reads ${ref.answer}, which is not a question of this flow`);
      else for (const v of ref.values) if (!q.options.some((o) => o.value === v)) add(`material ${m.id}: ${v} is not an option of ${ref.answer}`);
    }
  }
  return issues;
}

// Evaluates a route condition that only reads `question` for one single-choice answer.
const evalsFor = (c: AnswerCondition | undefined, question: string, value: string): boolean => {
  if (!c) return true;
  if ('all' in c) return c.all.every((x) => evalsFor(x, question, value));
  if ('any' in c) return c.any.some((x) => evalsFor(x, question, value));
  if ('not' in c) return !evalsFor(c.not, question, value);
  if ('answered' in c) return c.answered;
  if ('eq' in c) return typeof c.eq === 'string' ? c.eq === value : c.eq.length === 1 && c.eq[0] === value;
  if ('in' in c) return c.in.includes(value);
  if ('includes' in c) return c.includes === value;
  if ('includesAny' in c) return c.includesAny.includes(value);
  return c.includesAll.length === 1 && c.includesAll[0] === value;
};

/** Everything of a content set but its items. */
export type ContentParts = Omit<ContentSet, 'items'>;

const duplicateIssues = (kind: string, ids: string[]): ContentIssue[] =>
  duplicates(ids).map((d) => ({ where: kind, message: `duplicate ${kind} id ${d}` }));

/** Duplicate ids among everything but the items. */
export function checkPartIds(parts: ContentParts): ContentIssue[] {
  const lists: [string, string[]][] = [
    ['flow', parts.flows.map((f) => f.id)],
    ['form', parts.forms.map((f) => f.id)],
    ['package', parts.packages.map((p) => p.id)],
    ['policy', parts.policies.map((p) => p.id)],
    ['notice', parts.notices.map((n) => n.id)],
    ['service point', parts.servicePoints.map((s) => s.id)],
  ];
  return lists.flatMap(([kind, ids]) => duplicateIssues(kind, ids));
}

/** The departments, forms and flows one item's checks look up, indexed once per content set. */
export interface ItemContext {
  readonly departmentIds: ReadonlySet<string>;
  readonly forms: ReadonlyMap<string, FormDefinition>;
  readonly flowIds: ReadonlySet<string>;
}

export const itemContext = (parts: Pick<ContentParts, 'departments' | 'forms' | 'flows'>): ItemContext => ({
  departmentIds: new Set(parts.departments.map((d) => d.id)),
  forms: new Map(parts.forms.map((f) => [f.id, f])),
  flowIds: new Set(parts.flows.map((f) => f.id)),
});

/**
 * Checks of one item against the rest of the set. They read only the item itself and the set's
 * departments, forms and flows, so an item whose document and those three are unchanged since a
 * version that passed needs no new check.
 */
export function checkItem(item: ServiceItem, ctx: ItemContext): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const where = `item ${item.code}`;
  const add = (message: string) => issues.push({ where, message });
  if (!ctx.departmentIds.has(item.departmentId)) add(`unknown department ${item.departmentId}`);
  const form = item.formId === undefined ? undefined : ctx.forms.get(item.formId);
  if (item.formId && !form) add(`unknown form ${item.formId}`);
  if (item.flowId && !ctx.flowIds.has(item.flowId)) add(`unknown flow ${item.flowId}`);
  if (item.kioskFilable && !item.formId) add('kiosk-filable item needs a form');
  for (const d of duplicates(item.guide.materials.map((m) => m.id))) add(`duplicate material ${d}`);
  for (const m of item.guide.materials) {
    if (m.formId && !ctx.forms.has(m.formId)) add(`material ${m.id} names unknown form ${m.formId}`);
    if (m.necessity === 'deferrable' && !m.deferral) add(`material ${m.id} is deferrable without a deadline`);
    const refs = conditionRefs(m.appliesWhen);
    if (!item.flowId && refs.some((r) => r.answer !== ROLE_QUESTION)) add(`material ${m.id} depends on answers but the item has no flow`);
    for (const r of refs) {
      if (r.answer === ROLE_QUESTION && r.values.some((v) => !ROLE_VALUES.includes(v))) add(`material ${m.id}: ${ROLE_QUESTION} is answered legal_rep or agent only`);
    }
    if (m.commitmentLetter && !item.notifyAndCommit) add(`material ${m.id} is the 告知承诺书 but the item is not notify-and-commit`);
  }
  // The kiosk fills the application form itself: content says which material that is, so no list asks for it on paper.
  if (item.kioskFilable && item.formId && !item.guide.materials.some((m) => m.formId === item.formId)) {
    add(`kiosk-filable item: no material is its form ${item.formId}`);
  }
  // 零跑动 only where true: nothing that surely applies may be paper-only (that is a visit to a window).
  if (item.maxVisits === 0) {
    for (const m of item.guide.materials) {
      if (m.necessity !== 'optional' && !m.appliesWhen && m.medium.length === 1 && m.medium[0] === 'paper') add(`no visit (maxVisits 0), but material ${m.id} is paper only`);
    }
  }
  if (item.smartApproval) {
    if (!form) add('smart-approval item needs a kiosk form');
    const scope = {
      formFields: form ? form.sections.flatMap((s) => s.fields.map((f) => f.id)) : [],
      materialIds: item.guide.materials.map((m) => m.id),
      certificateKinds: certificateKind.options,
    };
    for (const message of unknownReferences(item.smartApproval.rules, scope)) add(message);
  }
  if (item.createsEnterprise) {
    // The enterprise does not exist yet: nothing can come from its profile or its certificates.
    for (const f of form?.sections.flatMap((s) => s.fields) ?? []) {
      if (f.prefill?.startsWith('enterprise.')) add(`creates an enterprise, but form field ${f.id} is prefilled from the enterprise profile`);
    }
    for (const path of enterpriseReads(item.smartApproval?.rules ?? [])) add(`creates an enterprise, but smart-approval rule reads ${path}`);
    if (item.stages.includes('exit')) add('creates an enterprise but is listed under the exit stage');
  }
  const { statutory, promised } = item.guide.timeLimits;
  if (statutory && statutory.unit === promised.unit && promised.value > statutory.value) add('promised time limit exceeds the statutory one');
  return issues;
}

/**
 * Checks of everything but the items' own: flows, forms, packages, policies, service points and the
 * lexicon (`catalogueHas`: whether a catalogue word occurs anywhere; without it that check is skipped).
 */
export function checkParts(parts: ContentParts, items: ItemLookup, catalogueHas?: (term: string) => boolean): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const formIds = new Set(parts.forms.map((f) => f.id));
  for (const flow of parts.flows) issues.push(...checkFlow(flow, items, formIds));
  for (const form of parts.forms) {
    if (!items.has(form.itemCode)) issues.push({ where: `form ${form.id}`, message: `unknown item ${form.itemCode}` });
    for (const message of form.sections.flatMap((s) => s.fields).flatMap(inputKindIssues)) issues.push({ where: `form ${form.id}`, message });
    for (const message of changePrefillIssues(form, (code) => items.has(code))) issues.push({ where: `form ${form.id}`, message });
  }
  for (const p of parts.packages) {
    for (const c of p.itemCodes) if (!items.has(c)) issues.push({ where: `package ${p.id}`, message: `unknown item ${c}` });
    for (const m of p.mergedMaterials) {
      const [code, mid] = m.ref.split(':') as [string, string];
      if (!items.get(code)?.guide.materials.some((x) => x.id === mid)) issues.push({ where: `package ${p.id}`, message: `unknown material ${m.ref}` });
    }
  }
  for (const p of parts.policies) {
    if (p.applyItemCode && !items.has(p.applyItemCode)) issues.push({ where: `policy ${p.id}`, message: `unknown item ${p.applyItemCode}` });
    const clauses = 'all' in p.eligibility ? p.eligibility.all.length : 1;
    // The labels are what the public sees of a rule ("why it matches"): one per clause, always.
    if (p.ruleLabels.length !== clauses) issues.push({ where: `policy ${p.id}`, message: `${clauses} rules but ${p.ruleLabels.length} labels` });
  }
  for (const s of parts.servicePoints) for (const c of s.itemCodes) if (!items.has(c)) issues.push({ where: `service point ${s.id}`, message: `unknown item ${c}` });
  issues.push(...checkLexicon(parts.lexicon, { items, packageIds: new Set(parts.packages.map((p) => p.id)), ...(catalogueHas ? { catalogueHas } : {}) }));
  return issues;
}

/** Cross-reference checks of a whole content set (after schema validation). */
export function checkContent(content: ContentSet): ContentIssue[] {
  const ctx = itemContext(content);
  return [
    ...duplicateIssues('item', content.items.map((i) => i.code)),
    ...checkPartIds(content),
    ...content.items.flatMap((item) => checkItem(item, ctx)),
    ...checkParts(content, itemLookup(content.items), catalogueContains(content.items, content.packages, content.synonyms)),
  ];
}
