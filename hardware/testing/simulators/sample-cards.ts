import { idCheckChar } from '../../../kernel/identifiers';
import { encodeForeignBlock, encodeResidentBlock } from '../../protocols/idcard/text-block';

/**
 * Sample cards for the reader simulator: clearly fake people ("测试" in every name) with valid
 * GB 11643 check characters and realistic Nanhai (Foshan) addresses. No real ID data.
 */
export type SampleCardName = 'valid' | 'longTerm' | 'expired' | 'foreign' | 'hkmt' | 'unsupported' | 'unreadable';
export const SAMPLE_CARD_NAMES: readonly SampleCardName[] = ['valid', 'longTerm', 'expired', 'foreign', 'hkmt', 'unsupported', 'unreadable'];

export interface SampleCard {
  readonly name: SampleCardName;
  /** 256-byte text block; absent for a card whose read fails (SW3 41). */
  readonly text: Buffer | null;
  readonly description: string;
}

/** 17 digits + the computed check character. */
export const withCheck = (first17: string): string => `${first17}${idCheckChar(first17)}`;

const NANHAI_PSB = '佛山市公安局南海分局';

export const SAMPLE_ID_NUMBERS = {
  valid: withCheck('44060519900307123'),
  longTerm: withCheck('44060519620815242'),
  expired: withCheck('44060519851123004'),
  hkmt: withCheck('81000019920315001'),
} as const;

/** A 1024-byte stand-in for the WLT photo (the real format is proprietary). */
export const dummyWlt = (seed: number): Buffer => Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 31 + seed) & 0xff));

export const SAMPLE_CARDS: Readonly<Record<SampleCardName, SampleCard>> = {
  valid: {
    name: 'valid',
    description: 'resident card, valid until 2040',
    text: encodeResidentBlock({
      name: '黄测试', sexCode: '1', nationCode: '01', birth: '19900307',
      address: '广东省佛山市南海区桂城街道南海大道北88号', idNumber: SAMPLE_ID_NUMBERS.valid,
      authority: NANHAI_PSB, validFrom: '20200115', validUntil: '20400115',
    }),
  },
  longTerm: {
    name: 'longTerm',
    description: 'resident card valid 长期 (no expiry), ethnic group 壮',
    text: encodeResidentBlock({
      name: '梁测试英', sexCode: '2', nationCode: '08', birth: '19620815',
      address: '广东省佛山市南海区大沥镇广佛路黄岐段12号', idNumber: SAMPLE_ID_NUMBERS.longTerm,
      authority: NANHAI_PSB, validFrom: '20150620', validUntil: '长期',
    }),
  },
  expired: {
    name: 'expired',
    description: 'resident card that expired in 2020',
    text: encodeResidentBlock({
      name: '陈测试', sexCode: '2', nationCode: '01', birth: '19851123',
      address: '广东省佛山市南海区狮山镇罗村街道联星社区测试路3号', idNumber: SAMPLE_ID_NUMBERS.expired,
      authority: NANHAI_PSB, validFrom: '20100512', validUntil: '20200512',
    }),
  },
  foreign: {
    name: 'foreign',
    description: 'foreign permanent resident ID card (2017 version, type I)',
    text: encodeForeignBlock({
      englishName: 'TESTER, JOHN SAMPLE', sexCode: '1', cardNumber: 'USA440612345678', nationality: 'USA',
      chineseName: '约翰测试', validFrom: '20190401', validUntil: '20290401', birth: '19800101', version: '01',
      authorityCode: '4406',
    }),
  },
  hkmt: {
    name: 'hkmt',
    description: 'Hong Kong/Macao/Taiwan residence permit (type J)',
    text: encodeResidentBlock({
      name: '何测试港', sexCode: '1', nationCode: '', birth: '19920315',
      address: '广东省佛山市南海区里水镇海南洲测试大道6号', idNumber: SAMPLE_ID_NUMBERS.hkmt,
      authority: NANHAI_PSB, validFrom: '20230701', validUntil: '20280701', passNumber: 'H12345678',
      issueCount: '01', flag: 'J',
    }),
  },
  unsupported: {
    name: 'unsupported',
    description: 'card with an unknown card-type flag (e.g. a 2023 foreign card)',
    text: encodeResidentBlock({
      name: 'TEST', sexCode: '1', nationCode: '', birth: '19800101', address: '', idNumber: withCheck('93440019800101000'),
      authority: '', validFrom: '20240101', validUntil: '20340101', flag: 'Y',
    }),
  },
  unreadable: { name: 'unreadable', description: 'damaged card: the read fails (SW3 41)', text: null },
};
