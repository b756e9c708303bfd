import type { MaterialToProvide } from '../../platform-wire/model/application';
import { handInText, type LinkedMaterial } from '../../platform-wire/model/materials-link';
import type { AnswerCondition } from './conditions';
import type { Answers } from './evaluate';
import type { SituationFlow } from './flow';
import type { Material, ServiceItem } from './item';
import type { Duration, LocalText } from './text';

/**
 * The question every guided flow asks about who applies (法定代表人本人 / 受委托的经办人). The kiosk
 * knows its answer from identification, so items without a flow may depend on it too.
 */
export const ROLE_QUESTION = 'q_who';

/** What the person chose that changes what they still have to bring. */
export interface ProvideChoices {
  /** Materials an e-certificate the person agreed to use replaces (免证办). */
  readonly ecertMaterialIds?: readonly string[];
  /** The 告知承诺书 was signed on the kiosk's commitment screen (告知承诺). */
  readonly committed?: boolean;
  /** The form filled on the kiosk: the material that is this form needs no paper. */
  readonly kioskFormId?: string | null;
}

/** Why a material of the guide is not on the list. */
export type SettledWhy = 'not-asked-for' | 'not-applicable' | 'exempt' | 'ecert' | 'kiosk-form' | 'commitment';

export interface ProvideEntry {
  readonly material: Material;
  /** 如适用: it depends on an answer not given yet (the condition in words, when it can be said). */
  readonly conditional: boolean;
  readonly condition: LocalText | null;
  /** 非必要: listed so nobody is surprised, never required. */
  readonly optional: boolean;
  /** 容缺: may follow within this time after acceptance. */
  readonly deferral: Duration | null;
  /** Only on paper: it has to be handed in at a window. */
  readonly paperOnly: boolean;
}

export interface StillToProvide {
  readonly entries: readonly ProvideEntry[];
  readonly settled: ReadonlyArray<{ readonly material: Material; readonly why: SettledWhy }>;
  /** Something that surely applies can only be handed in on paper: a window visit is needed. */
  readonly windowVisit: boolean;
}

export interface ProvideInput {
  readonly item: ServiceItem;
  /** Flow answers so far, with the role answer (`withRole`) when the person is identified. */
  readonly answers: Answers;
  /** The materials a flow outcome named (null: every material of the item that applies). */
  readonly materialIds?: readonly string[] | null;
  /** The flow, for the words of a condition not yet answered. */
  readonly flow?: SituationFlow | null;
  readonly choices?: ProvideChoices;
}

type Tri = 'yes' | 'no' | 'unknown';

/** A condition over answers, three-valued: a question not answered yet makes it unknown, never false. */
export function conditionHolds(c: AnswerCondition | undefined, answers: Answers): Tri {
  if (c === undefined) return 'yes';
  if ('all' in c) {
    const vs = c.all.map((x) => conditionHolds(x, answers));
    return vs.includes('no') ? 'no' : vs.includes('unknown') ? 'unknown' : 'yes';
  }
  if ('any' in c) {
    const vs = c.any.map((x) => conditionHolds(x, answers));
    return vs.includes('yes') ? 'yes' : vs.includes('unknown') ? 'unknown' : 'no';
  }
  if ('not' in c) {
    const v = conditionHolds(c.not, answers);
    return v === 'unknown' ? v : v === 'yes' ? 'no' : 'yes';
  }
  const a = answers.get(c.answer);
  if (a === undefined) return 'unknown';
  if ('answered' in c) return c.answered ? 'yes' : 'no';
  const values = typeof a === 'string' ? [a] : a;
  let holds: boolean;
  if ('eq' in c) {
    const want = typeof c.eq === 'string' ? [c.eq] : [...c.eq].sort();
    const got = [...values].sort();
    holds = want.length === got.length && want.every((v, i) => v === got[i]);
  } else if ('in' in c) holds = values.length === 1 && c.in.includes(values[0] ?? '');
  else if ('includes' in c) holds = values.includes(c.includes);
  else if ('includesAny' in c) holds = c.includesAny.some((v) => values.includes(v));
  else holds = c.includesAll.every((v) => values.includes(v));
  return holds ? 'yes' : 'no';
}

const ROLE_WORDS: Record<string, LocalText> = {
  agent: { zh: '委托他人办理的', en: 'when an agent applies' },
  legal_rep: { zh: '法定代表人本人办理的', en: 'when the legal representative applies in person' },
};

/** The option labels a leaf names, from the flow (or the role words, which every kiosk knows). */
function leafWords(question: string, values: readonly string[], flow: SituationFlow | null | undefined): LocalText | null {
  const node = flow?.nodes[question];
  const labels = values.map((v) => {
    if (node && node.kind !== 'outcome') return node.options.find((o) => o.value === v)?.label ?? null;
    return question === ROLE_QUESTION ? (ROLE_WORDS[v] ?? null) : null;
  });
  if (labels.some((l) => l === null) || labels.length === 0) return null;
  const ls = labels as LocalText[];
  return { zh: ls.map((l) => l.zh).join('或'), en: ls.map((l) => l.en ?? l.zh).join(' or ') };
}

/** The condition in words, e.g. "租赁场所" or "委托他人办理的"; null when it cannot be put simply. */
export function conditionWords(c: AnswerCondition, flow?: SituationFlow | null): LocalText | null {
  if ('all' in c || 'any' in c) {
    const parts = ('all' in c ? c.all : c.any).map((x) => conditionWords(x, flow));
    if (parts.some((p) => p === null)) return null;
    const ps = parts as LocalText[];
    const [zhJoin, enJoin] = 'all' in c ? ['，且', ' and '] : ['，或', ' or '];
    return { zh: ps.map((p) => p.zh).join(zhJoin), en: ps.map((p) => p.en ?? p.zh).join(enJoin) };
  }
  if ('not' in c || 'answered' in c) return null;
  const values = 'eq' in c ? (typeof c.eq === 'string' ? [c.eq] : c.eq) : 'in' in c ? c.in : 'includes' in c ? [c.includes] : 'includesAny' in c ? c.includesAny : c.includesAll;
  return leafWords(c.answer, values, flow);
}

/** The answers with the role the person confirmed at identification. */
export function withRole(answers: Answers, role: 'legal_rep' | 'agent' | null): Answers {
  if (!role || answers.has(ROLE_QUESTION)) return answers;
  return new Map([...answers, [ROLE_QUESTION, role]]);
}

/**
 * Everything the person still has to provide for an item, from one source: the guide's materials
 * after the flow's answers and the person's 免证 / 告知承诺 choices. Left out, with the reason: what
 * the outcome did not ask for, what does not apply, what the platform holds (免提交 e-certificates,
 * ones the person agreed to use) and what the kiosk produced (its form, the signed 告知承诺书). What
 * depends on a question not answered yet stays, marked 如适用.
 */
export function stillToProvide(input: ProvideInput): StillToProvide {
  const { item, answers, flow } = input;
  const named = input.materialIds && input.materialIds.length > 0 ? new Set(input.materialIds) : null;
  const ecerts = new Set(input.choices?.ecertMaterialIds ?? []);
  const committed = input.choices?.committed === true;
  const kioskForm = input.choices?.kioskFormId ?? null;
  const entries: ProvideEntry[] = [];
  const settled: { material: Material; why: SettledWhy }[] = [];
  for (const m of item.guide.materials) {
    const applies = conditionHolds(m.appliesWhen, answers);
    const why: SettledWhy | null =
      named && !named.has(m.id) ? 'not-asked-for'
      : applies === 'no' ? 'not-applicable'
      : m.eCertificate?.mode === 'exempt_submission' ? 'exempt'
      : ecerts.has(m.id) ? 'ecert'
      : kioskForm !== null && m.formId === kioskForm ? 'kiosk-form'
      : committed && (m.commitmentLetter || m.commitmentAllowed) ? 'commitment'
      : null;
    if (why) {
      settled.push({ material: m, why });
      continue;
    }
    const conditional = applies === 'unknown';
    entries.push({
      material: m,
      conditional,
      condition: conditional && m.appliesWhen ? conditionWords(m.appliesWhen, flow) : null,
      optional: m.necessity === 'optional',
      deferral: m.necessity === 'deferrable' ? (m.deferral?.deadline ?? null) : null,
      paperOnly: m.medium.length === 1 && m.medium[0] === 'paper',
    });
  }
  return { entries, settled, windowVisit: entries.some((e) => e.paperOnly && !e.conditional && !e.optional) };
}

type Copies = Pick<Material, 'originalOrCopy' | 'originalCount' | 'copyCount'>;
/** Originals asked for (null: none; 0: the guide gives no count), and copies the same. */
const originalsOf = (m: Copies): number | null => (m.originalOrCopy !== 'copy' || m.originalCount > 0 ? m.originalCount : null);
const copiesOf = (m: Copies): number | null => (m.originalOrCopy !== 'original' || m.copyCount > 0 ? m.copyCount : null);

/** The copies to hand in, in Chinese as printed paper says it: 原件1份，复印件2份 (the count only when the guide gives one). */
export const handInZh = (m: Copies): string => handInText(originalsOf(m), copiesOf(m));

/** A duration in Chinese: 5个工作日, 当场. */
export const durationZh = (d: Duration): string =>
  d.unit === 'on_the_spot' ? '当场' : `${d.value}${d.unit === 'working_day' ? '个工作日' : d.unit === 'natural_day' ? '个自然日' : '小时'}`;

/**
 * The list as the platform records it with an application and as paper prints it (Chinese): the same
 * words on the receipt, on a receipt reprinted at another kiosk and on the public page behind its QR code.
 */
export function provideRecord(list: StillToProvide): MaterialToProvide[] {
  return list.entries.map((e) => ({
    materialId: e.material.id,
    name: e.material.name.zh,
    handIn: handInZh(e.material),
    ifApplicable: e.conditional ? (e.condition?.zh ?? '') : null,
    optional: e.optional,
    deferral: e.deferral ? `${durationZh(e.deferral)}内补交` : null,
    paperOnly: e.paperOnly,
  }));
}

const UNIT = { working_day: 'w', natural_day: 'n', hour: 'h', on_the_spot: 'h' } as const;

/** The list for a QR code: the platform's public page (what a phone opens) shows the same entries. */
export function provideLink(list: StillToProvide): LinkedMaterial[] {
  return list.entries.map((e) => ({
    id: e.material.id,
    originals: originalsOf(e.material),
    copies: copiesOf(e.material),
    paperOnly: e.paperOnly,
    conditional: e.conditional,
    optional: e.optional,
    deferral: e.deferral ? { value: e.deferral.unit === 'on_the_spot' ? 0 : e.deferral.value, unit: UNIT[e.deferral.unit] } : null,
  }));
}
