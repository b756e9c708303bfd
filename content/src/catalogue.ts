import type { z } from 'zod';
import type { notice, policy, servicePackage, servicePoint } from '../../content-bundle/model';
import { hall, t, tr } from './helpers';

type Package = z.input<typeof servicePackage>;
type Policy = z.input<typeof policy>;
type Point = z.input<typeof servicePoint>;
type Notice = z.input<typeof notice>;

/** 一件事 packages. */
export const packages: Package[] = [
  {
    id: 'pkg_start_business', name: t('企业开办一件事', 'Start a business in one go'),
    description: t('营业执照、公章刻制、发票申领、社保登记、公积金登记、银行开户预约一次申请、一表填报、一窗受理。', 'Licence, seals, invoices, social insurance, housing fund and bank account in one application.'),
    itemCodes: ['NH-AMR-0101', 'NH-PSB-0103', 'NH-TAX-0104', 'NH-SI-1001', 'NH-HPF-1002', 'NH-BNK-0105'],
    mergedMaterials: [
      { ref: 'NH-AMR-0101:m_application' }, { ref: 'NH-AMR-0101:m_articles' }, { ref: 'NH-AMR-0101:m_shareholder_id' },
      { ref: 'NH-AMR-0101:m_officers' }, { ref: 'NH-AMR-0101:m_premises_owned' }, { ref: 'NH-AMR-0101:m_premises_lease' },
      { ref: 'NH-TAX-0104:m_accounting_rules' }, { ref: 'NH-HPF-1002:m_hpf_staff_list' },
      { ref: 'NH-AMR-0101:m_power_of_attorney', sharedBy: ['NH-PSB-0103', 'NH-HPF-1002', 'NH-BNK-0105'] },
    ],
    promisedDays: 1, maxVisits: 0, leadDepartment: t('佛山市南海区市场监督管理局', 'Nanhai District Administration for Market Regulation'),
  },
  {
    id: 'pkg_open_restaurant', name: t('开办餐饮店一件事', 'Open a restaurant in one go'),
    description: t('食品经营许可、公众聚集场所消防安全检查、户外招牌设置一次告知、一表申请、一套材料。', 'Food licence, fire safety inspection and signboard approval with one set of materials.'),
    itemCodes: ['NH-AMR-0301', 'NH-FIR-0801', 'NH-URB-0503'],
    mergedMaterials: [
      { ref: 'NH-AMR-0301:m_food_application' }, { ref: 'NH-AMR-0301:m_layout' }, { ref: 'NH-AMR-0301:m_food_safety_rules' },
      { ref: 'NH-FIR-0801:m_fire_commitment' }, { ref: 'NH-FIR-0801:m_fire_drawings' }, { ref: 'NH-URB-0503:m_ad_drawings' },
      { ref: 'NH-AMR-0301:m_business_licence', sharedBy: ['NH-FIR-0801', 'NH-URB-0503'] },
    ],
    promisedDays: 5, maxVisits: 1, leadDepartment: t('佛山市南海区市场监督管理局', 'Nanhai District Administration for Market Regulation'),
  },
  {
    id: 'pkg_hire_employee', name: t('员工录用一件事', 'Hire an employee in one go'),
    description: t('就业登记、社会保险参保、住房公积金个人账户设立一次办。', 'Employment registration, social insurance and housing fund in one go.'),
    itemCodes: ['NH-HRS-1003', 'NH-SI-1001', 'NH-HPF-1002'],
    mergedMaterials: [{ ref: 'NH-HRS-1003:m_employment_form' }, { ref: 'NH-HRS-1003:m_worker_id' }, { ref: 'NH-HRS-1003:m_contract' }, { ref: 'NH-HPF-1002:m_hpf_staff_list' }],
    promisedDays: 1, maxVisits: 0, leadDepartment: t('佛山市南海区人力资源和社会保障局', 'Nanhai District Human Resources and Social Security Bureau'),
  },
  {
    id: 'pkg_close_business', name: t('企业注销一件事', 'Close a business in one go'),
    description: t('企业注销登记与税务、社保注销信息共享、并联办理。', 'Deregistration with tax and social insurance handled in parallel.'),
    itemCodes: ['NH-AMR-0901', 'NH-SI-0903'],
    mergedMaterials: [{ ref: 'NH-AMR-0901:m_dereg_application' }, { ref: 'NH-AMR-0901:m_dissolution_resolution' }, { ref: 'NH-AMR-0901:m_liquidation_report' }, { ref: 'NH-SI-0903:m_si_cancel_form' }],
    promisedDays: 1, maxVisits: 1, leadDepartment: t('佛山市南海区市场监督管理局', 'Nanhai District Administration for Market Regulation'),
  },
  {
    id: 'pkg_change_info', name: t('企业信息变更一件事', 'Change company details in one go'),
    description: t('名称、住所、法定代表人变更登记后，税务、社保、公积金信息同步更新。', 'Registration changes propagate to tax, social insurance and housing fund.'),
    itemCodes: ['NH-AMR-0201', 'NH-AMR-0202', 'NH-AMR-0203'],
    mergedMaterials: [{ ref: 'NH-AMR-0201:m_change_application' }, { ref: 'NH-AMR-0201:m_resolution' }, { ref: 'NH-AMR-0201:m_articles_amendment' }, { ref: 'NH-AMR-0202:m_new_premises' }, { ref: 'NH-AMR-0203:m_legal_rep_id' }],
    promisedDays: 1, maxVisits: 0, leadDepartment: t('佛山市南海区市场监督管理局', 'Nanhai District Administration for Market Regulation'),
  },
];

const smallOrMicro = { field: 'size', in: ['small', 'micro'] };
const normal = { field: 'standing', eq: 'normal' };
const inNanhai = { field: 'district', eq: '南海区' };

/** 惠企 policies (sample figures; verify with the issuing body before production). */
export const policies: Policy[] = [
  {
    id: 'pol_job_retention_refund', name: t('失业保险稳岗返还', 'Unemployment-insurance job-retention refund'), issuer: tr('人力资源社会保障部、财政部、国家税务总局'), basis: t('人社部发〔2025〕18号（示例）'),
    summary: tr('足额缴纳失业保险费满12个月、上年未裁员或裁员率不高于规定比例的参保单位，返还上年度实际缴纳失业保险费的一定比例。'),
    benefit: tr('中小微企业最高返还60%，大型企业最高30%'), mode: 'no_application', applyItemCode: 'NH-HRS-1104',
    eligibility: { all: [normal, { field: 'registrationDate', ageYears: { gte: 1 } }] }, ruleLabels: [t('经营状态正常', 'Business standing is normal'), t('参保满一年（以成立满一年近似）', 'Insured for at least a year')],
  },
  {
    id: 'pol_hiring_subsidy', name: t('一次性扩岗补助', 'One-off hiring subsidy'), issuer: tr('人力资源社会保障部、教育部、财政部'), basis: t('关于延续实施一次性扩岗补助政策的通知'),
    summary: tr('招用毕业年度或离校2年内未就业高校毕业生并缴纳社会保险费满3个月的企业，按人发放一次性扩岗补助。'), benefit: tr('每招用1人最高1500元'), mode: 'application', applyItemCode: 'NH-HRS-1103',
    eligibility: { all: [normal, { field: 'employees', gte: 1 }] }, ruleLabels: [t('经营状态正常', 'Standing normal'), t('有参保职工', 'Has insured employees')],
  },
  {
    id: 'pol_six_taxes', name: t('“六税两费”减半征收', 'Half rate on six taxes and two fees'), issuer: tr('财政部、税务总局'), basis: t('财政部 税务总局公告2023年第12号'),
    summary: tr('小规模纳税人、小型微利企业和个体工商户减半征收资源税、城市维护建设税、房产税、城镇土地使用税、印花税、耕地占用税和教育费附加、地方教育附加。'),
    benefit: tr('按50%税额幅度减征，执行至2027年12月31日'), mode: 'claim_on_return', validUntil: '2027-12-31',
    eligibility: { any: [{ field: 'tags', containsAny: ['小规模纳税人', '小型微利企业'] }, { field: 'entityType', eq: '个体工商户' }] },
    ruleLabels: [t('属于小规模纳税人、小型微利企业或个体工商户', 'Small-scale taxpayer, small low-profit enterprise or individual business')],
  },
  {
    id: 'pol_small_profit_cit', name: t('小型微利企业所得税优惠', 'Income tax relief for small low-profit enterprises'), issuer: tr('财政部、税务总局'), basis: t('财政部 税务总局公告2023年第12号'),
    summary: tr('对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税。'), benefit: tr('实际税负5%'), mode: 'claim_on_return', validUntil: '2027-12-31',
    eligibility: { all: [{ field: 'tags', contains: '小型微利企业' }, { field: 'employees', lte: 300 }] }, ruleLabels: [t('属于小型微利企业', 'Small low-profit enterprise'), t('从业人数不超过300人', 'At most 300 employees')],
  },
  {
    id: 'pol_small_vat', name: t('小规模纳税人增值税减免', 'VAT relief for small-scale taxpayers'), issuer: tr('财政部、税务总局'), basis: t('财政部 税务总局公告2023年第19号'),
    summary: tr('月销售额10万元以下（季度30万元以下）的小规模纳税人免征增值税；适用3%征收率的减按1%征收。'), benefit: tr('免征或减按1%征收增值税'), mode: 'claim_on_return', validUntil: '2027-12-31',
    eligibility: { field: 'tags', contains: '小规模纳税人' }, ruleLabels: [t('属于增值税小规模纳税人', 'Small-scale VAT taxpayer')],
  },
  {
    id: 'pol_rd_deduction', name: t('研发费用税前加计扣除', 'Extra deduction of R&D expenses'), issuer: tr('财政部、税务总局'), basis: t('财政部 税务总局公告2023年第7号'),
    summary: tr('企业开展研发活动中实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的100%在税前加计扣除。'), benefit: tr('加计扣除100%'), mode: 'claim_on_return',
    eligibility: { all: [{ not: { field: 'industry.section', in: ['H', 'F', 'K', 'L'] } }] }, ruleLabels: [t('不属于住宿餐饮、批发零售、房地产、租赁和商务服务等不适用行业', 'Not in an excluded industry')],
  },
  {
    id: 'pol_nanhai_hte_award', name: t('南海区高新技术企业专项扶持奖励', 'Nanhai award for high-tech enterprises'), issuer: tr('佛山市南海区人民政府'), basis: t('南府〔2021〕63号'),
    summary: tr('对在南海区注册并通过高新技术企业认定（含重新认定）的企业给予奖励，经佛山扶持通申报、镇（街道）初审。'), benefit: tr('首次认定最高30万元，重新认定最高15万元（示例金额）'), mode: 'application', applyItemCode: 'NH-SCI-1101',
    eligibility: { all: [inNanhai, { field: 'tags', contains: '高新技术企业' }] }, ruleLabels: [t('注册地在南海区', 'Registered in Nanhai'), t('已认定为高新技术企业', 'Recognised high-tech enterprise')],
  },
  {
    id: 'pol_small_to_scale', name: t('广东省“小升规”奖补', 'Guangdong award for firms entering the above-scale statistics'), issuer: tr('广东省工业和信息化厅'), basis: t('粤工信融资函〔2025〕20号'),
    summary: tr('对首次纳入规模以上工业统计的小微工业企业给予一次性奖补。'), benefit: tr('珠三角地区每家5万元'), mode: 'application',
    eligibility: { all: [{ field: 'industry.section', eq: 'C' }, { field: 'tags', contains: '规上工业' }, normal] }, ruleLabels: [t('属于制造业', 'Manufacturing'), t('已纳入规上工业统计', 'Above-scale industrial enterprise'), t('经营状态正常', 'Standing normal')],
  },
  {
    id: 'pol_little_giant', name: t('佛山市专精特新“小巨人”奖励', 'Foshan award for “little giant” SMEs'), issuer: tr('佛山市工业和信息化局'), basis: t('佛府〔2023〕16号、佛工信〔2024〕5号'),
    summary: tr('对新认定的国家级专精特新“小巨人”企业给予奖励，在佛山扶持通确认账户并提交申请。'), benefit: tr('按年度资金安排核定'), mode: 'application',
    eligibility: { all: [{ field: 'city', eq: '佛山市' }, { field: 'tags', contains: '专精特新小巨人' }] }, ruleLabels: [t('注册在佛山市', 'Registered in Foshan'), t('已认定为专精特新“小巨人”', 'Recognised little giant')],
  },
  {
    id: 'pol_startup_loan', name: t('创业担保贷款及财政贴息', 'Guaranteed start-up loans with interest subsidy'), issuer: tr('广东省人力资源和社会保障厅等'), basis: t('《广东省创业担保贷款实施办法》'),
    summary: tr('在广东省内注册的小微企业，新招用重点扶持对象达到规定比例且无欠薪欠费的，可申请创业担保贷款并享受贴息。'), benefit: tr('小微企业贷款额度最高400万元（示例）'), mode: 'application', applyItemCode: 'NH-HRS-1102',
    eligibility: { all: [smallOrMicro, normal, { field: 'registrationDate', ageYears: { lte: 3 } }] }, ruleLabels: [t('属于小型或微型企业', 'Small or micro enterprise'), t('经营状态正常', 'Standing normal'), t('成立不超过3年', 'Established at most 3 years ago')],
  },
  {
    id: 'pol_export_insurance', name: t('出口信用保险保费资助', 'Export credit insurance premium support'), issuer: tr('广东省商务厅'), basis: t('粤商务贸函〔2022〕19号'),
    summary: tr('对投保短期出口信用保险的外贸企业，按实际缴纳保费给予一定比例资助。'), benefit: tr('按保费比例资助，分档封顶'), mode: 'application',
    eligibility: { field: 'tags', contains: '外贸' }, ruleLabels: [t('属于外贸企业', 'Foreign-trade enterprise')],
  },
  {
    id: 'pol_graduate_si_subsidy', name: t('吸纳高校毕业生社会保险补贴', 'Social insurance subsidy for hiring graduates'), issuer: tr('广东省人力资源和社会保障厅、财政厅'), basis: t('广东省就业补贴有关规定（待核实）'),
    summary: tr('小微企业招用毕业2年内高校毕业生、签订1年以上劳动合同并缴纳社会保险费的，给予社会保险补贴。'), benefit: tr('单位缴纳的养老、失业、工伤保险费，最长1年'), mode: 'application',
    eligibility: { all: [smallOrMicro, { field: 'employees', gte: 1 }] }, ruleLabels: [t('属于小型或微型企业', 'Small or micro enterprise'), t('有参保职工', 'Has employees')],
  },
];

const point = (id: string, zh: string, en: string, hallCode: string, town: string, categories: Point['categories'], itemCodes: string[]): Point => ({
  id, name: t(zh, en), hallCode, town,
  address: t(`${zh}（地址以现场公示为准，示例）`, `${en} (sample address)`),
  hours: hall.hours, phone: '0757-12345', categories, itemCodes,
});
const townItems = ['NH-AMR-0102', 'NH-AMR-0201', 'NH-AMR-0202', 'NH-AMR-0301', 'NH-AMR-0304', 'NH-SI-1001', 'NH-HRS-1003', 'NH-TAX-0104'];
const subItems = ['NH-AMR-0102', 'NH-AMR-0304', 'NH-SI-1001', 'NH-HRS-1003'];
const townCats: Point['categories'] = ['enterprise_registration', 'business_licensing', 'social_livelihood', 'tax'];

/** 就近办 service points in Nanhai (names and hall codes from public data; addresses are samples). */
export const servicePoints = (allCodes: string[]): Point[] => [
  point('sp_nanhai_district', '南海区行政服务中心', 'Nanhai District Administrative Service Centre', '44060500000001', '桂城街道', ['business_licensing', 'investment_construction', 'enterprise_registration', 'social_livelihood', 'tax', 'public_security', 'other'], allCodes),
  point('sp_guicheng', '桂城街道行政服务中心', 'Guicheng Sub-district Service Centre', '44060501100001', '桂城街道', townCats, townItems),
  point('sp_jiujiang', '九江镇行政服务中心', 'Jiujiang Town Service Centre', '44060512100001', '九江镇', townCats, townItems),
  point('sp_xiqiao', '西樵镇行政服务中心', 'Xiqiao Town Service Centre', '44060512200001', '西樵镇', townCats, townItems),
  point('sp_danzao', '丹灶镇行政服务中心', 'Danzao Town Service Centre', '44060512300001', '丹灶镇', townCats, townItems),
  point('sp_shishan', '狮山镇行政服务中心', 'Shishan Town Service Centre', '44060512400001', '狮山镇', townCats, townItems),
  point('sp_shishan_songgang', '狮山镇松岗行政服务中心', 'Shishan Songgang Sub-centre', '44060512400002', '狮山镇', ['social_livelihood', 'enterprise_registration'], subItems),
  point('sp_hitech_zone', '佛山高新区行政服务中心', 'Foshan Hi-tech Zone Service Centre', '44060512400007', '狮山镇', ['enterprise_registration', 'investment_construction'], [...townItems, 'NH-HOU-0501', 'NH-SCI-1101']),
  point('sp_dali', '大沥镇大沥行政服务中心', 'Dali Town Service Centre', '44060512500001', '大沥镇', townCats, townItems),
  point('sp_dali_huangqi', '大沥镇黄岐行政服务中心', 'Dali Huangqi Sub-centre', '44060512500002', '大沥镇', ['social_livelihood', 'enterprise_registration'], subItems),
  point('sp_lishui', '里水镇行政服务中心', 'Lishui Town Service Centre', '44060512600001', '里水镇', townCats, townItems),
];

export const notices: Notice[] = [
  { id: 'n_sample_content', title: t('示例内容说明', 'About this sample content'), body: t('本终端当前显示的是示例办事指南，仅供演示，办理前请以广东政务服务网公布的最新办事指南为准。', 'This kiosk shows sample guides for demonstration only.'), publishedAt: '2026-11-01', level: 'important' },
  { id: 'n_hours', title: t('服务时间', 'Opening hours'), body: t('周一至周五 9:00-12:00，14:00-17:30；自助终端24小时可用。', 'Mon–Fri 9:00-12:00, 14:00-17:30; self-service 24 h.'), publishedAt: '2026-11-01', level: 'info' },
  { id: 'n_hotline', title: t('政务服务便民热线', 'Government service hotline'), body: t('咨询、投诉请拨打 12345。', 'Call 12345 for enquiries and complaints.'), publishedAt: '2026-11-01', level: 'info' },
];

/** Synonym groups: any member finds what the others find. */
export const synonyms: string[][] = [
  ['社保', '社会保险'], ['公积金', '住房公积金'], ['执照', '营业执照', '营照'], ['注销', '关闭公司', '结业', '关门'],
  ['个体户', '个体工商户'], ['开公司', '注册公司', '设立登记', '企业开办'], ['刻章', '公章', '印章'], ['法人', '法定代表人'],
  ['餐馆', '饭店', '餐饮', '开餐馆'], ['药店', '药房', '药品零售'], ['高企', '高新技术企业'], ['招工', '招聘', '录用', '就业登记'],
];

export const meta = { title: t('佛山市南海区企业政务服务示例内容', 'Foshan Nanhai enterprise services (sample)'), region: '440605', sample: true };
