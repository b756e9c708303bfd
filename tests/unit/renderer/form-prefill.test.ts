import { describe, expect, it } from 'vitest';
import { contentSet, type EnterpriseProfile } from '../../../contract';
import { sampleContent } from '../../../content/src/index';
import { beforeValue, contractValues, prefillValues, roleMismatch, takesContract } from '../../../renderer/src/features/form/prefill';

/** What the form fills from the register, the card and the item chosen, before the person types anything. */
const sample = contentSet.parse(sampleContent);
const form = (id: string) => sample.forms.find((f) => f.id === id)!;
const profile: EnterpriseProfile = {
  creditCode: '91440605MA4UL2K84H',
  name: '佛山市南海区桂城粤味轩餐饮有限公司',
  legalRepresentative: '陈志强',
  registeredAddress: '佛山市南海区桂城街道南海大道北68号首层101铺',
  district: '南海区',
  city: '佛山市',
  industry: { section: 'H', code: '6210', name: '正餐服务' },
  size: 'micro',
  registeredCapitalWan: 50,
  employees: 12,
  registrationDate: '2019-03-01',
  standing: 'normal',
  entityType: '有限责任公司',
  tags: [],
  licences: [{ kind: 'food-business-licence', name: '食品经营许可证', number: 'JY24406050123456', validUntil: '2027-01-01' }],
};
const person = { name: '黄测试', idNumber: '440605199001011232', address: null };

describe('form prefill from the register', () => {
  it('住所变更登记: 变更事项 is 住所, 变更前内容 the registered address, credit code and name from the profile', () => {
    const v = prefillValues(form('f_company_change'), person, profile, profile.creditCode, 'agent', 'NH-AMR-0202');
    expect(v.changeItem).toBe('address');
    expect(v.before).toBe(profile.registeredAddress);
    expect(v.creditCode).toBe(profile.creditCode);
    expect(v.enterpriseName).toBe(profile.name);
    expect(v.agentName).toBe('黄测试');
  });

  it('the contact phone is the real-name account\'s mobile when the platform has one, and stays empty to type when not', () => {
    for (const id of ['f_company_change', 'f_individual_setup', 'f_social_insurance']) {
      const f = form(id);
      const phoneField = f.sections.flatMap((s) => s.fields).find((x) => x.validation === 'mobile_phone')!;
      expect(prefillValues(f, { ...person, mobile: '13926541208' }, profile, profile.creditCode, 'agent')[phoneField.id], id).toBe('13926541208');
      expect(prefillValues(f, { ...person, mobile: null }, profile, profile.creditCode, 'agent')[phoneField.id], id).toBeUndefined();
    }
  });

  it('another 变更事项 brings its own 变更前内容; 经营范围 comes from the register when the platform reports it', () => {
    expect(beforeValue(form('f_company_change'), 'name', profile)).toBe(profile.name);
    expect(beforeValue(form('f_company_change'), 'legal_rep', profile)).toBe('陈志强');
    expect(beforeValue(form('f_company_change'), 'scope', { ...profile, businessScope: '餐饮服务' })).toBe('餐饮服务');
    expect(beforeValue(form('f_company_change'), 'scope', { ...profile, businessScope: undefined })).toBeUndefined();
  });

  it('a 经营范围 change starts 变更后内容 from today\'s scope to add to; a name change starts it empty', () => {
    const withScope = { ...profile, businessScope: '餐饮服务' };
    const scope = prefillValues(form('f_company_change'), person, withScope, withScope.creditCode, 'agent', 'NH-AMR-0204');
    expect([scope.before, scope.after]).toEqual(['餐饮服务', '餐饮服务']);
    const name = prefillValues(form('f_company_change'), person, withScope, withScope.creditCode, 'agent', 'NH-AMR-0201');
    expect(name.before).toBe(withScope.name);
    expect(name.after).toBeUndefined();
  });

  it('就业登记 takes the worker from the e-labour contract picked, and nothing before one is picked', () => {
    const employment = form('f_employment');
    expect(takesContract(employment)).toBe(true);
    expect(takesContract(form('f_company_change'))).toBe(false);
    const pre = prefillValues(employment, person, profile, profile.creditCode, 'agent', 'NH-HRS-1003');
    expect([pre.workerName, pre.workerIdNumber]).toEqual([undefined, undefined]);
    const contract = { contractId: 'LC-1', workerName: '李建国', workerIdNumber: '440605199203151237', startDate: '2026-12-01', monthlyWage: 4500 };
    expect(contractValues(employment, contract)).toEqual({ workerName: '李建国', workerIdNumber: '440605199203151237', contractStart: '2026-12-01', monthlyWage: '4500' });
  });

  it('a renewal gets the licence number the register holds', () => {
    expect(prefillValues(form('f_food_renewal'), person, profile, null, 'agent', 'NH-AMR-0302').licenceNumber).toBe('JY24406050123456');
    expect(prefillValues(form('f_hygiene_renewal'), person, profile, null, 'agent', 'NH-HLT-0402').licenceNumber).toBeUndefined();
  });

  it('warns when the person chose 法定代表人 but the register names someone else', () => {
    expect(roleMismatch('legal_rep', '黄测试', profile)).toBe(true);
    expect(roleMismatch('legal_rep', '陈志强', profile)).toBe(false);
    expect(roleMismatch('agent', '黄测试', profile)).toBe(false);
    expect(roleMismatch('legal_rep', '黄测试', null)).toBe(false);
  });
});
