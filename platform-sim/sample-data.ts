import type { CertificateBody, EnterpriseProfile, LaborContract } from '../platform-wire/model';

/**
 * Sample data a pilot in Foshan / Nanhai needs: enterprises of different standings, sizes,
 * industries and districts, their e-certificates (some expired) and the hall's staff and items.
 * Names and numbers are fictional; credit codes satisfy GB 32100.
 */
export const enterprises: EnterpriseProfile[] = [
  {
    creditCode: '91440605MA4UL2K84H',
    name: '佛山市南海区桂城粤味轩餐饮有限公司',
    legalRepresentative: '陈志强',
    registeredAddress: '佛山市南海区桂城街道南海大道北68号首层101铺',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'H', code: '6210', name: '正餐服务' },
    size: 'micro',
    registeredCapitalWan: 50,
    businessScope: '餐饮服务',
    employees: 12,
    registrationDate: '2017-03-15',
    standing: 'normal',
    entityType: '有限责任公司(自然人投资或控股)',
    tags: [],
    licences: [],
  },
  {
    creditCode: '91440605MA51C7QX76',
    name: '佛山市南海区狮山智造精密机械有限公司',
    legalRepresentative: '黄测试', // the sample ID card's holder (hardware/simulators/sample-cards.ts), so 秒批 can pass in a demo
    registeredAddress: '佛山市南海区狮山镇科技工业园A区创业路8号',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'C', code: '3484', name: '机械零部件加工' },
    size: 'medium',
    registeredCapitalWan: 3000,
    businessScope: '机械零部件加工；五金产品批发；货物进出口',
    employees: 260,
    registrationDate: '2018-01-22',
    standing: 'normal',
    entityType: '有限责任公司',
    tags: ['高新技术企业', '专精特新'],
    licences: [],
  },
  {
    creditCode: '914406057254619E96',
    name: '广东南粤康达医药连锁有限公司',
    legalRepresentative: '李秀英',
    registeredAddress: '佛山市南海区大沥镇黄岐广佛路38号',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'F', code: '5251', name: '药品零售' },
    size: 'large',
    registeredCapitalWan: 12000,
    employees: 1350,
    registrationDate: '2001-06-08',
    standing: 'normal',
    entityType: '其他有限责任公司',
    tags: [],
    licences: [],
  },
  {
    creditCode: '92440605MA4W3N5P9D',
    name: '佛山市南海区里水镇阿梅美发店',
    legalRepresentative: '梁美玲',
    registeredAddress: '佛山市南海区里水镇里官路12号',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'O', code: '8051', name: '理发及美容服务' },
    size: 'micro',
    registeredCapitalWan: 3,
    employees: 2,
    registrationDate: '2016-09-30',
    standing: 'normal',
    entityType: '个体工商户',
    tags: [],
    licences: [],
  },
  {
    creditCode: '91440604MA55H8TJ5R',
    name: '佛山市禅城区祖庙文旅酒店管理有限公司',
    legalRepresentative: '欧阳明华',
    registeredAddress: '佛山市禅城区祖庙街道福贤路2号',
    district: '禅城区',
    city: '佛山市',
    industry: { section: 'H', code: '6110', name: '旅游饭店' },
    size: 'small',
    registeredCapitalWan: 500,
    employees: 45,
    registrationDate: '2020-08-12',
    standing: 'abnormal-list',
    entityType: '有限责任公司(自然人独资)',
    tags: [],
    licences: [],
  },
  {
    creditCode: '91440606L28173643B',
    name: '佛山市顺德区容桂顺通物流有限公司',
    legalRepresentative: '何家豪',
    registeredAddress: '佛山市顺德区容桂街道华口工业区3号',
    district: '顺德区',
    city: '佛山市',
    industry: { section: 'G', code: '5430', name: '道路货物运输' },
    size: 'small',
    registeredCapitalWan: 800,
    employees: 60,
    registrationDate: '2009-04-17',
    standing: 'normal',
    entityType: '有限责任公司',
    tags: [],
    licences: [],
  },
  {
    creditCode: '93440605MA4X9B2R7N',
    name: '佛山市南海区九江鱼花养殖专业合作社',
    legalRepresentative: '关志坚',
    registeredAddress: '佛山市南海区九江镇沙头村委会旁',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'A', code: '0412', name: '内陆养殖' },
    size: 'micro',
    registeredCapitalWan: 120,
    employees: 8,
    registrationDate: '2019-11-05',
    standing: 'normal',
    entityType: '农民专业合作社',
    tags: [],
    licences: [],
  },
  {
    creditCode: '91440605MACD6E1Y60',
    name: '佛山市南海区西樵书香文化用品有限公司',
    legalRepresentative: '冯丽华',
    registeredAddress: '佛山市南海区西樵镇樵园路5号',
    district: '南海区',
    city: '佛山市',
    industry: { section: 'F', code: '5243', name: '图书零售' },
    size: 'micro',
    registeredCapitalWan: 10,
    employees: 3,
    registrationDate: '2023-05-19',
    standing: 'cancelled',
    entityType: '有限责任公司(自然人独资)',
    tags: [],
    licences: [],
  },
];

const NANHAI_AMR = '佛山市南海区市场监督管理局';

const licence = (e: EnterpriseProfile, issuedOn: string): CertificateBody => ({
  certificateId: `BL-${e.creditCode}`,
  kind: 'business-licence',
  name: '营业执照',
  number: e.creditCode,
  holderCode: e.creditCode,
  holderName: e.name,
  issuer: e.district === '南海区' ? NANHAI_AMR : `佛山市${e.district}市场监督管理局`,
  issuedOn,
  validFrom: e.registrationDate,
  validUntil: null,
  scope: e.businessScope ?? e.industry.name,
});

const byCode = (code: string): EnterpriseProfile => {
  const e = enterprises.find((x) => x.creditCode === code);
  if (!e) throw new Error(`sample data: no enterprise ${code}`);
  return e;
};

/** Certificate bodies; the server signs them with its issuer key at start. */
export const certificateBodies: CertificateBody[] = [
  ...enterprises.map((e) => licence(e, e.registrationDate)),
  {
    certificateId: 'FL-JY24406050123456',
    kind: 'food-business-licence',
    name: '食品经营许可证',
    number: 'JY24406050123456',
    holderCode: '91440605MA4UL2K84H',
    holderName: byCode('91440605MA4UL2K84H').name,
    issuer: NANHAI_AMR,
    issuedOn: '2022-03-10',
    validFrom: '2022-03-10',
    validUntil: '2027-03-09',
    scope: '热食类食品制售；冷食类食品制售',
  },
  {
    certificateId: 'HL-2019-0457',
    kind: 'public-place-hygiene-licence',
    name: '卫生许可证',
    number: '粤卫公证字[2019]第0605A00457号',
    holderCode: '92440605MA4W3N5P9D',
    holderName: byCode('92440605MA4W3N5P9D').name,
    issuer: '佛山市南海区卫生健康局',
    issuedOn: '2019-10-08',
    validFrom: '2019-10-08',
    validUntil: '2023-10-07', // expired: 延续 was never applied for
    scope: '理发店',
  },
  {
    certificateId: 'HL-2021-1120',
    kind: 'public-place-hygiene-licence',
    name: '卫生许可证',
    number: '粤卫公证字[2021]第0604A01120号',
    holderCode: '91440604MA55H8TJ5R',
    holderName: byCode('91440604MA55H8TJ5R').name,
    issuer: '佛山市禅城区卫生健康局',
    issuedOn: '2021-01-20',
    validFrom: '2021-01-20',
    validUntil: '2025-01-19', // expired
    scope: '住宿业',
  },
  {
    certificateId: 'FL-JY24406040088211',
    kind: 'food-business-licence',
    name: '食品经营许可证',
    number: 'JY24406040088211',
    holderCode: '91440604MA55H8TJ5R',
    holderName: byCode('91440604MA55H8TJ5R').name,
    issuer: '佛山市禅城区市场监督管理局',
    issuedOn: '2020-09-01',
    validFrom: '2020-09-01',
    validUntil: '2025-08-31', // expired
    scope: '热食类食品制售',
  },
  {
    certificateId: 'DL-YUEAA7570312',
    kind: 'drug-retail-licence',
    name: '药品经营许可证',
    number: '粤AA7570312',
    holderCode: '914406057254619E96',
    holderName: byCode('914406057254619E96').name,
    issuer: '佛山市南海区市场监督管理局',
    issuedOn: '2024-06-01',
    validFrom: '2024-06-01',
    validUntil: '2029-05-31',
    scope: '处方药、甲类非处方药、乙类非处方药',
  },
  {
    certificateId: 'RT-440606009871',
    kind: 'road-transport-licence',
    name: '道路运输经营许可证',
    number: '粤交运管许可佛字440606009871号',
    holderCode: '91440606L28173643B',
    holderName: byCode('91440606L28173643B').name,
    issuer: '佛山市顺德区交通运输局',
    issuedOn: '2021-07-01',
    validFrom: '2021-07-01',
    validUntil: '2027-06-30',
    scope: '道路普通货物运输',
  },
];

/** Items the simulator knows (code → name, promised working days); unknown codes get 5 days. */
export const items: Record<string, { name: string; promisedWorkingDays: number }> = {
  'GD-SC-FOOD-NEW': { name: '食品经营许可（新办）', promisedWorkingDays: 1 },
  'GD-SC-FOOD-RENEW': { name: '食品经营许可（延续）', promisedWorkingDays: 3 },
  'GD-WJ-HYGIENE-RENEW': { name: '公共场所卫生许可（延续）', promisedWorkingDays: 5 },
  'GD-SC-CHANGE-ADDRESS': { name: '住所变更登记', promisedWorkingDays: 1 },
  'GD-SC-CHANGE-LEGALREP': { name: '法定代表人变更登记', promisedWorkingDays: 1 },
  'GD-SC-DEREG-SIMPLE': { name: '企业简易注销登记', promisedWorkingDays: 3 },
  'GD-RS-SOCIAL-INSURANCE': { name: '单位社会保险登记', promisedWorkingDays: 0 },
};

export const staff = [
  { staffId: 'NH-S01', name: '帮办员 吴敏', windowType: 'help-desk' },
  { staffId: 'NH-S02', name: '帮办员 邓超', windowType: 'help-desk' },
  { staffId: 'NH-S07', name: '综合窗口 林晓', windowType: 'comprehensive' },
] as const;

export const windows = [
  { windowType: 'comprehensive', name: '综合受理窗口', prefix: 'A', minutesPerPerson: 8 },
  { windowType: 'enterprise-start', name: '企业开办专区', prefix: 'B', minutesPerPerson: 15 },
  { windowType: 'tax', name: '税务窗口', prefix: 'C', minutesPerPerson: 10 },
  { windowType: 'social-security', name: '社保窗口', prefix: 'D', minutesPerPerson: 7 },
  { windowType: 'certificate-pickup', name: '出证窗口', prefix: 'E', minutesPerPerson: 3 },
  { windowType: 'help-desk', name: '帮办代办窗口', prefix: 'H', minutesPerPerson: 12 },
] as const;

/**
 * Real-name persons the platform knows, by ID number: the enterprises they may act for (legal
 * representative in the register, or an agent the enterprise filed) and their account's mobile.
 * The first is the reader simulator's sample card (黄测试).
 */
export const persons: Record<string, { mobile: string | null; links: Array<{ creditCode: string; relation: 'legal_rep' | 'agent' }> }> = {
  '440605199003071232': {
    mobile: '13926541208',
    links: [
      { creditCode: '91440605MA51C7QX76', relation: 'legal_rep' },
      { creditCode: '91440605MA4UL2K84H', relation: 'agent' },
      { creditCode: '92440605MA4W3N5P9D', relation: 'agent' },
    ],
  },
};

/** E-labour contracts signed through the platform and not yet registered for employment, by credit code. */
export const laborContracts: Record<string, LaborContract[]> = {
  '91440605MA4UL2K84H': [
    { contractId: 'LC-2026-118203', workerName: '李建国', workerIdNumber: '440605199203151237', startDate: '2026-12-01', monthlyWage: 4500 },
    { contractId: 'LC-2026-118377', workerName: '何丽娟', workerIdNumber: '44060519950822242X', startDate: '2026-12-08', monthlyWage: 4200 },
  ],
  '91440605MA51C7QX76': [
    { contractId: 'LC-2026-120011', workerName: '梁志文', workerIdNumber: '440605198801093562', startDate: '2027-01-01', monthlyWage: 6800 },
  ],
};
