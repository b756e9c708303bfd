import type { z } from 'zod';
import type { situationFlow } from '../../content-bundle/model';
import { t } from './helpers';

type Flow = z.input<typeof situationFlow>;
const who = (next: string) => ({
  kind: 'single' as const,
  title: t('现在办理的是？', 'Who is applying?'),
  options: [
    { value: 'legal_rep', label: t('法定代表人（负责人、经营者）本人', 'The legal representative in person') },
    { value: 'agent', label: t('受委托的经办人', 'An authorised agent') },
  ],
  routes: [{ goto: next }],
});
const windowOutcome = { kind: 'outcome' as const, result: 'refer_to_window' as const, message: t('您的情况较特殊，请到综合窗口咨询。', 'Your case needs advice: please go to the comprehensive window.') };

/** Guided situation flows (情形引导). Every outcome names the exact materials and form. */
export const flows: Flow[] = [
  {
    id: 'flow_company_setup', title: t('有限责任公司设立：需要准备哪些材料', 'Setting up an LLC: what to prepare'), itemCode: 'NH-AMR-0101', start: 'q_subject',
    nodes: {
      q_subject: {
        kind: 'single', title: t('股东是？', 'Who are the shareholders?'),
        options: [
          { value: 'natural_persons', label: t('均为中国境内自然人', 'Natural persons in mainland China') },
          { value: 'companies', label: t('包含企业法人股东', 'Including corporate shareholders') },
          { value: 'foreign', label: t('包含外国投资者或港澳台投资者', 'Including foreign or HK/Macao/Taiwan investors') },
        ],
        routes: [{ when: { answer: 'q_subject', eq: 'foreign' }, goto: 'out_window' }, { goto: 'q_premises' }],
      },
      q_premises: {
        kind: 'single', title: t('公司住所是？', 'The registered address is?'),
        options: [
          { value: 'owned', label: t('自有房产', 'Owned property') },
          { value: 'rented', label: t('租赁场所', 'Rented premises') },
          { value: 'cluster', label: t('集群注册或住所申报承诺', 'Cluster registration / self-declared address') },
        ],
        routes: [{ goto: 'q_pre_approval' }],
      },
      q_pre_approval: {
        kind: 'single', title: t('经营范围是否含需要前置审批的项目？', 'Does the business scope need pre-approval?'),
        help: t('如危险化学品经营、劳务派遣等，以《企业登记前置审批事项目录》为准', 'Such as hazardous chemicals or labour dispatch; the catalogue of pre-registration approvals decides'),
        options: [{ value: 'yes', label: t('是', 'Yes') }, { value: 'no', label: t('否', 'No') }],
        routes: [{ goto: 'q_who' }],
      },
      q_who: who('out_materials'),
      out_materials: {
        kind: 'outcome', result: 'materials_list', formId: 'f_company_setup',
        nextItemCodes: ['NH-PSB-0103', 'NH-BNK-0105', 'NH-TAX-0104', 'NH-SI-1001'],
      },
      out_window: windowOutcome,
    },
  },
  {
    id: 'flow_food_licence', title: t('食品经营许可：我该办哪一项', 'Food business: which procedure do I need'), itemCode: 'NH-AMR-0301', start: 'q_subject',
    nodes: {
      q_subject: {
        kind: 'single', title: t('申请主体类型是？', 'What type of applicant?'), help: t('以营业执照上的“类型”为准', 'As the “type” on the business licence says'),
        options: [
          { value: 'enterprise', label: t('企业（公司、分公司等）', 'Enterprise') },
          { value: 'individual', label: t('个体工商户', 'Individual business') },
          { value: 'none_of_these', label: t('以上都不是', 'None of these') },
        ],
        routes: [{ when: { answer: 'q_subject', eq: 'none_of_these' }, goto: 'out_window' }, { goto: 'q_scope' }],
      },
      q_scope: {
        kind: 'multi', title: t('经营项目包括哪些？（可多选）', 'What will you sell or make? (choose all)'),
        options: [
          { value: 'prepackaged', label: t('预包装食品销售', 'Prepackaged food'), example: t('例如：瓶装饮料、袋装零食、盒装牛奶', 'e.g. bottled drinks, packet snacks, boxed milk') },
          { value: 'hot_food', label: t('热食类食品制售', 'Hot food'), example: t('例如：炒菜、米饭、面条、包子、煲仔饭', 'e.g. stir-fries, rice, noodles, steamed buns') },
          { value: 'cold_food', label: t('冷食类食品制售', 'Cold food'), example: t('例如：凉菜、卤味、冷面', 'e.g. cold dishes, braised meats, cold noodles') },
          { value: 'raw_food', label: t('生食类食品制售', 'Raw food'), example: t('例如：生鱼片、醉蟹等生吃的水产', 'e.g. sashimi and other seafood eaten raw') },
        ],
        routes: [{ when: { answer: 'q_scope', eq: ['prepackaged'] }, goto: 'out_filing' }, { goto: 'q_vending' }],
      },
      q_vending: {
        kind: 'single', title: t('是否通过自动售货设备经营？', 'Will you use vending machines?'),
        options: [{ value: 'yes', label: t('是', 'Yes') }, { value: 'no', label: t('否', 'No') }],
        routes: [{ goto: 'q_who' }],
      },
      q_who: who('out_materials'),
      out_materials: {
        kind: 'outcome', result: 'materials_list',
        // The licence is applied for by a business that exists: the licence (营业执照) comes first.
        prerequisiteItemCodes: ['NH-AMR-0101', 'NH-AMR-0102'],
        nextItemCodes: ['NH-FIR-0801'],
      },
      out_filing: { kind: 'outcome', result: 'redirect', redirectItemCode: 'NH-AMR-0304', message: t('仅销售预包装食品的，办理备案即可，无需申请许可。', 'Selling prepackaged food only needs a filing, not a licence.') },
      out_window: windowOutcome,
    },
  },
  {
    id: 'flow_public_hygiene', title: t('公共场所卫生许可：承诺制还是一般程序', 'Hygiene licence: commitment or standard route'), itemCode: 'NH-HLT-0401', start: 'q_place',
    nodes: {
      q_place: {
        kind: 'single', title: t('场所类型是？', 'What kind of place?'),
        options: [
          { value: 'hotel', label: t('宾馆、酒店等住宿场所', 'Hotel or lodging') },
          { value: 'beauty', label: t('美容美发、沐浴场所', 'Beauty salon, barber, bath') },
          { value: 'pool', label: t('游泳场（馆）', 'Swimming pool') },
          { value: 'restaurant', label: t('饭馆、咖啡馆、酒吧、茶座', 'Restaurant, café, bar') },
        ],
        routes: [{ when: { answer: 'q_place', eq: 'restaurant' }, goto: 'out_not_needed' }, { goto: 'q_route' }],
      },
      q_route: {
        kind: 'single', title: t('是否选择告知承诺方式办理？', 'Use the notify-and-commit route?'), help: t('选择承诺方式的，材料齐全即可当场发证，事后核查', 'With a commitment, complete materials get the licence on the spot; checks come afterwards'),
        options: [{ value: 'commitment', label: t('是，告知承诺', 'Yes') }, { value: 'standard', label: t('否，一般程序', 'No, standard review') }],
        routes: [{ goto: 'q_central_ac' }],
      },
      q_central_ac: {
        kind: 'single', title: t('是否使用集中空调通风系统？', 'Is there a central air-conditioning system?'),
        options: [{ value: 'yes', label: t('是', 'Yes') }, { value: 'no', label: t('否', 'No') }],
        routes: [{ goto: 'out_materials' }],
      },
      out_materials: { kind: 'outcome', result: 'materials_list' },
      out_not_needed: { kind: 'outcome', result: 'redirect', redirectItemCode: 'NH-AMR-0301', message: t('饭馆、咖啡馆、酒吧、茶座已取消公共场所卫生许可，请办理食品经营许可。', 'Restaurants and cafés no longer need this licence; apply for a food business licence.') },
    },
  },
  {
    id: 'flow_road_freight', title: t('道路货运：是否需要许可', 'Road freight: is a licence needed'), itemCode: 'NH-TRN-0701', start: 'q_weight',
    nodes: {
      q_weight: {
        kind: 'single', title: t('拟使用车辆的总质量？', 'Gross weight of the vehicles?'),
        options: [{ value: 'light', label: t('均为4500千克及以下', 'All 4,500 kg or less') }, { value: 'heavy', label: t('有4500千克以上的车辆', 'Some above 4,500 kg') }],
        routes: [{ when: { answer: 'q_weight', eq: 'light' }, goto: 'out_exempt' }, { when: { answer: 'q_weight', eq: 'heavy' }, goto: 'q_dangerous' }],
      },
      q_dangerous: {
        kind: 'single', title: t('是否运输危险货物？', 'Dangerous goods?'),
        options: [{ value: 'yes', label: t('是', 'Yes') }, { value: 'no', label: t('否', 'No') }],
        routes: [{ when: { answer: 'q_dangerous', eq: 'yes' }, goto: 'out_window' }, { goto: 'q_who' }],
      },
      q_who: who('out_materials'),
      out_materials: { kind: 'outcome', result: 'materials_list' },
      out_exempt: { kind: 'outcome', result: 'not_needed', message: t('总质量4500千克及以下普通货运车辆从事普通货物运输经营的，无需办理道路运输经营许可证和车辆营运证。', 'Vehicles of 4,500 kg or less need no licence.') },
      out_window: { ...windowOutcome, message: t('危险货物道路运输许可由市级交通运输主管部门办理，请到窗口咨询。', 'Dangerous goods permits are issued by the city transport bureau.') },
    },
  },
  {
    id: 'flow_deregistration', title: t('企业注销：普通注销还是简易注销', 'Closing a company: general or simplified'), itemCode: 'NH-AMR-0901', start: 'q_debts',
    nodes: {
      q_debts: {
        kind: 'single', title: t('企业是否有未结清的债权债务（含职工工资、社保费、税款）？', 'Any unsettled debts (wages, social insurance, taxes)?'),
        options: [{ value: 'none', label: t('没有，或已全部结清', 'None, or all settled') }, { value: 'some', label: t('有', 'Yes') }],
        routes: [{ when: { answer: 'q_debts', eq: 'some' }, goto: 'out_general' }, { goto: 'q_restrictions' }],
      },
      q_restrictions: {
        kind: 'multi', title: t('企业是否存在以下情形？（可多选）', 'Does any of these apply? (choose all)'),
        options: [
          { value: 'abnormal_list', label: t('被列入经营异常名录', 'On the abnormal operations list') },
          { value: 'equity_frozen', label: t('股权被冻结、出质', 'Equity frozen or pledged') },
          { value: 'branches', label: t('有未注销的分支机构', 'Branches not yet closed') },
          { value: 'none', label: t('以上都没有', 'None of these') },
        ],
        routes: [{ when: { answer: 'q_restrictions', eq: ['none'] }, goto: 'out_simple' }, { goto: 'out_general' }],
      },
      out_general: { kind: 'outcome', result: 'materials_list', materialIds: ['m_dereg_application', 'm_dissolution_resolution', 'm_liquidation_report', 'm_tax_clearance', 'm_licence_original'] },
      out_simple: { kind: 'outcome', result: 'redirect', redirectItemCode: 'NH-AMR-0902', message: t('符合简易注销条件，可通过国家企业信用信息公示系统公示20日后申请简易注销。', 'You may use simplified deregistration after a 20-day public notice.') },
    },
  },
  {
    id: 'flow_company_change', title: t('企业变更：选择要变更的事项', 'Company changes: what changes'), itemCode: 'NH-AMR-0201', start: 'q_change',
    nodes: {
      q_change: {
        kind: 'single', title: t('本次要变更的是？', 'What do you want to change?'),
        options: [
          { value: 'name', label: t('企业名称', 'Name') },
          { value: 'address', label: t('住所', 'Address') },
          { value: 'legal_rep', label: t('法定代表人', 'Legal representative') },
          { value: 'scope', label: t('经营范围', 'Business scope') },
        ],
        routes: [
          { when: { answer: 'q_change', eq: 'name' }, goto: 'out_name' },
          { when: { answer: 'q_change', eq: 'address' }, goto: 'out_address' },
          { when: { answer: 'q_change', eq: 'legal_rep' }, goto: 'out_legal_rep' },
          { when: { answer: 'q_change', eq: 'scope' }, goto: 'out_scope' },
        ],
      },
      out_name: { kind: 'outcome', result: 'materials_list', formId: 'f_company_change' },
      out_address: { kind: 'outcome', result: 'materials_list', itemCode: 'NH-AMR-0202', materialIds: ['m_change_application', 'm_resolution', 'm_articles_amendment', 'm_new_premises', 'm_power_of_attorney'], formId: 'f_company_change' },
      out_legal_rep: { kind: 'outcome', result: 'materials_list', itemCode: 'NH-AMR-0203', materialIds: ['m_change_application', 'm_resolution', 'm_legal_rep_id', 'm_power_of_attorney'], formId: 'f_company_change' },
      out_scope: { kind: 'outcome', result: 'materials_list', itemCode: 'NH-AMR-0204', materialIds: ['m_change_application', 'm_resolution', 'm_articles_amendment', 'm_power_of_attorney'], formId: 'f_company_change' },
    },
  },
];
