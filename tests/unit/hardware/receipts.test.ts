import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosTokenizer } from '../../../hardware/protocols/escpos/tokenizer';
import { buildReceipt } from '../../../hardware/receipts/build';
import type { PrinterProfile } from '../../../hardware/receipts/profile';
import { renderReceipt } from '../../../hardware/testing/simulators/printer/render';

const width = (s: string): number => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/u.test(c) ? 2 : 1), 0);
const printed = (bytes: Buffer, encoding: 'gb18030' | 'gbk' = 'gb18030'): string[] => {
  const t = new EscPosTokenizer(encoding);
  return renderReceipt([...t.push(bytes), ...t.flush()]).lines;
};

const chinese = fc.array(fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), fc.constantFrom('a', 'Z', '1', ' ', '，', '。')), { minLength: 1, maxLength: 80 }).map((a) => a.join(''));

describe('receipt builder', () => {
  for (const paperWidth of [58, 80] as const) {
    const cols = paperWidth === 58 ? 32 : 48;
    it(`wraps Chinese text on character boundaries within ${cols} columns on ${paperWidth} mm paper (property)`, () => {
      const profile: PrinterProfile = { paperWidth, encoding: 'gb18030', qrNative: true, cutter: true };
      fc.assert(
        fc.property(chinese, (line) => {
          const lines = printed(buildReceipt({ title: 'T', text: [line] }, profile).escpos).slice(1).filter((l) => !/^-+$/.test(l));
          for (const l of lines) {
            expect(width(l)).toBeLessThanOrEqual(cols);
            expect(l).not.toContain('\ufffd');
          }
          expect(lines.join('').replace(/\s/g, '')).toBe(line.replace(/\s/g, ''));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('encodes in GBK for a GBK profile and still reads back', () => {
    const r = buildReceipt({ title: '政务服务中心' }, { paperWidth: 58, encoding: 'gbk', qrNative: true, cutter: false });
    expect(r.escpos.includes(Buffer.from('D5FECEF1B7FECEF1D6D0D0C4', 'hex'))).toBe(true);
    expect(printed(r.escpos, 'gbk')[0]?.trim()).toBe('政务服务中心');
    expect(r.escpos.includes(Buffer.from([0x1d, 0x56]))).toBe(false);
  });

  it('escapes receiptline markup in user data and gives an SVG preview', () => {
    const r = buildReceipt({ title: 'A|B{C}', fields: [{ label: '备注', value: '-=^_~' }] }, { paperWidth: 80, encoding: 'gb18030', qrNative: true, cutter: true });
    const lines = printed(r.escpos);
    expect(lines[0]?.trim()).toBe('A|B{C}');
    expect(lines.some((l) => l.includes('-=^_~'))).toBe(true);
    expect(r.svg.startsWith('<svg')).toBe(true);
  });
});
