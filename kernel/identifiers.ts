/**
 * Validators for the identifiers an enterprise kiosk handles: resident ID numbers (GB 11643-1999),
 * unified social credit codes (GB 32100-2015) and mobile numbers. Shared by the renderer, the
 * services and the platform simulator, so pure TypeScript: no node:*, no Buffer, no DOM.
 *
 * Each identifier has a lenient `normalizeX(raw)` (full-width → half-width, whitespace removed,
 * upper case) and a strict `validateX(s)`; `checkX(raw)` runs both. A failure carries a code, the
 * parameters of its message and the zh-CN/en messages themselves.
 */

import { calendarDate, chinaToday } from './china-date';

export interface LocalizedMessage {
  readonly zh: string;
  readonly en: string;
}

export type IdNumberErrorCode =
  | 'ID_EMPTY'
  | 'ID_LEGACY_15'
  | 'ID_LENGTH'
  | 'ID_CHARSET'
  | 'ID_DIVISION'
  | 'ID_DATE'
  | 'ID_FUTURE'
  | 'ID_CHECK';

export type CreditCodeErrorCode =
  | 'USCC_EMPTY'
  | 'USCC_LEGACY_REGNO'
  | 'USCC_LENGTH'
  | 'USCC_FORBIDDEN_LETTER'
  | 'USCC_CHARSET'
  | 'USCC_DIVISION'
  | 'USCC_CHECK';

export type MobileErrorCode = 'MOBILE_EMPTY' | 'MOBILE_LENGTH' | 'MOBILE_FORMAT';

export type IdentifierErrorCode = IdNumberErrorCode | CreditCodeErrorCode | MobileErrorCode;

export interface IdentifierFailure<C extends IdentifierErrorCode> {
  readonly ok: false;
  readonly code: C;
  readonly message: LocalizedMessage;
  /** Values interpolated into the message, e.g. { n: 17 } for a length error. */
  readonly params: Readonly<Record<string, string | number>>;
  /** For a 15-digit ID number: the probable 18-digit form, to be confirmed against the card. */
  readonly suggestion?: string;
}

export type IdentifierResult<T, C extends IdentifierErrorCode> = { readonly ok: true; readonly value: T } | IdentifierFailure<C>;

const MESSAGES: Record<IdentifierErrorCode, LocalizedMessage> = {
  ID_EMPTY: { zh: '请输入身份证号码', en: 'Please enter the ID number' },
  ID_LEGACY_15: {
    zh: '您输入的是15位旧身份证号码，请输入18位身份证号码（可按身份证正面号码输入）',
    en: 'This is an old 15-digit ID number. Please enter the 18-digit number on your current ID card',
  },
  ID_LENGTH: { zh: '身份证号码应为18位，您输入了{n}位', en: 'The ID number must have 18 characters; you entered {n}' },
  ID_CHARSET: { zh: '身份证号码只能包含数字，最后一位可以是X', en: 'Only digits are allowed; the last character may be X' },
  ID_DIVISION: {
    zh: '身份证号码前两位（省份代码）不正确，请核对',
    en: 'The first two digits (province code) are not valid',
  },
  ID_DATE: {
    zh: '身份证号码中的出生日期（第7–14位）不正确，请核对',
    en: 'The date of birth in digits 7–14 is not a valid date',
  },
  ID_FUTURE: { zh: '身份证号码中的出生日期晚于今天，请核对', en: 'The date of birth is in the future' },
  ID_CHECK: {
    zh: '身份证号码校验位不正确，请逐位核对后重新输入',
    en: 'The ID number is not valid (check digit mismatch); please check each digit',
  },
  USCC_EMPTY: { zh: '请输入统一社会信用代码', en: 'Please enter the unified social credit code' },
  USCC_LEGACY_REGNO: {
    zh: '您输入的是15位旧工商注册号，请输入营业执照上的18位统一社会信用代码',
    en: 'This looks like an old 15-digit registration number; please enter the 18-character credit code on the business licence',
  },
  USCC_LENGTH: {
    zh: '统一社会信用代码应为18位，您输入了{n}位',
    en: 'The code must have 18 characters; you entered {n}',
  },
  USCC_FORBIDDEN_LETTER: {
    zh: '统一社会信用代码不含字母 I、O、Z、S、V，请核对是否为数字 1、0、2、5 或其他字符',
    en: 'The code never contains the letters I, O, Z, S or V; check whether you meant 1, 0, 2, 5 …',
  },
  USCC_CHARSET: { zh: '统一社会信用代码只能包含数字和大写字母', en: 'Only digits and capital letters are allowed' },
  USCC_DIVISION: {
    zh: '统一社会信用代码第3–8位应为数字（登记机关行政区划代码）',
    en: 'Characters 3–8 must be digits (registration area code)',
  },
  USCC_CHECK: {
    zh: '统一社会信用代码校验位不正确，请逐位核对',
    en: 'The code is not valid (check character mismatch); please check each character',
  },
  MOBILE_EMPTY: { zh: '请输入11位手机号码', en: 'Please enter an 11-digit mobile number' },
  MOBILE_LENGTH: { zh: '请输入11位手机号码', en: 'Please enter an 11-digit mobile number' },
  MOBILE_FORMAT: { zh: '手机号码格式不正确', en: 'The mobile number is not valid' },
};

const interpolate = (text: string, params: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));

const failure = <C extends IdentifierErrorCode>(
  code: C,
  params: Record<string, string | number> = {},
  suggestion?: string,
): IdentifierFailure<C> => {
  const m = MESSAGES[code];
  return {
    ok: false,
    code,
    params,
    message: { zh: interpolate(m.zh, params), en: interpolate(m.en, params) },
    ...(suggestion ? { suggestion } : {}),
  };
};

/** The message of an error code, e.g. for a UI that stores only codes. */
export const identifierMessage = (code: IdentifierErrorCode, params: Record<string, string | number> = {}): LocalizedMessage => ({
  zh: interpolate(MESSAGES[code].zh, params),
  en: interpolate(MESSAGES[code].en, params),
});

// ---------------------------------------------------------------- normalisation

/** Full-width ASCII → half-width, all whitespace (incl. U+3000) removed, ASCII letters upper-cased. */
export function normalizeIdentifier(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[a-z]/g, (c) => c.toUpperCase());
}

export const normalizeIdNumber = normalizeIdentifier;
export const normalizeCreditCode = normalizeIdentifier;

// ---------------------------------------------------------------- resident ID (GB 11643)

/** Weights of positions 1..17: 2^(18-i) mod 11. */
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** Province-level prefixes (incl. 71 Taiwan and 81/82/83 residence permits). */
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
);

/** ISO 7064 MOD 11-2 check character over 17 digits. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '?';
}

/** An 18-character number whose 18th character is the GB 11643 check character of the first 17 (the shape only: no date or region check). */
export const hasValidIdCheckChar = (id: string): boolean => /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];

export interface IdNumberInfo {
  readonly number: string;
  /** Birth date, YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'M' | 'F';
  readonly divisionCode: string;
  /** Full years at the validation day (China time). */
  readonly age: number;
}

export interface ValidateOptions {
  /** Injectable clock: today's date YYYY-MM-DD in China time. */
  readonly today?: string;
}

const ageAt = (birth: string, today: string): number => {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) >= birth.slice(5) ? years : years - 1;
};

/** Upgrades an old 15-digit number (century 19 assumed) to 18 digits; null if its date is impossible. */
export function upgradeLegacyIdNumber(id15: string): string | null {
  if (!/^\d{15}$/.test(id15)) return null;
  const body = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  if (!calendarDate(body.slice(6, 14))) return null;
  return body + idCheckChar(body);
}

/** Strict validation of an already-normalised resident ID number. */
export function validateIdNumber(s: string, options: ValidateOptions = {}): IdentifierResult<IdNumberInfo, IdNumberErrorCode> {
  if (s.length === 0) return failure('ID_EMPTY');
  if (/^\d{15}$/.test(s)) {
    const upgraded = upgradeLegacyIdNumber(s);
    return upgraded ? failure('ID_LEGACY_15', {}, upgraded) : failure('ID_DATE');
  }
  if (s.length !== 18) return failure('ID_LENGTH', { n: [...s].length });
  if (!/^\d{17}[\dX]$/.test(s)) return failure('ID_CHARSET');
  if (!PROVINCE_PREFIXES.has(s.slice(0, 2))) return failure('ID_DIVISION');
  const birthDate = calendarDate(s.slice(6, 14));
  if (!birthDate) return failure('ID_DATE');
  const today = options.today ?? chinaToday();
  if (birthDate > today) return failure('ID_FUTURE');
  if (idCheckChar(s.slice(0, 17)) !== s[17]) return failure('ID_CHECK');
  return {
    ok: true,
    value: {
      number: s,
      birthDate,
      sex: Number(s[16]) % 2 === 1 ? 'M' : 'F',
      divisionCode: s.slice(0, 6),
      age: ageAt(birthDate, today),
    },
  };
}

/** Normalises then validates what the user typed or a reader delivered. */
export const checkIdNumber = (raw: string, options: ValidateOptions = {}) => validateIdNumber(normalizeIdNumber(raw), options);

// ---------------------------------------------------------------- credit code (GB 32100)

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1..17: 3^(i-1) mod 31. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 organisation-code weights for the 8 body characters. */
export const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character (position 18) of a credit code's first 17 characters. */
export function creditCodeCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(body17[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c] ?? '?';
}

/** GB 11714 check character of an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i] ?? '0';
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A → 10 … Z → 35
    sum += v * (ORG_CODE_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const AUTHORITIES: Record<string, { zh: string; en: string; types: Record<string, string> }> = {
  '1': { zh: '机构编制', en: 'staffing authority', types: { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' } },
  '2': { zh: '外交', en: 'foreign affairs', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    zh: '司法行政',
    en: 'justice',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { zh: '文化', en: 'culture', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { zh: '民政', en: 'civil affairs', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { zh: '旅游', en: 'tourism', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻代表机构', '9': '其他' } },
  '7': { zh: '宗教', en: 'religious affairs', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { zh: '工会', en: 'trade unions', types: { '1': '基层工会', '9': '其他' } },
  '9': { zh: '市场监管', en: 'market regulation', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { zh: '中央军委改革和编制办公室', en: 'military staffing office', types: { '1': '军队事业单位', '9': '其他' } },
  N: { zh: '农业', en: 'agriculture', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { zh: '其他', en: 'other', types: { '1': '其他' } },
};

export interface CreditCodeInfo {
  readonly code: string;
  readonly authority: string | null; // zh-CN name of the registering authority, null if unknown
  readonly organisationType: string | null;
  readonly divisionCode: string;
  readonly organisationCode: string;
  /** Soft warnings: unknown authority/type, position-17 (GB 11714) mismatch. Never block on these. */
  readonly warnings: ReadonlyArray<'USCC_UNKNOWN_TYPE' | 'USCC_ORG_CHECK'>;
}

/** Strict validation of an already-normalised unified social credit code. */
export function validateCreditCode(s: string): IdentifierResult<CreditCodeInfo, CreditCodeErrorCode> {
  if (s.length === 0) return failure('USCC_EMPTY');
  if (/^\d{15}$/.test(s)) return failure('USCC_LEGACY_REGNO');
  if (s.length !== 18) return failure('USCC_LENGTH', { n: [...s].length });
  if (/[IOZSV]/.test(s)) return failure('USCC_FORBIDDEN_LETTER');
  if (![...s].every((c) => USCC_CHARSET.includes(c))) return failure('USCC_CHARSET');
  if (!/^\d{6}$/.test(s.slice(2, 8))) return failure('USCC_DIVISION');
  if (creditCodeCheckChar(s.slice(0, 17)) !== s[17]) return failure('USCC_CHECK');
  const authority = AUTHORITIES[s[0] ?? ''];
  const type = authority?.types[s[1] ?? ''];
  const warnings: Array<'USCC_UNKNOWN_TYPE' | 'USCC_ORG_CHECK'> = [];
  if (!type) warnings.push('USCC_UNKNOWN_TYPE');
  if (orgCodeCheckChar(s.slice(8, 16)) !== s[16]) warnings.push('USCC_ORG_CHECK');
  return {
    ok: true,
    value: {
      code: s,
      authority: authority?.zh ?? null,
      organisationType: type ?? null,
      divisionCode: s.slice(2, 8),
      organisationCode: s.slice(8, 17),
      warnings,
    },
  };
}

export const checkCreditCode = (raw: string) => validateCreditCode(normalizeCreditCode(raw));

// ---------------------------------------------------------------- mobile numbers

/** Strips spaces/hyphens, full-width digits, and a +86 / 0086 / 86 prefix before an 11-digit 1xx number. */
export function normalizeMobile(raw: string): string {
  const s = normalizeIdentifier(raw).replace(/-/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(s);
  return m?.[1] ?? s;
}

/** Strict validation of a normalised mainland mobile number (1[3-9] + 9 digits). */
export function validateMobile(s: string): IdentifierResult<string, MobileErrorCode> {
  if (s.length === 0) return failure('MOBILE_EMPTY');
  if (/^\d+$/.test(s) && s.length !== 11) return failure('MOBILE_LENGTH');
  if (!/^1[3-9]\d{9}$/.test(s)) return failure('MOBILE_FORMAT');
  return { ok: true, value: s };
}

export const checkMobile = (raw: string) => validateMobile(normalizeMobile(raw));

/** Any contact phone: a mobile number or a landline such as 0757-86281234. */
export const isContactPhone = (s: string): boolean =>
  validateMobile(normalizeMobile(s)).ok || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(normalizeIdentifier(s));
