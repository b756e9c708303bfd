import type { ServiceItemInput } from '../../content-bundle/model';
import { english } from './english';

type MaterialInput = ServiceItemInput['guide']['materials'][number];

/** `t('中文', 'English')` → localised text. */
export const t = (zh: string, en?: string) => (en === undefined ? { zh } : { zh, en });
/** A text with the English `english.ts` lists for it, if any. */
export const tr = (zh: string) => t(zh, english(zh));

/**
 * Compact material: flags are a space-separated list —
 * copy | orig+copy · paper | e (electronic only) · opt | defer:<days> · ecert:<证照名> | ecert-sub:<证照名>
 * · commit (告知承诺 may replace it) · letter (it is the 告知承诺书, signed on the kiosk) · gov:<issuer>
 * · agent (applies when q_who = agent).
 */
export function mat(id: string, zh: string, en: string, flags = '', extra: Partial<MaterialInput> = {}): MaterialInput {
  const f = flags.split(' ').filter(Boolean);
  const has = (k: string) => f.includes(k);
  const val = (k: string) => f.find((x) => x.startsWith(`${k}:`))?.slice(k.length + 1);
  const ecert = val('ecert') ?? val('ecert-sub');
  const deferDays = val('defer');
  const gov = val('gov');
  const copy = has('copy');
  return {
    id,
    name: t(zh, en),
    originalOrCopy: copy ? 'copy' : has('orig+copy') ? 'original_and_copy' : 'original',
    originalCount: copy ? 0 : 1,
    copyCount: copy || has('orig+copy') ? 1 : 0,
    medium: has('paper') ? ['paper'] : has('e') ? ['electronic'] : ['paper', 'electronic'],
    necessity: deferDays ? 'deferrable' : has('opt') ? 'optional' : 'required',
    ...(deferDays ? { deferral: { deadline: { value: Number(deferDays), unit: 'working_day' as const }, commitmentText: t('申请人承诺在期限内补齐材料，逾期未补齐的，按不予受理处理。', 'The applicant undertakes to hand in the material before the deadline.') } } : {}),
    source: gov ? { kind: 'government_issued', issuer: tr(gov) } : { kind: 'applicant' },
    ...(ecert ? { eCertificate: { certificate: tr(ecert), mode: val('ecert') ? 'exempt_submission' : 'may_substitute' } } : {}),
    commitmentAllowed: has('commit'),
    ...(has('letter') ? { commitmentLetter: true } : {}),
    ...(has('agent') ? { appliesWhen: { answer: 'q_who', eq: 'agent' } } : {}),
    ...extra,
  } as MaterialInput;
}

/** Materials almost every enterprise item asks for. */
export const common = {
  licence: () => mat('m_business_licence', '营业执照', 'Business licence', 'copy e ecert:电子营业执照 gov:市场监督管理部门'),
  // Whoever applies is known at the kiosk (the role chosen at 身份核验), with or without a flow.
  agent: () => mat('m_power_of_attorney', '授权委托书及经办人身份证件', 'Power of attorney and agent ID', 'agent', { instructions: t('委托他人办理的提供', 'Only when an agent applies') }),
  idCard: (zh = '法定代表人身份证件', en = 'ID of the legal representative') => mat('m_legal_rep_id', zh, en, 'copy e ecert:居民身份证（实名核验） gov:公安机关'),
};

export const hall = {
  address: t('佛山市南海区行政服务中心（桂城街道，示例地址）', 'Nanhai District Administrative Service Centre, Guicheng (sample address)'),
  hours: t('周一至周五 9:00-12:00，14:00-17:30（法定节假日除外）', 'Mon–Fri 9:00-12:00, 14:00-17:30 (closed on public holidays)'),
};

export const standardProcess = [
  { name: t('申请', 'Apply'), actor: 'applicant' as const },
  { name: t('受理', 'Accept'), actor: 'window' as const, limit: { value: 0, unit: 'on_the_spot' as const } },
  { name: t('审查', 'Review'), actor: 'back_office' as const },
  { name: t('决定', 'Decide'), actor: 'back_office' as const },
  { name: t('送达', 'Deliver'), actor: 'window' as const },
];

interface ItemSpec {
  code: string;
  zh: string;
  en: string;
  type: ServiceItemInput['type'];
  dept: string;
  stages: ServiceItemInput['stages'];
  keywords?: string[];
  law: [string, string?][];
  conditions: string[];
  materials: MaterialInput[];
  statutory?: [number, 'working_day' | 'natural_day' | 'on_the_spot'];
  promised: [number, 'working_day' | 'natural_day' | 'on_the_spot'];
  visits: number;
  result?: [string, 'licence' | 'approval' | 'registration' | 'other', boolean];
  online?: boolean;
  kiosk?: { formId: string };
  /** 设立登记: filing creates the enterprise (no credit code yet). */
  createsEnterprise?: boolean;
  flowId?: string;
  crossRegion?: 'city' | 'province' | 'pan_prd' | 'national';
  commit?: boolean;
  objects?: ServiceItemInput['serviceObjects'];
  windows?: string[];
  fee?: { zh: string; en: string };
  faq?: [string, string][];
  parent?: string;
  specialSteps?: { zh: string; en: string; days: number }[];
}

export const departments = [
  { id: 'amr', name: t('佛山市南海区市场监督管理局', 'Nanhai District Administration for Market Regulation') },
  { id: 'hrss', name: t('佛山市南海区人力资源和社会保障局', 'Nanhai District Human Resources and Social Security Bureau') },
  { id: 'si', name: t('佛山市社会保险基金管理局南海分局', 'Foshan Social Insurance Fund Administration, Nanhai Branch') },
  { id: 'hpf', name: t('佛山市住房公积金管理中心南海分中心', 'Foshan Housing Provident Fund Centre, Nanhai Office') },
  { id: 'tax', name: t('国家税务总局佛山市南海区税务局', 'Nanhai District Tax Bureau, STA') },
  { id: 'police', name: t('佛山市公安局南海分局', 'Foshan Public Security Bureau, Nanhai Branch') },
  { id: 'health', name: t('佛山市南海区卫生健康局', 'Nanhai District Health Bureau') },
  { id: 'housing', name: t('佛山市南海区住房城乡建设和水利局', 'Nanhai District Housing, Urban-Rural Development and Water Bureau') },
  { id: 'urban', name: t('佛山市南海区城市管理和综合执法局', 'Nanhai District Urban Management Bureau') },
  { id: 'transport', name: t('佛山市南海区交通运输局', 'Nanhai District Transport Bureau') },
  { id: 'fire', name: t('佛山市南海区消防救援大队', 'Nanhai District Fire and Rescue Brigade') },
  { id: 'culture', name: t('佛山市南海区文化广电旅游体育局', 'Nanhai District Culture, Radio, Tourism and Sports Bureau') },
  { id: 'science', name: t('佛山市南海区科学技术局', 'Nanhai District Science and Technology Bureau') },
  { id: 'bank', name: t('经办商业银行', 'Participating commercial bank') },
];

const deptName = (id: string) => {
  const d = departments.find((x) => x.id === id);
  if (!d) throw new Error(`unknown department ${id}`);
  return d.name;
};

/** Builds one item from a compact spec, filling the guide fields every Nanhai item shares. */
export function item(s: ItemSpec): ServiceItemInput {
  return {
    code: s.code,
    name: t(s.zh, s.en),
    ...(s.parent ? { parentName: tr(s.parent) } : {}),
    type: s.type,
    department: deptName(s.dept),
    departmentId: s.dept,
    serviceObjects: s.objects ?? ['enterprise_legal_person', 'unincorporated_enterprise'],
    stages: s.stages,
    keywords: s.keywords ?? [],
    channels: [
      { kind: 'window' },
      ...(s.online === false ? [] : [{ kind: 'online' as const, url: 'https://www.gdzwfw.gov.cn/' }]),
      ...(s.kiosk ? [{ kind: 'self_service_kiosk' as const }] : []),
    ],
    kioskFilable: s.kiosk !== undefined,
    ...(s.createsEnterprise ? { createsEnterprise: true } : {}),
    ...(s.kiosk ? { formId: s.kiosk.formId } : {}),
    ...(s.flowId ? { flowId: s.flowId } : {}),
    crossRegion: s.crossRegion ? { enabled: true, scope: s.crossRegion } : { enabled: false },
    maxVisits: s.visits,
    notifyAndCommit: s.commit ?? false,
    guide: {
      conditions: s.conditions.map((c, i) => ({ id: `c${i + 1}`, text: tr(c) })),
      legalBasis: s.law.map(([law, article]) => ({ law: t(law), ...(article ? { article } : {}) })),
      materials: s.materials,
      timeLimits: {
        ...(s.statutory ? { statutory: { value: s.statutory[0], unit: s.statutory[1] } } : {}),
        promised: { value: s.promised[0], unit: s.promised[1] },
        specialSteps: (s.specialSteps ?? []).map((x) => ({ name: t(x.zh, x.en), duration: { value: x.days, unit: 'working_day' as const }, countsTowardLimit: false })),
      },
      fees: s.fee ? { charged: true, items: [{ name: t('收费', 'Fee'), standard: t(s.fee.zh, s.fee.en) }] } : { charged: false, items: [] },
      process: standardProcess,
      ...(s.result ? { result: { name: tr(s.result[0]), kind: s.result[1], eCertificate: s.result[2] } } : {}),
      resultDelivery: s.result?.[2] ? ['window_pickup', 'post', 'e_certificate'] : ['window_pickup', 'post'],
      location: { address: hall.address, windows: s.windows ?? ['综合窗口'], hours: hall.hours },
      consultationPhone: '0757-12345',
      supervisionPhone: '12345',
      faq: (s.faq ?? []).map(([q, a]) => ({ q: tr(q), a: tr(a) })),
    },
  };
}
