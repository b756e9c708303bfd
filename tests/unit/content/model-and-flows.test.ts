import { describe, expect, it } from 'vitest';
import {
  checkContent,
  contentSet,
  evalFieldRule,
  explainFieldRule,
  outcomeMaterials,
  walkFlow,
  type ContentSet,
  type SituationFlow,
} from '../../../content-bundle/model';
import { loadContentDir } from '../../../content-bundle/bundle/pack';
import { samplePaths } from '../../../services/config';
import { renderSample } from '../../../content/src/export-sample';
import { sampleContent } from '../../../content/src/index';
import fs from 'node:fs';
import path from 'node:path';

const sample = contentSet.parse(sampleContent);
const clone = (): ContentSet => structuredClone(sample);
const flowOf = (c: ContentSet, id: string): SituationFlow => {
  const f = c.flows.find((x) => x.id === id);
  if (!f) throw new Error(id);
  return f;
};
const messages = (c: ContentSet) => checkContent(c).map((i) => `${i.where}: ${i.message}`);

describe('sample content', () => {
  it('covers the enterprise life cycle with the required breadth and passes every check', () => {
    expect(sample.items.length).toBeGreaterThanOrEqual(30);
    expect(sample.flows.length).toBeGreaterThanOrEqual(5);
    expect(sample.packages.length).toBeGreaterThanOrEqual(3);
    expect(sample.policies.length).toBeGreaterThanOrEqual(10);
    expect(sample.servicePoints.length).toBeGreaterThanOrEqual(8);
    for (const stage of ['start', 'change', 'licence', 'hr', 'exit'] as const) expect(sample.items.some((i) => i.stages.includes(stage))).toBe(true);
    expect(sample.items.filter((i) => i.kioskFilable).every((i) => sample.forms.some((f) => f.id === i.formId))).toBe(true);
    expect(checkContent(sample)).toEqual([]);
  });

  it('the committed JSON directory is exactly what the TypeScript sources render', () => {
    for (const [file, text] of Object.entries(renderSample())) {
      expect(fs.readFileSync(path.join(samplePaths.contentDir, file), 'utf8'), file).toBe(text);
    }
    expect(loadContentDir(samplePaths.contentDir).ok).toBe(true);
  });

  it('refuses a policy whose rules have no labels for the public (it would show rule code)', () => {
    const c = clone();
    const policy = c.policies[0]!;
    policy.ruleLabels = [];
    expect(messages(c)).toContainEqual(expect.stringMatching(new RegExp(`^policy ${policy.id}: \\d+ rules but 0 labels$`)));
  });

  it('refuses unknown fields and wrong types with a path to the problem', () => {
    const bad = structuredClone(sampleContent) as any;
    bad.items[0].maxVisits = 'once';
    bad.items[1].guide.materials[0].necessity = 'maybe';
    const r = contentSet.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['items.0.maxVisits', 'items.1.guide.materials.0.necessity']));
  });
});

describe('flow static checks', () => {
  it('reports a route to a missing node', () => {
    const c = clone();
    const q = flowOf(c, 'flow_food_licence').nodes.q_vending;
    if (q?.kind !== 'outcome' && q) q.routes = [{ goto: 'q_nowhere' }];
    expect(messages(c)).toContain('flow flow_food_licence: node q_vending routes to missing node q_nowhere');
  });

  it('reports an outcome linking an item (before or after) that the content lacks', () => {
    const c = clone();
    const out = flowOf(c, 'flow_food_licence').nodes.out_materials;
    if (out?.kind === 'outcome') out.nextItemCodes = ['NH-XXX-9999'];
    expect(messages(c)).toContain('flow flow_food_licence: outcome out_materials links unknown item NH-XXX-9999');
  });

  it('reports unreachable nodes', () => {
    const c = clone();
    flowOf(c, 'flow_road_freight').nodes.out_orphan = { kind: 'outcome', result: 'refer_to_window', materialIds: [] };
    expect(messages(c)).toContain('flow flow_road_freight: node out_orphan is not reachable from q_weight');
  });

  it('reports cycles (a path that never ends at an outcome)', () => {
    const c = clone();
    const q = flowOf(c, 'flow_public_hygiene').nodes.q_central_ac;
    if (q && q.kind !== 'outcome') q.routes = [{ goto: 'q_route' }];
    expect(messages(c).some((m) => m.includes('cycle through node'))).toBe(true);
  });

  it('reports outcomes naming materials or forms that do not exist', () => {
    const c = clone();
    const f = flowOf(c, 'flow_deregistration');
    const out = f.nodes.out_general;
    if (out?.kind === 'outcome') {
      out.materialIds = [...out.materialIds, 'm_ghost'];
      out.formId = 'f_ghost';
    }
    expect(messages(c)).toEqual(expect.arrayContaining([
      'flow flow_deregistration: outcome out_general names unknown material m_ghost',
      'flow flow_deregistration: outcome out_general names unknown form f_ghost',
    ]));
  });

  it('reports routes on unknown options, on questions not yet answered, and routes that fall through', () => {
    const c = clone();
    const f = flowOf(c, 'flow_road_freight');
    const w = f.nodes.q_weight;
    if (w && w.kind !== 'outcome') w.routes = [{ when: { answer: 'q_weight', eq: 'medium' }, goto: 'out_exempt' }, { when: { answer: 'q_dangerous', eq: 'yes' }, goto: 'q_dangerous' }];
    const m = messages(c);
    expect(m).toContain('flow flow_road_freight: node q_weight: medium is not an option of q_weight');
    expect(m).toContain('flow flow_road_freight: node q_weight reads q_dangerous, which is not answered on every path to it');
    expect(m).toContain('flow flow_road_freight: node q_weight: routes do not cover every answer (end with a route without "when")');
  });

  it('reports a material condition naming a question the flow does not have', () => {
    const c = clone();
    const item = c.items.find((i) => i.code === 'NH-AMR-0301');
    if (item?.guide.materials[0]) item.guide.materials[0].appliesWhen = { answer: 'q_colour', eq: 'red' };
    expect(messages(c)).toContain('flow flow_food_licence: material m_food_application reads q_colour, which is not a question of this flow');
  });

  it('reports a 告知承诺书 to be signed on the kiosk in an item that has no commitment to sign', () => {
    const c = clone();
    const item = c.items.find((i) => i.code === 'NH-AMR-0301');
    if (item?.guide.materials[0]) item.guide.materials[0].commitmentLetter = true;
    expect(item?.notifyAndCommit).toBe(false);
    expect(messages(c)).toContain('item NH-AMR-0301: material m_food_application is the 告知承诺书 but the item is not notify-and-commit');
  });

  it('an item that creates an enterprise can take nothing from an enterprise profile or its certificates', () => {
    // The sample's set-up registrations pass as they are …
    const creating = sample.items.filter((i) => i.createsEnterprise).map((i) => i.code);
    expect(creating.length).toBeGreaterThan(0);
    expect(sample.items.filter((i) => creating.includes(i.code)).every((i) => i.stages.includes('start'))).toBe(true);
    // … but not once their form is prefilled from the profile, or their rules read the enterprise.
    const c = clone();
    const setup = c.items.find((i) => i.code === creating[0])!;
    c.forms.find((f) => f.id === setup.formId)!.sections[0]!.fields[0]!.prefill = 'enterprise.name';
    const withRules = c.items.find((i) => i.smartApproval)!;
    withRules.createsEnterprise = true;
    const found = messages(c);
    expect(found.some((m) => m.startsWith(`item ${setup.code}: creates an enterprise, but form field`))).toBe(true);
    expect(found.some((m) => m.startsWith(`item ${withRules.code}: creates an enterprise, but smart-approval rule reads enterprise.`))).toBe(true);
  });
});

describe('flow evaluation', () => {
  const food = flowOf(sample, 'flow_food_licence');
  const item = sample.items.find((i) => i.code === 'NH-AMR-0301');
  if (!item) throw new Error('food item');

  it('a restaurant run by an agent needs the layout plan and the power of attorney, not the vending papers', () => {
    const answers = new Map<string, string | string[]>([['q_subject', 'enterprise'], ['q_scope', ['hot_food', 'prepackaged']], ['q_vending', 'no'], ['q_who', 'agent']]);
    const step = walkFlow(food, answers);
    expect(step).toEqual({ kind: 'outcome', nodeId: 'out_materials' });
    const ids = outcomeMaterials(item, [], answers).map((m) => m.id);
    expect(ids).toEqual(['m_food_application', 'm_business_licence', 'm_layout', 'm_food_safety_rules', 'm_power_of_attorney']);
  });

  it('selling prepackaged food only leads to the filing item instead', () => {
    const step = walkFlow(food, new Map<string, string | string[]>([['q_subject', 'individual'], ['q_scope', ['prepackaged']]]));
    expect(step).toEqual({ kind: 'outcome', nodeId: 'out_filing' });
  });

  it('stops at the first unanswered question', () => {
    expect(walkFlow(food, new Map([['q_subject', 'enterprise']]))).toEqual({ kind: 'question', nodeId: 'q_scope' });
  });
});

describe('eligibility rules', () => {
  const profile = {
    district: '南海区', city: '佛山市', size: 'small', employees: 40, standing: 'normal', entityType: '有限责任公司',
    registrationDate: '2024-06-01', tags: ['高新技术企业', '小型微利企业'], industry: { section: 'C', code: '3360', name: '金属表面处理' },
  };
  const now = new Date('2026-11-25T00:00:00Z');

  it('matches with reasons per clause', () => {
    const hte = sample.policies.find((p) => p.id === 'pol_nanhai_hte_award');
    if (!hte) throw new Error('policy');
    expect(explainFieldRule(hte.eligibility, profile, now)).toEqual({ matched: true, reasons: [{ rule: expect.any(String), passed: true }, { rule: expect.any(String), passed: true }] });
    const elsewhere = explainFieldRule(hte.eligibility, { ...profile, district: '禅城区' }, now);
    expect(elsewhere.matched).toBe(false);
    expect(elsewhere.reasons.map((r) => r.passed)).toEqual([false, true]);
  });

  it('supports date-age, between, exists and not, and a missing field fails', () => {
    expect(evalFieldRule({ field: 'registrationDate', ageYears: { gte: 2 } }, profile, now)).toBe(true);
    expect(evalFieldRule({ field: 'registrationDate', ageYears: { gte: 3 } }, profile, now)).toBe(false);
    expect(evalFieldRule({ field: 'employees', between: [10, 50] }, profile, now)).toBe(true);
    expect(evalFieldRule({ field: 'nameEn', exists: true }, profile, now)).toBe(false);
    expect(evalFieldRule({ not: { field: 'industry.section', in: ['H', 'F'] } }, profile, now)).toBe(true);
    expect(evalFieldRule({ field: 'revenue', gte: 0 }, profile, now)).toBe(false);
  });
});
