import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionOf, flagsFromStatus, isStatusByte, statusByte, ALL_CLEAR } from '../../../hardware/protocols/escpos/status';
import { EscPosTokenizer } from '../../../hardware/protocols/escpos/tokenizer';
import { buildReceipt, nativeQr } from '../../../hardware/receipts/build';
import { chunked, RUNS } from './chunking';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('ESC/POS status', () => {
  it('maps the typical bytes of the notes to typed conditions', () => {
    expect(conditionOf(flagsFromStatus([0x12, 0x12, 0x12, 0x12]))).toBe('ok');
    expect(conditionOf(flagsFromStatus([0x12, 0x12, 0x12, 0x1e]))).toBe('paper-near-end');
    expect(conditionOf(flagsFromStatus([0x12, 0x12, 0x12, 0x72]))).toBe('paper-out');
    expect(conditionOf(flagsFromStatus([0x12, 0x32, 0x12, 0x12]))).toBe('paper-out');
    expect(conditionOf(flagsFromStatus([0x12, 0x16, 0x12, 0x12]))).toBe('cover-open');
    expect(conditionOf(flagsFromStatus([0x1a, 0x12, 0x12, 0x12]))).toBe('offline');
  });
  it('only accepts bytes of the pattern 0xx1xx10, and the simulator always produces them', () => {
    expect([0x12, 0x1e, 0x72, 0x16, 0x1a].every(isStatusByte)).toBe(true);
    expect([0x00, 0x90, 0x13, 0x02].some(isStatusByte)).toBe(false);
    for (const n of [1, 2, 3, 4]) expect(isStatusByte(statusByte(n, { ...ALL_CLEAR, paperEnd: true, coverOpen: true, paperNearEnd: true }))).toBe(true);
  });
});

describe('ESC/POS tokenizer', () => {
  it('reads the QR example of the notes', () => {
    const t = new EscPosTokenizer();
    const bytes = nativeQr('https://z.gd.gov.cn/q?t=ABC123', 6, 'm');
    expect(bytes.subarray(25, 33)).toEqual(hex('1D 28 6B 21 00 31 50 30'));
    expect(t.push(bytes)).toEqual([{ type: 'qr', data: 'https://z.gd.gov.cn/q?t=ABC123', model: 2, moduleSize: 6, ec: 'M' }]);
  });

  it('decodes GB18030 text in Chinese mode, including a 4-byte character', () => {
    const t = new EscPosTokenizer();
    const out = t.push(Buffer.concat([hex('1B 40 1C 26'), hex('D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4'), hex('FE 9F 0A'), hex('81 30 81 30 0A')]));
    expect(out.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''))).toEqual(['政务服务中心䶮', '\u0080']);
  });

  const receipt = buildReceipt(
    { title: '南海区政务服务中心', fields: [{ label: '办件编号', value: 'GD2026112500012' }], text: ['测试文本'], qr: 'https://example.invalid/q?t=1', barcode: 'GD2026112500012', stamp: '已办结' },
    { paperWidth: 58, encoding: 'gb18030', qrNative: true, cutter: true },
  ).escpos;
  const whole = (() => {
    const t = new EscPosTokenizer();
    return JSON.stringify([...t.push(receipt), ...t.flush()]);
  })();

  it('tokenizes any chunking of a receipt identically (property)', () => {
    fc.assert(
      fc.property(chunked(receipt), (chunks) => {
        const t = new EscPosTokenizer();
        const events = [...chunks.flatMap((c) => t.push(c)), ...t.flush()];
        expect(JSON.stringify(events)).toBe(whole);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const t = new EscPosTokenizer();
        t.push(bytes);
        t.flush();
      }),
      { numRuns: RUNS },
    );
  });
});
