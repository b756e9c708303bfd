import { hasValidIdCheckChar } from '../../../kernel/identifiers';
import { NATIONS, SEXES, type Sex } from './nations';

/** The 256-byte UCS-2 text block of a resident ID card and its sister cards (notes §6 and §9). */
export const TEXT_BLOCK_BYTES = 256;
export const PHOTO_BYTES = 1024;
const PERMANENT = '长期';

export type CardType = 'resident' | 'foreignPermanent' | 'hkMacaoTaiwan';

export interface IdCardRecord {
  readonly cardType: CardType;
  /** Chinese name; for a foreign card without one, the English name. */
  readonly name: string;
  readonly englishName: string | null;
  readonly sex: Sex;
  readonly ethnicityCode: string | null;
  /** GB 3304 name, or `未知(<code>)` for a code outside the table. */
  readonly ethnicity: string | null;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly address: string | null;
  /** 公民身份号码, or the foreign card number. */
  readonly idNumber: string;
  /** GB 11643 check character correct (always false for 15-char foreign numbers, which carry none). */
  readonly idNumberValid: boolean;
  readonly authority: string | null;
  readonly validFrom: string;
  /** null = 长期 (no expiry). */
  readonly validUntil: string | null;
  readonly nationality: string | null;
  readonly passNumber: string | null;
  readonly issueCount: number | null;
}

export type TextBlockError = { readonly error: 'unsupported-card-type' | 'malformed'; readonly detail: string };
export type TextBlockResult = { ok: true; card: IdCardRecord } | ({ ok: false } & TextBlockError);

const field = (buf: Uint8Array, offset: number, bytes: number): string =>
  Buffer.from(buf.buffer, buf.byteOffset + offset, bytes)
    .toString('utf16le')
    // eslint-disable-next-line no-control-regex -- NUL padding is what we strip
    .replace(/[\s\u0000]+$/u, '');

const date = (raw: string, what: string): string => {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (!m) throw new Malformed(`${what} is not YYYYMMDD`);
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Malformed(`${what} is not a calendar date`);
  return `${y}-${mo}-${d}`;
};

class Malformed extends Error {}
class UnsupportedNumber extends Malformed {}

const sexOf = (code: string): Sex => SEXES[code] ?? 'unknown';

/** Decodes a text block; the card-type flag at bytes 248–249 selects the layout. */
export function decodeTextBlock(block: Uint8Array): TextBlockResult {
  if (block.length !== TEXT_BLOCK_BYTES) {
    return { ok: false, error: 'malformed', detail: `text block is ${block.length} bytes, expected 256` };
  }
  const flag = field(block, 248, 2);
  try {
    if (flag === '') return { ok: true, card: decodeResident(block, 'resident') };
    if (flag === 'J') return { ok: true, card: decodeResident(block, 'hkMacaoTaiwan') };
    if (flag === 'I') return { ok: true, card: decodeForeign(block) };
    return { ok: false, error: 'unsupported-card-type', detail: `card-type flag "${flag}" is not supported` };
  } catch (err) {
    if (err instanceof UnsupportedNumber) {
      return { ok: false, error: 'unsupported-card-type', detail: 'number starting with 9: 2023 foreign permanent resident card' };
    }
    if (err instanceof Malformed) return { ok: false, error: 'malformed', detail: err.message };
    throw err;
  }
}

function decodeResident(b: Uint8Array, cardType: 'resident' | 'hkMacaoTaiwan'): IdCardRecord {
  const idNumber = field(b, 122, 36);
  if (!/^\d{17}[\dX]$/.test(idNumber)) throw new Malformed('ID number is not 18 characters');
  // A newer-format foreign card reuses this layout with a number starting with 9 (notes §9.3).
  if (cardType === 'resident' && idNumber.startsWith('9')) throw new UnsupportedNumber();
  const code = cardType === 'resident' ? field(b, 32, 4) : null;
  const until = field(b, 204, 16);
  return {
    cardType,
    name: field(b, 0, 30),
    englishName: null,
    sex: sexOf(field(b, 30, 2)),
    ethnicityCode: code,
    ethnicity: code === null ? null : (NATIONS[code] ?? `未知(${code})`),
    birthDate: date(field(b, 36, 16), 'birth date'),
    address: field(b, 52, 70),
    idNumber,
    idNumberValid: hasValidIdCheckChar(idNumber),
    authority: field(b, 158, 30),
    validFrom: date(field(b, 188, 16), 'valid-from date'),
    validUntil: until === PERMANENT ? null : date(until, 'valid-until date'),
    nationality: null,
    passNumber: cardType === 'hkMacaoTaiwan' ? field(b, 220, 18) : null,
    issueCount: cardType === 'hkMacaoTaiwan' ? Number(field(b, 238, 4)) || 0 : null,
  };
}

function decodeForeign(b: Uint8Array): IdCardRecord {
  const englishName = field(b, 0, 120);
  const chineseName = field(b, 158, 30);
  const until = field(b, 204, 16);
  const cardNumber = field(b, 122, 30);
  return {
    cardType: 'foreignPermanent',
    name: chineseName || englishName,
    englishName,
    sex: sexOf(field(b, 120, 2)),
    ethnicityCode: null,
    ethnicity: null,
    birthDate: date(field(b, 220, 16), 'birth date'),
    address: null,
    idNumber: cardNumber,
    idNumberValid: false,
    authority: field(b, 240, 8) || null,
    validFrom: date(field(b, 188, 16), 'valid-from date'),
    validUntil: until === PERMANENT ? null : date(until, 'valid-until date'),
    nationality: field(b, 152, 6),
    passNumber: null,
    issueCount: null,
  };
}

/** Expired when the last valid day is before `today` (YYYY-MM-DD, China time). */
export const isExpired = (card: Pick<IdCardRecord, 'validUntil'>, today: string): boolean =>
  card.validUntil !== null && card.validUntil < today;


// ---- encoding (used by the reader simulator and tests) ----

/** Writes `text` at `offset` in UCS-2 LE, space-padded to `bytes`. */
export function putField(block: Buffer, offset: number, bytes: number, text: string): void {
  const enc = Buffer.from(text, 'utf16le');
  if (enc.length > bytes) throw new Error(`field at ${offset} too long (${enc.length} > ${bytes})`);
  for (let i = offset; i < offset + bytes; i += 2) block.writeUInt16LE(0x20, i);
  enc.copy(block, offset);
}

export interface ResidentFields {
  name: string; sexCode: string; nationCode: string; birth: string; address: string; idNumber: string;
  authority: string; validFrom: string; validUntil: string; passNumber?: string; issueCount?: string;
  flag?: '' | 'J' | string;
}
export interface ForeignFields {
  englishName: string; sexCode: string; cardNumber: string; nationality: string; chineseName: string;
  validFrom: string; validUntil: string; birth: string; version: string; authorityCode: string;
}

export function encodeResidentBlock(f: ResidentFields): Buffer {
  const b = Buffer.alloc(TEXT_BLOCK_BYTES);
  putField(b, 0, 30, f.name);
  putField(b, 30, 2, f.sexCode);
  putField(b, 32, 4, f.nationCode);
  putField(b, 36, 16, f.birth);
  putField(b, 52, 70, f.address);
  putField(b, 122, 36, f.idNumber);
  putField(b, 158, 30, f.authority);
  putField(b, 188, 16, f.validFrom);
  putField(b, 204, 16, f.validUntil);
  putField(b, 220, 18, f.passNumber ?? '');
  putField(b, 238, 4, f.issueCount ?? '');
  putField(b, 242, 6, '');
  putField(b, 248, 2, f.flag ?? '');
  putField(b, 250, 6, '');
  return b;
}

export function encodeForeignBlock(f: ForeignFields): Buffer {
  const b = Buffer.alloc(TEXT_BLOCK_BYTES);
  putField(b, 0, 120, f.englishName);
  putField(b, 120, 2, f.sexCode);
  putField(b, 122, 30, f.cardNumber);
  putField(b, 152, 6, f.nationality);
  putField(b, 158, 30, f.chineseName);
  putField(b, 188, 16, f.validFrom);
  putField(b, 204, 16, f.validUntil);
  putField(b, 220, 16, f.birth);
  putField(b, 236, 4, f.version);
  putField(b, 240, 8, f.authorityCode);
  putField(b, 248, 2, 'I');
  putField(b, 250, 6, '');
  return b;
}
