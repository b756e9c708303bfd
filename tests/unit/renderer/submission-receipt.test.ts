// The receipt code is renderer code built by Vite: its imports reach import.meta.glob (the i18n locale files).
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { contentSet, provideRecord, type ServiceItem } from '../../../content-bundle/model';
import { sampleContent } from '../../../content/src/index';
import { materialCopies, materialCopiesZh } from '../../../renderer/src/features/item/material-copies';
import { oneTimeNotice } from '../../../renderer/src/features/item/notice';
import { materialsQr, provideFor } from '../../../renderer/src/features/item/provide';
import { parseProgressCode, slipReceipt, submissionReceipt, type FilingForReceipt } from '../../../renderer/src/features/submit/receipt';

const sample = contentSet.parse(sampleContent);
const item = (code: string): ServiceItem => {
  const it = sample.items.find((i) => i.code === code);
  if (!it) throw new Error(`no sample item ${code}`);
  return it;
};
const PUBLIC = 'https://zwfw.nanhai.example/kiosk';
/** The receipt as the printer would lay it out, one string: what a person reads on the paper. */
const paper = (r: ReturnType<typeof submissionReceipt>): string =>
  [r.title, r.stamp ?? '', ...(r.fields ?? []).map((f) => `${f.label}：${f.value}`), ...(r.text ?? [])].join('\n');
const records = (it: ServiceItem, i: Parameters<typeof provideFor>[1] = {}) => provideRecord(provideFor(it, { formId: it.formId ?? null, ...i }));

const filed = (it: ServiceItem, over: Partial<FilingForReceipt> = {}): FilingForReceipt => ({
  applicationNumber: 'NH20261201000001',
  slipNumber: 'Q7K2XZ-261201-0001',
  promisedDate: '2026-12-02',
  submittedAt: '2026-12-01T02:00:00.000Z',
  decision: null,
  toProvide: records(it),
  ...over,
});

describe('receipt for an instant (秒批) approval', () => {
  const it0202 = item('NH-AMR-0202');
  const r = submissionReceipt(
    it0202,
    filed(it0202, {
      decision: { outcome: 'approved', decidedAt: '2026-12-01T02:00:03.000Z', automated: true, reasons: [], documents: [{ kind: 'business-licence', certificateId: 'BU-20261201-0001', title: '营业执照 91440605MA51C7QX76' }] },
    }),
    PUBLIC,
  );

  it('is a notice of completion that asks for nothing more and promises no later date', () => {
    const text = paper(r);
    expect(r.title).toBe('办结通知书');
    expect(r.stamp).toBe('已办结');
    expect(text).toContain('办结时间：2026/12/1 10:00:03');
    expect(text).toContain('结果证照：营业执照 91440605MA51C7QX76（BU-20261201-0001）');
    expect(text).toContain('无需到窗口递交或核验材料');
    expect(text).not.toContain('还需提供');
    expect(text).not.toContain('承诺');
    expect(r.qr).toBe(`${PUBLIC}/progress?number=NH20261201000001`);
  });
});

describe('受理回执', () => {
  it('lists what is still to provide with its copies, and names the window once', () => {
    const it = item('NH-AMR-0901');
    const text = paper(submissionReceipt(it, filed(it, { toProvide: records(it, { answers: { q_debts: 'some' } }) }), PUBLIC));
    expect(text).toContain('还需提供的材料：');
    expect(text).toContain('营业执照正副本（缴回）（原件1份）');
    expect(text).toContain('仅纸质，须到窗口递交');
    expect(text).toContain(`纸质材料请到${it.guide.location.address.zh} ${it.guide.location.windows.join('、')}递交核验`);
    expect(text).not.toMatch(/窗(口)?窗口/);
  });

  it('a 零跑动 item never tells the person to bring originals to a window', () => {
    for (const it of sample.items.filter((i) => i.maxVisits === 0)) {
      const text = paper(submissionReceipt(it, filed(it), PUBLIC));
      expect(text, it.code).not.toContain('请携带');
      expect(text, it.code).not.toContain('递交核验');
    }
  });

  it('states the item’s promised limit in words while the platform has not given a date', () => {
    const onTheSpot = item('NH-HLT-0402');
    expect(onTheSpot.guide.timeLimits.promised.unit).toBe('on_the_spot');
    expect(paper(submissionReceipt(onTheSpot, filed(onTheSpot, { promisedDate: null }), PUBLIC))).toContain('承诺时限：当场办结');
    const days = item('NH-AMR-0302');
    expect(paper(submissionReceipt(days, filed(days, { promisedDate: null }), PUBLIC))).toContain(`承诺时限：${days.guide.timeLimits.promised.value}个工作日内`);
    expect(paper(submissionReceipt(days, filed(days), PUBLIC))).toContain('承诺办结：2026-12-02');
  });

  it('does not ask for the 告知承诺书 once it was signed on screen, nor for a material an e-certificate replaced', () => {
    const hygiene = item('NH-HLT-0402');
    expect(paper(submissionReceipt(hygiene, filed(hygiene), PUBLIC))).toContain('告知承诺书');
    expect(paper(submissionReceipt(hygiene, filed(hygiene, { toProvide: records(hygiene, { committed: true }) }), PUBLIC))).toContain('无需再提供材料');
    const food = item('NH-AMR-0304');
    expect(records(food, { ecerts: ['m_business_licence'] }).map((m) => m.materialId)).not.toContain('m_business_licence');
  });

  it('without a public address there is no QR code (never the kiosk’s own loopback)', () => {
    const it = item('NH-AMR-0201');
    expect(submissionReceipt(it, filed(it), null).qr).toBeUndefined();
  });
});

describe('暂存凭条 for a filing that waits for the platform', () => {
  const setup = item('NH-AMR-0101');
  const slip = slipReceipt(setup, filed(setup, { applicationNumber: null, promisedDate: null, toProvide: records(setup, { answers: { q_premises: 'rented' }, role: 'agent' }) }), PUBLIC);

  it('says what it is, and what it is not: no application number, no promised date', () => {
    const text = paper(slip);
    expect(slip.title).toBe('暂存凭条');
    expect(text).toContain('暂存编号：Q7K2XZ-261201-0001');
    expect(text).toContain('本凭条不是受理回执');
    expect(text).toContain('凭暂存编号在任一自助终端');
    expect(slip.fields!.map((f) => f.label)).toEqual(['暂存编号', '暂存时间']);
    expect(text).not.toMatch(/办件编号：|承诺办结：|承诺时限：|当场办结/);
    expect(text).toContain('住所租赁合同及出租方产权证明（复印件1份）');
    expect(text).toContain('授权委托书及经办人身份证件（原件1份）');
    expect(slip.qr).toBe(`${PUBLIC}/progress?slip=Q7K2XZ-261201-0001`);
  });

  it('its number is found again when typed or scanned', () => {
    expect(parseProgressCode('q7k2xz-261201-0001')).toEqual({ slip: 'Q7K2XZ-261201-0001' });
    expect(parseProgressCode(slip.qr!)).toEqual({ slip: 'Q7K2XZ-261201-0001' });
    expect(parseProgressCode('NH20261201000001')).toEqual({ number: 'NH20261201000001' });
  });
});

describe('一次性告知单', () => {
  it('marks what depends on a question not yet answered 如适用, never as mandatory', () => {
    const it = item('NH-AMR-0101');
    const list = provideFor(it, { formId: it.formId ?? null });
    const text = oneTimeNotice(it, provideRecord(list), new Date('2026-12-01T02:00:00Z'), materialsQr(PUBLIC, it, list)).text!.join('\n');
    expect(text).toMatch(/住所租赁合同及出租方产权证明（复印件1份）\n {3}如适用/);
    expect(text).toMatch(/授权委托书及经办人身份证件（原件1份）\n {3}如适用：委托他人办理的/);
  });

  it('has the form and its count said once, in every printed notice of the sample catalogue, and a QR code a receipt can hold', () => {
    expect(materialCopiesZh({ originalOrCopy: 'original_and_copy', originalCount: 1, copyCount: 1 })).toBe('原件1份，复印件1份');
    expect(materialCopies({ originalOrCopy: 'original_and_copy', originalCount: 0, copyCount: 3 })).toEqual([{ form: 'original', count: null }, { form: 'copy', count: 3 }]);
    for (const it of sample.items) {
      const list = provideFor(it);
      const notice = oneTimeNotice(it, provideRecord(list), new Date('2026-12-01T02:00:00Z'), materialsQr(PUBLIC, it, list));
      const text = notice.text!.join('\n');
      expect(text, it.code).not.toMatch(/原件，原件|复印件，复印件/);
      expect(text, it.code).not.toMatch(/窗(口)?窗口/);
      expect(notice.text!.length, it.code).toBeLessThanOrEqual(50);
      expect(notice.qr, it.code).toMatch(/^https:\/\/zwfw\.nanhai\.example\/kiosk\/materials\?item=/);
    }
  });
});
