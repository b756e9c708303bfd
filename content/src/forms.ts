import type { z } from 'zod';
import type { formDefinition, formField } from '../../content-bundle/model';
import { t } from './helpers';

type Form = z.input<typeof formDefinition>;
type Field = z.input<typeof formField>;
const f = (id: string, zh: string, en: string, rest: Partial<Field> = {}): Field => ({ id, type: 'text', label: t(zh, en), ...rest });

/** What people in a Nanhai hall write into address fields most: the district, its towns and main roads. */
const ADDRESS_PHRASES = ['佛山市南海区', '桂城街道', '大沥镇', '狮山镇', '里水镇', '西樵镇', '南海大道北', '号', '首层', '铺'];
/** The usual wording of a 经营范围 (as the register's standard catalogue words it). */
const SCOPE_PHRASES = ['餐饮服务', '食品销售', '预包装食品销售', '热食类食品制售', '日用百货销售', '五金产品批发', '货物进出口', '技术服务'];
/** 变更后内容 takes a name, an address, a person or a scope: the words those most often need. */
const CHANGE_PHRASES = ['佛山市南海区', '佛山市', '有限公司', '桂城街道', '南海大道北', '号', '食品销售', '餐饮服务'];

const enterpriseSection = {
  title: t('企业信息', 'Enterprise'),
  fields: [
    f('creditCode', '统一社会信用代码', 'Unified social credit code', { input: 'creditCode', validation: 'credit_code', prefill: 'enterprise.creditCode', maxLength: 18 }),
    f('enterpriseName', '企业名称', 'Enterprise name', { input: 'chinese', prefill: 'enterprise.name' }),
  ],
};
const contactSection = {
  title: t('经办人', 'Applicant'),
  fields: [
    f('agentName', '经办人姓名', 'Agent name', { input: 'chinese', prefill: 'id_card.name' }),
    f('agentIdNumber', '经办人身份证号码', 'Agent ID number', { input: 'idNumber', validation: 'id_number', prefill: 'id_card.number', maxLength: 18 }),
    f('agentPhone', '联系电话', 'Mobile phone', { input: 'phone', validation: 'mobile_phone', prefill: 'person.mobile', help: t('用于接收办理进度短信', 'For progress text messages') }),
  ],
};

/** Forms for the items the kiosk files end to end. */
export const forms: Form[] = [
  {
    id: 'f_company_setup', title: t('公司登记（备案）申请书', 'Company registration application'), itemCode: 'NH-AMR-0101',
    sections: [
      { title: t('拟设立公司', 'Proposed company'), fields: [
        f('proposedName', '拟用名称', 'Proposed name', { input: 'chinese', phrases: ['佛山市', '佛山市南海区', '有限公司', '有限责任公司', '科技', '贸易', '餐饮'], help: t('名称须经自主申报，包含行政区划、字号、行业、组织形式', 'Region, trade name, industry, legal form') }),
        f('registeredCapitalWan', '注册资本（万元）', 'Registered capital (10k yuan)', { input: 'money', type: 'amount', validation: 'amount' }),
        f('address', '住所', 'Registered address', { input: 'chinese', type: 'textarea', maxLength: 200, phrases: ADDRESS_PHRASES }),
        f('businessScope', '经营范围', 'Business scope', { input: 'chinese', type: 'textarea', maxLength: 1000, phrases: SCOPE_PHRASES }),
        f('legalRepName', '法定代表人姓名', 'Legal representative', { input: 'chinese', prefill: 'id_card.name' }),
        f('legalRepIdNumber', '法定代表人身份证号码', 'Legal representative ID', { input: 'idNumber', validation: 'id_number', prefill: 'id_card.number' }),
      ] },
      contactSection,
    ],
  },
  {
    id: 'f_individual_setup', title: t('个体工商户登记（备案）申请书', 'Individual business registration'), itemCode: 'NH-AMR-0102',
    sections: [
      { title: t('经营者', 'Operator'), fields: [
        f('operatorName', '经营者姓名', 'Operator name', { input: 'chinese', prefill: 'id_card.name' }),
        f('operatorIdNumber', '经营者身份证号码', 'Operator ID number', { input: 'idNumber', validation: 'id_number', prefill: 'id_card.number' }),
        f('operatorAddress', '住所', 'Home address', { input: 'chinese', prefill: 'id_card.address' }),
        f('phone', '联系电话', 'Mobile phone', { input: 'phone', validation: 'mobile_phone', prefill: 'person.mobile' }),
      ] },
      { title: t('经营信息', 'Business'), fields: [
        f('tradeName', '字号名称', 'Trade name', { input: 'chinese', required: false }),
        f('premises', '经营场所', 'Premises', { input: 'chinese', type: 'textarea', phrases: ADDRESS_PHRASES }),
        f('capitalYuan', '资金数额（元）', 'Capital (yuan)', { input: 'money', type: 'amount', validation: 'amount' }),
        f('form', '组成形式', 'Form', { type: 'select', options: [{ value: 'personal', label: t('个人经营', 'Run by one person') }, { value: 'family', label: t('家庭经营', 'Run by a family') }] }),
      ] },
    ],
  },
  {
    id: 'f_company_change', title: t('公司登记（备案）申请书（变更）', 'Company change application'), itemCode: 'NH-AMR-0201',
    sections: [enterpriseSection, { title: t('变更事项', 'Change'), fields: [
      f('changeItem', '变更事项', 'What changes', { type: 'select', prefill: 'change.item', options: [
        { value: 'name', label: t('名称', 'Name'), itemCode: 'NH-AMR-0201', current: 'enterprise.name' },
        { value: 'address', label: t('住所', 'Registered address'), itemCode: 'NH-AMR-0202', current: 'enterprise.registeredAddress' },
        { value: 'legal_rep', label: t('法定代表人', 'Legal representative'), itemCode: 'NH-AMR-0203', current: 'enterprise.legalRepresentative' },
        { value: 'scope', label: t('经营范围', 'Business scope'), itemCode: 'NH-AMR-0204', current: 'enterprise.businessScope', extends: true },
      ] }),
      f('before', '变更前内容', 'Before', { input: 'chinese', type: 'textarea', prefill: 'change.before', phrases: CHANGE_PHRASES }),
      f('after', '变更后内容', 'After', { input: 'chinese', type: 'textarea', prefill: 'change.after', phrases: CHANGE_PHRASES }),
      f('resolutionDate', '决议日期', 'Date of the resolution', { input: 'date', type: 'date', validation: 'date', help: t('应自决议之日起30日内申请', 'Apply within 30 days of the resolution') }),
    ] }, contactSection],
  },
  {
    id: 'f_prepack_filing', title: t('仅销售预包装食品备案信息表', 'Prepackaged food filing'), itemCode: 'NH-AMR-0304',
    sections: [enterpriseSection, { title: t('经营信息', 'Business'), fields: [
      f('premises', '经营场所', 'Premises', { input: 'chinese', type: 'textarea', prefill: 'enterprise.registeredAddress', phrases: ADDRESS_PHRASES }),
      f('chilled', '是否含冷藏冷冻食品', 'Chilled or frozen food', { type: 'checkbox', required: false }),
      f('foodSafetyManager', '食品安全管理人员', 'Food safety manager', { input: 'chinese' }),
      f('managerPhone', '食品安全管理人员电话', 'Manager phone', { input: 'phone', validation: 'phone' }),
    ] }, contactSection],
  },
  {
    id: 'f_social_insurance', title: t('社会保险登记表（单位）', 'Employer social insurance registration'), itemCode: 'NH-SI-1001',
    sections: [enterpriseSection, { title: t('参保信息', 'Insurance'), fields: [
      f('legalRep', '法定代表人', 'Legal representative', { input: 'chinese', prefill: 'enterprise.legalRepresentative' }),
      f('employees', '参保职工人数', 'Insured employees', { input: 'digits', type: 'number', prefill: 'enterprise.employees' }),
      f('bankAccount', '缴费银行账号', 'Bank account', { input: 'digits', maxLength: 32 }),
      f('startDate', '参保起始日期', 'Start date', { input: 'date', type: 'date', validation: 'date' }),
    ] }, contactSection],
  },
  {
    id: 'f_housing_fund', title: t('住房公积金单位缴存登记表', 'Housing fund registration'), itemCode: 'NH-HPF-1002',
    sections: [enterpriseSection, { title: t('缴存信息', 'Contribution'), fields: [
      f('contributionRate', '单位缴存比例（%）', 'Employer rate (%)', { input: 'money', type: 'number', help: t('5%至12%', '5% to 12%') }),
      f('staffCount', '缴存人数', 'Contributing staff', { input: 'digits', type: 'number', prefill: 'enterprise.employees' }),
      f('firstMonth', '首次缴存月份', 'First month', { input: 'date', type: 'date', validation: 'date' }),
    ] }, contactSection],
  },
  {
    id: 'f_employment', title: t('用人单位招用人员就业登记表', 'Employment registration'), itemCode: 'NH-HRS-1003',
    sections: [enterpriseSection, { title: t('劳动者', 'Worker'), fields: [
      f('workerName', '劳动者姓名', 'Worker name', { input: 'chinese', prefill: 'contract.workerName' }),
      f('workerIdNumber', '劳动者身份证号码', 'Worker ID number', { input: 'idNumber', validation: 'id_number', prefill: 'contract.workerIdNumber' }),
      f('contractStart', '劳动合同起始日期', 'Contract start', { input: 'date', type: 'date', validation: 'date', prefill: 'contract.startDate' }),
      f('monthlyWage', '月工资（元）', 'Monthly wage (yuan)', { input: 'money', type: 'amount', validation: 'amount', prefill: 'contract.monthlyWage' }),
    ] }, contactSection],
  },
  {
    id: 'f_food_renewal', title: t('食品经营许可延续申请书', 'Food business licence renewal application'), itemCode: 'NH-AMR-0302',
    sections: [enterpriseSection, { title: t('许可信息', 'Licence'), fields: [
      f('licenceNumber', '原食品经营许可证编号', 'Current licence number', { input: 'code', prefill: 'enterprise.licence.food-business-licence', maxLength: 20, help: t('以JY开头的14位编号', '14 characters starting with JY') }),
      f('premises', '经营场所', 'Premises', { input: 'chinese', type: 'textarea', prefill: 'enterprise.registeredAddress', phrases: ADDRESS_PHRASES }),
      f('conditionsUnchanged', '经营条件未发生变化', 'Operating conditions are unchanged', { type: 'checkbox', required: false }),
    ] }, contactSection],
  },
  {
    id: 'f_hygiene_renewal', title: t('公共场所卫生许可证延续申请表', 'Public place hygiene licence renewal'), itemCode: 'NH-HLT-0402',
    sections: [enterpriseSection, { title: t('场所信息', 'Premises'), fields: [
      f('licenceNumber', '原卫生许可证编号', 'Current licence number', { input: 'chinese', prefill: 'enterprise.licence.public-place-hygiene-licence', maxLength: 30 }),
      f('premises', '经营场所', 'Premises', { input: 'chinese', type: 'textarea', prefill: 'enterprise.registeredAddress', phrases: ADDRESS_PHRASES }),
      f('areaSqm', '经营面积（平方米）', 'Floor area (m²)', { type: 'number', input: 'money' }),
      f('conditionsUnchanged', '卫生条件和设施未发生变化', 'Hygiene conditions and facilities are unchanged', { type: 'checkbox', required: false }),
    ] }, contactSection],
  },
];
