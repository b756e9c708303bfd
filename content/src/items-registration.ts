import { common, item, mat } from './helpers';

const REG_LAW: [string, string?][] = [
  ['《中华人民共和国公司法》（2023年修订）'],
  ['《中华人民共和国市场主体登记管理条例》（国务院令第746号）', '第十六条、第十九条'],
  ['《中华人民共和国市场主体登记管理条例实施细则》（市场监管总局令第52号）'],
];
const CHANGE_LAW: [string, string?][] = [
  ['《中华人民共和国市场主体登记管理条例》（国务院令第746号）', '第二十四条'],
  ['《中华人民共和国市场主体登记管理条例实施细则》（市场监管总局令第52号）', '第三十一条'],
];
const changeMaterials = () => [
  mat('m_change_application', '公司登记（备案）申请书（变更）', 'Company registration (change) application', '', { formId: 'f_company_change' }),
  mat('m_resolution', '股东会决议或股东决定', 'Shareholders’ resolution or decision'),
  mat('m_articles_amendment', '章程修正案或修改后的公司章程', 'Amendment to the articles of association'),
  mat('m_licence_original', '营业执照正副本（仅领取纸质执照的缴回）', 'Business licence originals (if a paper licence is held)', 'paper opt'),
  common.agent(),
];
const within30 = '应当自作出变更决议、决定之日起30日内申请变更登记';

/** Enterprise start-up, changes and exit (开办 · 变更 · 注销). */
export const registrationItems = [
  item({
    code: 'NH-AMR-0101', zh: '有限责任公司设立登记', en: 'Registration of a limited liability company', parent: '公司设立登记',
    type: 'administrative_licence', dept: 'amr', stages: ['start'], keywords: ['开公司', '注册公司', '企业开办', '办执照', '营业执照'],
    law: REG_LAW,
    conditions: ['股东人数为五十人以下', '有符合公司章程规定的全体股东认缴的出资额（自公司成立之日起五年内缴足）', '名称经自主申报且符合规定', '有公司住所', '有符合规定的法定代表人、董事、监事'],
    materials: [
      mat('m_application', '公司登记（备案）申请书', 'Company registration application', '', { formId: 'f_company_setup' }),
      mat('m_articles', '全体股东签署的公司章程', 'Articles of association signed by all shareholders'),
      mat('m_shareholder_id', '股东主体资格证明或自然人身份证件', 'Shareholder qualification / ID', 'copy e ecert:居民身份证（实名核验） gov:公安机关'),
      mat('m_officers', '董事、监事、经理的任职文件及身份证件', 'Appointment documents of directors, supervisors, manager'),
      mat('m_premises_owned', '住所产权证明（不动产权证书）', 'Proof of ownership of the premises', 'copy e ecert-sub:不动产权证书', { appliesWhen: { answer: 'q_premises', eq: 'owned' } }),
      mat('m_premises_lease', '住所租赁合同及出租方产权证明', 'Lease of the premises and the landlord’s proof of ownership', 'copy e', { appliesWhen: { answer: 'q_premises', eq: 'rented' } }),
      mat('m_premises_commitment', '住所（经营场所）申报承诺书', 'Premises self-declaration commitment', '', { appliesWhen: { answer: 'q_premises', eq: 'cluster' } }),
      mat('m_pre_approval', '前置审批文件或许可证件', 'Pre-approval documents', 'copy e', { appliesWhen: { answer: 'q_pre_approval', eq: 'yes' } }),
      common.agent(),
    ],
    statutory: [3, 'working_day'], promised: [1, 'working_day'], visits: 0, result: ['营业执照', 'licence', true],
    kiosk: { formId: 'f_company_setup' }, createsEnterprise: true, flowId: 'flow_company_setup', crossRegion: 'pan_prd', windows: ['A01-A08 注册许可综合窗'],
    faq: [['注册资本需要一次缴足吗？', '不需要。有限责任公司股东认缴的出资额应当自公司成立之日起五年内缴足。'], ['可以用住宅做公司住所吗？', '按佛山市住所申报有关规定办理，部分情形可实行住所申报承诺制。']],
  }),
  item({
    code: 'NH-AMR-0102', zh: '个体工商户设立登记', en: 'Registration of an individual business', parent: '个体工商户登记',
    type: 'administrative_licence', dept: 'amr', stages: ['start'], keywords: ['个体户', '开店', '营业执照', '执照'], objects: ['natural_person', 'individual_business'],
    law: [['《促进个体工商户发展条例》（国务院令第755号）'], ['《中华人民共和国市场主体登记管理条例实施细则》（市场监管总局令第52号）', '第三条']],
    conditions: ['有经营能力的自然人，以个人或家庭经营', '有固定的经营场所'],
    materials: [
      mat('m_application', '个体工商户登记（备案）申请书', 'Individual business registration application', '', { formId: 'f_individual_setup' }),
      common.idCard('经营者身份证件', 'ID of the operator'),
      mat('m_premises', '经营场所使用证明', 'Proof of the right to use the premises', 'copy e commit'),
      common.agent(),
    ],
    statutory: [3, 'working_day'], promised: [0, 'on_the_spot'], visits: 0, result: ['营业执照', 'licence', true], kiosk: { formId: 'f_individual_setup' }, createsEnterprise: true,
  }),
  item({
    code: 'NH-PSB-0103', zh: '公章刻制备案', en: 'Filing for making company seals', type: 'other_power', dept: 'police', stages: ['start'], keywords: ['刻章', '印章', '公章'],
    law: [['《印铸刻字业暨公章刻制治安管理办法》（地方性规定，示例）']], conditions: ['已领取营业执照'],
    materials: [common.licence(), common.idCard(), common.agent()],
    promised: [0, 'on_the_spot'], visits: 0, fee: { zh: '按刻章企业市场价格收取（部分地区首套免费）', en: 'Seal maker’s market price' },
  }),
  item({
    code: 'NH-TAX-0104', zh: '新办纳税人“套餐式”服务', en: 'New taxpayer service package', type: 'public_service', dept: 'tax', stages: ['start', 'tax'], keywords: ['发票', '税务登记', '领票', '数电发票'],
    law: [['《中华人民共和国税收征收管理法》', '第十五条'], ['《中华人民共和国发票管理办法》']], conditions: ['已办理市场主体登记（多证合一）'],
    materials: [common.licence(), mat('m_accounting_rules', '财务、会计制度或者财务、会计处理办法', 'Accounting rules', 'e'), mat('m_bank_account', '存款账户账号报告', 'Bank account report', 'e')],
    promised: [0, 'on_the_spot'], visits: 0, windows: ['办税服务厅'],
  }),
  item({
    code: 'NH-BNK-0105', zh: '预约银行开户（基本存款账户）', en: 'Bank account opening appointment', type: 'public_service', dept: 'bank', stages: ['start'], keywords: ['开户', '银行账户', '基本户'],
    law: [['《中国人民银行关于取消企业银行账户许可的通知》（银发〔2019〕41号）']], conditions: ['已领取营业执照'],
    materials: [common.licence(), common.idCard(), common.agent()],
    promised: [0, 'on_the_spot'], visits: 1,
  }),
  item({
    code: 'NH-AMR-0201', zh: '企业名称变更登记', en: 'Change of company name', parent: '公司变更登记', type: 'administrative_licence', dept: 'amr', stages: ['change'], keywords: ['改名', '更名', '名称变更'],
    law: CHANGE_LAW, conditions: ['新名称经自主申报且不与他人名称冲突', within30], materials: changeMaterials(),
    statutory: [3, 'working_day'], promised: [1, 'working_day'], visits: 0, result: ['营业执照', 'licence', true], kiosk: { formId: 'f_company_change' }, flowId: 'flow_company_change',
  }),
  item({
    code: 'NH-AMR-0202', zh: '住所变更登记', en: 'Change of registered address', parent: '公司变更登记', type: 'administrative_licence', dept: 'amr', stages: ['change'], keywords: ['迁址', '搬迁', '地址变更'],
    law: CHANGE_LAW, conditions: [within30, '跨登记机关迁移的，向迁入地登记机关申请'],
    materials: [...changeMaterials(), mat('m_new_premises', '新住所使用证明', 'Proof of the new premises', 'copy e commit')],
    statutory: [3, 'working_day'], promised: [1, 'working_day'], visits: 0, result: ['营业执照', 'licence', true], kiosk: { formId: 'f_company_change' },
  }),
  item({
    code: 'NH-AMR-0203', zh: '法定代表人变更登记', en: 'Change of legal representative', parent: '公司变更登记', type: 'administrative_licence', dept: 'amr', stages: ['change'], keywords: ['换法人', '法人变更'],
    law: CHANGE_LAW, conditions: [within30, '申请书由新任法定代表人签署'],
    materials: [...changeMaterials(), common.idCard('新任法定代表人身份证件', 'ID of the new legal representative')],
    statutory: [3, 'working_day'], promised: [0, 'on_the_spot'], visits: 0, result: ['营业执照', 'licence', true], kiosk: { formId: 'f_company_change' },
  }),
  item({
    code: 'NH-AMR-0204', zh: '经营范围变更登记', en: 'Change of business scope', parent: '公司变更登记', type: 'administrative_licence', dept: 'amr', stages: ['change'], keywords: ['增加经营范围', '范围变更'],
    law: CHANGE_LAW, conditions: [within30, '经营范围按《经营范围登记规范表述目录》填写；许可项目登记后须取得相应许可方可经营'],
    materials: [...changeMaterials(), mat('m_pre_approval', '前置审批文件（仅涉及前置许可项目的）', 'Pre-approval documents', 'copy e opt')],
    statutory: [3, 'working_day'], promised: [0, 'on_the_spot'], visits: 0, result: ['营业执照', 'licence', true], kiosk: { formId: 'f_company_change' },
  }),
  item({
    code: 'NH-AMR-0205', zh: '注册资本变更登记', en: 'Change of registered capital', parent: '公司变更登记', type: 'administrative_licence', dept: 'amr', stages: ['change'], keywords: ['增资', '减资'],
    law: [...CHANGE_LAW, ['《中华人民共和国公司法》（2023年修订）', '第二百二十四条']],
    conditions: ['增资须经代表三分之二以上表决权的股东通过', '减资的，自作出决议之日起10日内通知债权人，30日内公告'],
    materials: [...changeMaterials(), mat('m_debt_statement', '债务清偿或者债务担保情况的说明（减资的）', 'Statement on debts (capital reduction)', 'opt')],
    statutory: [3, 'working_day'], promised: [1, 'working_day'], visits: 0, result: ['营业执照', 'licence', true],
  }),
  item({
    code: 'NH-AMR-0901', zh: '企业注销登记（普通注销）', en: 'Deregistration of an enterprise (general)', parent: '企业注销登记', type: 'administrative_licence', dept: 'amr', stages: ['exit'], keywords: ['注销', '关闭公司', '公司注销', '结业'],
    law: [['《中华人民共和国市场主体登记管理条例》（国务院令第746号）', '第三十一条、第三十二条'], ['《中华人民共和国市场主体登记管理条例实施细则》', '第四十四条']],
    conditions: ['清算结束之日起30日内申请注销登记', '已完成清税'],
    materials: [
      mat('m_dereg_application', '注销登记申请书', 'Deregistration application'),
      mat('m_dissolution_resolution', '解散决议或决定', 'Resolution to dissolve'),
      mat('m_liquidation_report', '经确认的清算报告', 'Confirmed liquidation report'),
      mat('m_tax_clearance', '清税证明', 'Tax clearance certificate', 'e ecert:清税证明（税务共享） gov:税务机关'),
      mat('m_licence_original', '营业执照正副本（缴回）', 'Business licence originals (returned)', 'paper'),
    ],
    statutory: [3, 'working_day'], promised: [1, 'working_day'], visits: 1, flowId: 'flow_deregistration',
  }),
  item({
    code: 'NH-AMR-0902', zh: '企业注销登记（简易注销）', en: 'Simplified deregistration', parent: '企业注销登记', type: 'administrative_licence', dept: 'amr', stages: ['exit'], keywords: ['简易注销', '注销', '关闭公司'], commit: true,
    law: [['《中华人民共和国市场主体登记管理条例》（国务院令第746号）', '第三十三条']],
    conditions: ['未发生债权债务或已清偿完毕（含职工工资、社会保险费、税款）', '全体投资人书面承诺', '在国家企业信用信息公示系统公示20日且无异议'],
    materials: [mat('m_simple_dereg_application', '简易注销登记申请书', 'Simplified deregistration application'), mat('m_investor_commitment', '全体投资人承诺书', 'Commitment of all investors', 'e'), mat('m_licence_original', '营业执照正副本（缴回）', 'Business licence originals', 'paper opt')],
    statutory: [3, 'working_day'], promised: [0, 'on_the_spot'], visits: 0,
  }),
  item({
    code: 'NH-SI-0903', zh: '单位社会保险注销登记', en: 'Cancellation of employer social insurance registration', type: 'administrative_confirmation', dept: 'si', stages: ['exit', 'hr'], keywords: ['社保注销', '社保', '停保'],
    law: [['《中华人民共和国社会保险法》', '第五十七条']], conditions: ['已结清社会保险费', '职工已办理减员'],
    materials: [mat('m_si_cancel_form', '社会保险注销登记表', 'Social insurance cancellation form'), common.licence()],
    statutory: [15, 'natural_day'], promised: [1, 'working_day'], visits: 0,
  }),
];
