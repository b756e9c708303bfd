import { describe, expect, it } from 'vitest';
import {
  contentSet, provideLink, provideRecord, stillToProvide, withRole, type Answers, type ServiceItem,
} from '../../../content-bundle/model';
import { decodeMaterialsLink, encodeMaterialsLink } from '../../../platform-wire/model';
import { sampleContent } from '../../../content/src/index';

/** The one list of what a person still has to provide: after the flow's answers and the 免证 / 告知承诺 choices. */
const sample = contentSet.parse(sampleContent);
const item = (code: string): ServiceItem => sample.items.find((i) => i.code === code)!;
const flow = (id: string) => sample.flows.find((f) => f.id === id)!;
const answers = (a: Record<string, string | string[]>): Answers => new Map(Object.entries(a));
const names = (l: ReturnType<typeof stillToProvide>) => l.entries.map((e) => e.material.name.zh);

describe('what a founder still has to provide (有限责任公司设立登记)', () => {
  const setup = item('NH-AMR-0101');
  const setupFlow = flow('flow_company_setup');
  const list = (a: Record<string, string>, role: 'legal_rep' | 'agent' | null) =>
    stillToProvide({ item: setup, answers: withRole(answers(a), role), flow: setupFlow, choices: { kioskFormId: setup.formId ?? null } });

  it('a rented place: the lease appears, the ownership proof does not; an agent brings the 授权委托书', () => {
    const l = list({ q_subject: 'natural_persons', q_premises: 'rented', q_pre_approval: 'no' }, 'agent');
    expect(names(l)).toContain('住所租赁合同及出租方产权证明');
    expect(names(l)).not.toContain('住所产权证明（不动产权证书）');
    expect(names(l)).toContain('授权委托书及经办人身份证件');
    expect(l.entries.every((e) => !e.conditional)).toBe(true);
  });

  it('an owned place and the legal representative in person: no lease, no 授权委托书', () => {
    const l = list({ q_subject: 'natural_persons', q_premises: 'owned', q_pre_approval: 'no' }, 'legal_rep');
    expect(names(l)).toContain('住所产权证明（不动产权证书）');
    expect(names(l)).not.toContain('住所租赁合同及出租方产权证明');
    expect(names(l)).not.toContain('授权委托书及经办人身份证件');
  });

  it('nothing the kiosk produced or the platform holds: the form filled here, the ID checked by the card', () => {
    const l = list({ q_subject: 'natural_persons', q_premises: 'rented', q_pre_approval: 'no' }, 'agent');
    expect(l.settled.find((s) => s.material.id === 'm_application')?.why).toBe('kiosk-form');
    expect(l.settled.find((s) => s.material.id === 'm_shareholder_id')?.why).toBe('exempt');
    expect(names(l)).not.toContain('公司登记（备案）申请书');
  });

  it('before the questions are answered, what depends on them is 如适用 with the condition in words', () => {
    const l = stillToProvide({ item: setup, answers: answers({}), flow: setupFlow });
    const lease = l.entries.find((e) => e.material.id === 'm_premises_lease')!;
    expect(lease).toMatchObject({ conditional: true, condition: { zh: '租赁场所' } });
    const agent = l.entries.find((e) => e.material.id === 'm_power_of_attorney')!;
    expect(agent.condition?.zh).toBe('受委托的经办人');
    expect(provideRecord(l).find((r) => r.materialId === 'm_premises_lease')).toMatchObject({ ifApplicable: '租赁场所', handIn: '复印件1份' });
    expect(l.windowVisit).toBe(false);
  });
});

describe('an agent changing the registered address (住所变更, reached through the change flow)', () => {
  const address = item('NH-AMR-0202');
  const out = flow('flow_company_change').nodes.out_address;
  const ids = out && out.kind === 'outcome' ? out.materialIds : [];

  it('brings the 授权委托书 and the new-premises proof; the kiosk’s own form is not asked for', () => {
    const l = stillToProvide({ item: address, answers: withRole(answers({ q_change: 'address' }), 'agent'), materialIds: ids, choices: { kioskFormId: 'f_company_change' } });
    expect(names(l)).toEqual(['股东会决议或股东决定', '章程修正案或修改后的公司章程', '授权委托书及经办人身份证件', '新住所使用证明']);
    // The role is known without the flow asking it: 委托他人办理的 words come from the kiosk itself.
    const unknownRole = stillToProvide({ item: address, answers: answers({}), materialIds: ids });
    expect(unknownRole.entries.find((e) => e.material.id === 'm_power_of_attorney')?.condition?.zh).toBe('委托他人办理的');
  });
});

describe('choices', () => {
  it('an e-certificate the person agreed to use and the signed 告知承诺书 are not asked for again', () => {
    const food = item('NH-AMR-0304');
    expect(names(stillToProvide({ item: food, answers: answers({}), choices: { ecertMaterialIds: ['m_business_licence'] } }))).not.toContain('营业执照');
    const hygiene = item('NH-HLT-0402');
    const unsigned = stillToProvide({ item: hygiene, answers: answers({}), choices: { kioskFormId: 'f_hygiene_renewal' } });
    expect(names(unsigned)).toEqual(['告知承诺书']);
    expect(stillToProvide({ item: hygiene, answers: answers({}), choices: { kioskFormId: 'f_hygiene_renewal', committed: true } }).entries).toEqual([]);
  });

  it('a paper-only material that applies means a window visit; an optional one does not', () => {
    const dereg = item('NH-AMR-0901');
    expect(stillToProvide({ item: dereg, answers: answers({ q_debts: 'some' }) }).windowVisit).toBe(true);
    const name = item('NH-AMR-0201');
    const l = stillToProvide({ item: name, answers: withRole(answers({ q_change: 'name' }), 'legal_rep'), choices: { kioskFormId: 'f_company_change' } });
    expect(l.entries.find((e) => e.material.id === 'm_licence_original')).toMatchObject({ optional: true, paperOnly: true });
    expect(l.windowVisit).toBe(false);
  });
});

describe('every 零跑动 item of the sample: nothing that surely applies needs a window', () => {
  it.each(sample.items.filter((i) => i.maxVisits === 0).map((i) => [i.code, i] as const))('%s', (_code, it) => {
    expect(stillToProvide({ item: it, answers: answers({}) }).windowVisit).toBe(false);
  });
});

describe('the QR code’s list reads back as it was written', () => {
  it('for every sample item', () => {
    for (const it of sample.items) {
      const link = provideLink(stillToProvide({ item: it, answers: answers({}) }));
      expect(decodeMaterialsLink(encodeMaterialsLink(link)), it.code).toEqual(link);
    }
    expect(decodeMaterialsLink('m_x.1.x.p~<script>')).toBeNull();
  });
});
