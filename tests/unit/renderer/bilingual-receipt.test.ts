// The receipt code is renderer code built by Vite: its imports reach import.meta.glob (the i18n locale files).
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { contentSet, provideRecord, type ServiceItem } from '../../../content-bundle/model';
import { sampleContent } from '../../../content/src/index';
import { EscPosTokenizer } from '../../../hardware/protocols/escpos/tokenizer';
import { buildReceipt } from '../../../hardware/receipts/build';
import { renderReceipt } from '../../../hardware/testing/simulators/printer/render';
import en from '../../../renderer/src/i18n/locales/en/receipt.json';
import zh from '../../../renderer/src/i18n/locales/zh-CN/receipt.json';
import { oneTimeNotice } from '../../../renderer/src/features/item/notice';
import { provideFor } from '../../../renderer/src/features/item/provide';
import { bilingual } from '../../../renderer/src/features/printing/receipt-labels';
import { slipReceipt, submissionReceipt, type FilingForReceipt } from '../../../renderer/src/features/submit/receipt';

const sample = contentSet.parse(sampleContent);
const item = (code: string): ServiceItem => {
  const it = sample.items.find((i) => i.code === code);
  if (!it) throw new Error(`no sample item ${code}`);
  return it;
};
const PUBLIC = 'https://zwfw.nanhai.example/kiosk';
const setup = item('NH-AMR-0101');
const filed: FilingForReceipt = {
  applicationNumber: 'NH20261201000001',
  slipNumber: 'Q7K2XZ-261201-0001',
  promisedDate: '2026-12-02',
  submittedAt: '2026-12-01T02:00:00.000Z',
  decision: null,
  toProvide: provideRecord(provideFor(setup, { formId: setup.formId ?? null })),
};
const zhLabels = new Set(Object.values(zh.receiptLabel));
const enOf = new Map(Object.entries(zh.receiptLabel).map(([k, v]) => [v, en.receiptLabel[k as keyof typeof en.receiptLabel]]));
const printedLines = (r: ReturnType<typeof submissionReceipt>, paperWidth: 58 | 80): string[] => {
  const t = new EscPosTokenizer('gb18030');
  return renderReceipt([...t.push(buildReceipt(r, { paperWidth, encoding: 'gb18030', qrNative: true, cutter: true }).escpos), ...t.flush()]).lines;
};

describe('receipt labels in an English session', () => {
  const receipts = {
    受理回执: (lang: 'zh-CN' | 'en') => submissionReceipt(setup, filed, PUBLIC, lang),
    办结通知书: (lang: 'zh-CN' | 'en') =>
      submissionReceipt(setup, { ...filed, decision: { outcome: 'approved', decidedAt: '2026-12-01T02:00:03.000Z', automated: true, reasons: [], documents: [] } }, PUBLIC, lang),
    暂存凭条: (lang: 'zh-CN' | 'en') => slipReceipt(setup, { ...filed, applicationNumber: null }, PUBLIC, lang),
    一次性告知单: (lang: 'zh-CN' | 'en') => oneTimeNotice(setup, filed.toProvide, new Date('2026-12-01T02:00:00Z'), undefined, lang),
  };

  for (const [name, build] of Object.entries(receipts)) {
    it(`${name}: each label is the Chinese then the English; values, title and text as on the Chinese paper`, () => {
      const zhPaper = build('zh-CN');
      const enPaper = build('en');
      expect(zhPaper.fields!.length).toBeGreaterThan(0);
      for (const [i, f] of zhPaper.fields!.entries()) {
        expect(zhLabels.has(f.label)).toBe(true);
        expect(enPaper.fields![i]).toEqual({ label: `${f.label} ${enOf.get(f.label)}`, value: f.value });
      }
      expect(enPaper.title).toBe(zhPaper.title);
      expect(enPaper.text).toEqual(zhPaper.text);
      expect(enPaper.qr).toBe(zhPaper.qr);
    });
  }

  it('a Chinese session gets the Chinese labels alone, as before', () => {
    const r = submissionReceipt(setup, filed, PUBLIC);
    expect(r.fields!.map((f) => f.label)).toEqual(['办件编号', '提交时间', '承诺办结']);
    expect(r.footer).toEqual(['咨询电话：0757-12345', '暂存编号：Q7K2XZ-261201-0001']);
    expect(submissionReceipt(setup, filed, PUBLIC, 'en').footer).toEqual(['咨询电话 Enquiries: 0757-12345', '暂存编号 Slip number: Q7K2XZ-261201-0001']);
  });

  it('adds nothing when the English is missing or the same', () => {
    expect(bilingual('办件编号', 'Case number', 'en')).toBe('办件编号 Case number');
    expect(bilingual('办件编号', 'Case number', 'zh-CN')).toBe('办件编号');
    expect(bilingual('办件编号', '', 'en')).toBe('办件编号');
    expect(bilingual('A', 'A', 'en')).toBe('A');
  });

  for (const paperWidth of [58, 80] as const) {
    it(`on ${paperWidth} mm paper the bilingual labels and values print whole, each label before its value`, () => {
      const lines = printedLines(submissionReceipt(setup, filed, PUBLIC, 'en'), paperWidth);
      for (const [label, value] of [['办件编号 Case number', 'NH20261201000001'], ['承诺办结 Promised by', '2026-12-02']] as const) {
        const at = lines.findIndex((l) => l.includes(label));
        expect(at, `${label} in\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
        // On the same line (80 mm) or the next (58 mm), never broken into pieces.
        expect(`${lines[at]} ${lines[at + 1]}`).toContain(value);
      }
    });
  }

  it('Chinese labels keep sharing a line with their value on 58 mm paper', () => {
    const lines = printedLines(submissionReceipt(setup, filed, PUBLIC), 58);
    expect(lines.find((l) => l.includes('办件编号'))).toContain('NH20261201000001');
  });
});
