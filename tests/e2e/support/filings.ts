/**
 * The sample filings as a person fills them in on the touchscreen: what they type (keys, and for
 * Chinese the pinyin and the candidate they pick), what they choose, and what they leave as the kiosk
 * filled it in. Values are realistic for the sample enterprises of the platform simulator; Chinese is
 * spelled in full pinyin, as an older first-time user types it, never by initials.
 */

/**
 * Keys pressed as they are (digits, letters, punctuation keys); pinyin and the candidate picked (no
 * pinyin: a phrase tapped from the field's strip); or one of a date field's common dates.
 */
export type Entry = ReadonlyArray<string | { readonly pinyin: string; readonly pick: string } | { readonly date: 'today' | 'nextMonthFirst' }>;

export interface Filing {
  readonly code: string;
  /** The item's name as the stage list shows it. */
  readonly title: string;
  /** The home tile the person starts from. */
  readonly stage: string;
  /** The enterprise picked from those the platform links to the card holder (none for one being set up). */
  readonly enterprise?: string;
  readonly role: 'legal_rep' | 'agent';
  /** Answers to the guided flow's questions, in order. */
  readonly flow?: readonly string[];
  /** Field id → what is typed into it. */
  readonly type?: Readonly<Record<string, Entry>>;
  /** The e-labour contract picked on the form (就业登记), by contract id. */
  readonly contract?: string;
  /** Choices tapped (a select's option or a checkbox), by test id without `field-`. */
  readonly choose?: readonly string[];
  /** Field id → value the field must hold before 下一步 (prefilled or typed). */
  readonly expect?: Readonly<Record<string, string>>;
}

/** The goal for a person whose enterprise the platform knows. */
export const TAP_CEILING = 40;

const p = (pinyin: string, pick: string) => ({ pinyin, pick });
/** A phrase from the field's strip, tapped without spelling. */
const tap = (pick: string) => ({ pinyin: '', pick });
const TODAY = [{ date: 'today' }] as const;
const NEXT_MONTH_FIRST = [{ date: 'nextMonthFirst' }] as const;
const YUEWEI = '91440605MA4UL2K84H'; // 粤味轩餐饮: holds a food business licence; the card holder is its filed agent
const SHISHAN = '91440605MA51C7QX76'; // 狮山智造: the card holder is its legal representative
const AMEI = '92440605MA4W3N5P9D'; // 阿梅美发店: holds a hygiene licence; the card holder is its filed agent

export const FILINGS: readonly Filing[] = [
  {
    code: 'NH-AMR-0101', title: '有限责任公司设立登记', stage: 'start', role: 'legal_rep',
    flow: ['natural_persons', 'rented', 'no', 'legal_rep'],
    type: {
      proposedName: [tap('佛山市南海区'), p('yue', '粤'), p('feng', '丰'), p('canyin', '餐饮'), tap('有限公司')],
      registeredCapitalWan: ['50'],
      address: [tap('佛山市南海区'), tap('桂城街道'), tap('南海大道北'), '68', tap('号')],
      businessScope: [tap('餐饮服务'), '；', tap('食品销售')],
    },
    expect: { proposedName: '佛山市南海区粤丰餐饮有限公司', address: '佛山市南海区桂城街道南海大道北68号', businessScope: '餐饮服务；食品销售' },
  },
  {
    code: 'NH-AMR-0102', title: '个体工商户设立登记', stage: 'start', role: 'legal_rep',
    type: {
      premises: [tap('佛山市南海区'), tap('桂城街道'), tap('南海大道北'), '90', tap('号')],
      capitalYuan: ['30000'],
    },
    choose: ['form-personal'],
  },
  {
    code: 'NH-AMR-0201', title: '企业名称变更登记', stage: 'change', enterprise: YUEWEI, role: 'agent', flow: ['name'],
    type: {
      after: [tap('佛山市'), p('yue', '粤'), p('wei', '味'), p('xuan', '轩'), p('canyin', '餐饮'), tap('有限公司')],
      resolutionDate: TODAY,
    },
    expect: { before: '佛山市南海区桂城粤味轩餐饮有限公司', after: '佛山市粤味轩餐饮有限公司' },
  },
  {
    code: 'NH-AMR-0202', title: '住所变更登记', stage: 'change', enterprise: YUEWEI, role: 'agent',
    type: {
      after: [tap('佛山市南海区'), tap('桂城街道'), tap('南海大道北'), '70', tap('号')],
      resolutionDate: TODAY,
    },
    expect: { before: '佛山市南海区桂城街道南海大道北68号首层101铺', after: '佛山市南海区桂城街道南海大道北70号' },
  },
  {
    code: 'NH-AMR-0203', title: '法定代表人变更登记', stage: 'change', enterprise: YUEWEI, role: 'agent',
    type: { after: [p('chen', '陈'), p('xiao', '晓'), p('ming', '明')], resolutionDate: TODAY },
    expect: { before: '陈志强', after: '陈晓明' },
  },
  {
    code: 'NH-AMR-0204', title: '经营范围变更登记', stage: 'change', enterprise: YUEWEI, role: 'agent',
    // Today's scope is in both fields from the register: the person adds to it.
    type: { after: ['；', tap('食品销售')], resolutionDate: TODAY },
    expect: { before: '餐饮服务', after: '餐饮服务；食品销售' },
  },
  {
    code: 'NH-AMR-0304', title: '仅销售预包装食品备案', stage: 'licence', enterprise: YUEWEI, role: 'agent',
    type: { foodSafetyManager: [p('chen', '陈'), p('zhi', '志'), p('qiang', '强')], managerPhone: ['13926540817'] },
  },
  {
    code: 'NH-SI-1001', title: '单位社会保险参保登记', stage: 'hr', enterprise: SHISHAN, role: 'legal_rep',
    type: { bankAccount: ['6222021234567890123'], startDate: NEXT_MONTH_FIRST },
    expect: { employees: '260' },
  },
  {
    code: 'NH-HPF-1002', title: '住房公积金单位缴存登记', stage: 'hr', enterprise: SHISHAN, role: 'legal_rep',
    type: { contributionRate: ['5'], firstMonth: NEXT_MONTH_FIRST },
  },
  {
    code: 'NH-HRS-1003', title: '用人单位招用人员就业登记', stage: 'hr', enterprise: YUEWEI, role: 'agent',
    // The contract signed through the platform brings the worker, the start and the wage.
    contract: 'LC-2026-118203',
    expect: { workerName: '李建国', contractStart: '2026-12-01', monthlyWage: '4500' },
  },
  {
    code: 'NH-AMR-0302', title: '食品经营许可（延续）', stage: 'licence', enterprise: YUEWEI, role: 'agent',
    choose: ['conditionsUnchanged'],
  },
  {
    code: 'NH-HLT-0402', title: '公共场所卫生许可（延续）', stage: 'licence', enterprise: AMEI, role: 'agent',
    type: { areaSqm: ['45'] },
    choose: ['conditionsUnchanged'],
  },
];
