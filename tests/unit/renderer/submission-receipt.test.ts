// The receipt code is renderer code built by Vite: its imports reach import.meta.glob (the i18n locale files).
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { contentSet, type ServiceItem } from '../../../content-bundle/model';
import { sampleContent } from '../../../content/src/index';
import type { SubmissionOutcome } from '../../../renderer/src/features/form/draft';
import { materialCopies, materialCopiesZh } from '../../../renderer/src/features/item/material-copies';
import { oneTimeNotice } from '../../../renderer/src/features/item/notice';
import { originalsToShow, replacedMaterialIds, submissionReceipt } from '../../../renderer/src/features/submit/receipt';

const sample = contentSet.parse(sampleContent);
const item = (code: string): ServiceItem => {
  const it = sample.items.find((i) => i.code === code);
  if (!it) throw new Error(`no sample item ${code}`);
  return it;
};
/** The receipt as the printer would lay it out, one string: what a person reads on the paper. */
const paper = (r: ReturnType<typeof submissionReceipt>): string =>
  [r.title, r.stamp ?? '', ...(r.fields ?? []).map((f) => `${f.label}：${f.value}`), ...(r.text ?? [])].join('\n');

const delivered = (over: Partial<SubmissionOutcome> = {}): SubmissionOutcome => ({
  receiptId: '5fd90a9b-56d7-4720-b09f-c7f3ff733c0e',
  status: 'delivered',
  applicationNumber: 'NH20261201000001',
  promisedDate: '2026-12-02',
  submittedAt: '2026-12-01T02:00:00.000Z',
  decision: null,
  ...over,
});
const originalsOf = (it: ServiceItem, ecerts: string[] = [], committed = false) =>
  originalsToShow(it.guide.materials, replacedMaterialIds(it.guide.materials, ecerts, committed));

describe('receipt for an instant (秒批) approval', () => {
  const it0202 = item('NH-AMR-0202');
  const approved = delivered({
    status: 'delivered',
    decision: {
      outcome: 'approved',
      decidedAt: '2026-12-01T02:00:03.000Z',
      automated: true,
      reasons: [],
      documents: [{ kind: 'business-licence', certificateId: 'BU-20261201-0001', title: '营业执照 91440605MA51C7QX76' }],
    },
  });
  const r = submissionReceipt(it0202, approved, originalsOf(it0202));

  it('is a notice of completion that asks for nothing more and promises no later date', () => {
    const text = paper(r);
    expect(r.title).toBe('办结通知书');
    expect(r.stamp).toBe('已办结');
    expect(text).toContain('办结时间：2026/12/1 10:00:03');
    expect(text).toContain('结果证照：营业执照 91440605MA51C7QX76（BU-20261201-0001）');
    expect(text).toContain('无需到窗口递交或核验材料');
    expect(text).not.toContain('请携带');
    expect(text).not.toContain('承诺');
    // The materials the ordinary route would ask for do exist: the receipt leaves them out on purpose.
    expect(originalsOf(it0202).length).toBeGreaterThan(0);
  });
});

describe('受理回执 for an application under review', () => {
  it('names the window once, as the guide names it', () => {
    for (const code of ['NH-AMR-0201', 'NH-AMR-0101']) {
      const it = item(code);
      const text = paper(submissionReceipt(it, delivered(), originalsOf(it)));
      const windows = it.guide.location.windows.join('、');
      expect(text).toContain(`到${it.guide.location.address.zh} ${windows}核验`);
      expect(text).not.toMatch(/窗(口)?窗口/);
    }
  });

  it('states the item’s promised limit in words while the platform has not given a date', () => {
    const queued = delivered({ status: 'queued', applicationNumber: null, promisedDate: null });
    const onTheSpot = item('NH-HLT-0402');
    expect(onTheSpot.guide.timeLimits.promised.unit).toBe('on_the_spot');
    const spot = paper(submissionReceipt(onTheSpot, queued, originalsOf(onTheSpot)));
    expect(spot).toContain('承诺时限：当场办结');
    expect(spot).not.toMatch(/0个工作日/);
    const days = item('NH-AMR-0302');
    expect(paper(submissionReceipt(days, queued, originalsOf(days)))).toContain(`承诺时限：${days.guide.timeLimits.promised.value}个工作日内`);
    expect(paper(submissionReceipt(days, delivered(), originalsOf(days)))).toContain('承诺办结：2026-12-02');
  });

  it('does not ask for the 告知承诺书 once it was signed on screen', () => {
    const hygiene = item('NH-HLT-0402');
    const unsigned = originalsOf(hygiene).map((m) => m.name.zh);
    expect(unsigned).toContain('告知承诺书');
    const signed = paper(submissionReceipt(hygiene, delivered(), originalsOf(hygiene, [], true)));
    expect(signed).toContain('卫生许可证延续申请表');
    expect(signed).not.toContain('告知承诺书');
  });

  it('does not ask for a material replaced by an e-certificate the person agreed to use', () => {
    const food = item('NH-AMR-0304');
    const withLicence = originalsOf(food, ['m_business_licence']).map((m) => m.id);
    expect(withLicence).not.toContain('m_business_licence');
  });
});

describe('materials: the form and its count said once', () => {
  it('on paper and on screen', () => {
    expect(materialCopiesZh({ originalOrCopy: 'original', originalCount: 1, copyCount: 0 })).toBe('原件1份');
    expect(materialCopiesZh({ originalOrCopy: 'copy', originalCount: 0, copyCount: 2 })).toBe('复印件2份');
    expect(materialCopiesZh({ originalOrCopy: 'original_and_copy', originalCount: 1, copyCount: 1 })).toBe('原件1份，复印件1份');
    expect(materialCopiesZh({ originalOrCopy: 'original', originalCount: 0, copyCount: 0 })).toBe('原件');
    expect(materialCopies({ originalOrCopy: 'original_and_copy', originalCount: 0, copyCount: 3 })).toEqual([
      { form: 'original', count: null },
      { form: 'copy', count: 3 },
    ]);
  });

  it('in every printed 一次性告知 of the sample catalogue', () => {
    for (const it of sample.items) {
      const text = oneTimeNotice(it, it.guide.materials, new Date('2026-12-01T02:00:00Z')).text!.join('\n');
      expect(text, it.code).not.toMatch(/原件，原件|复印件，复印件/);
      expect(text, it.code).not.toMatch(/窗(口)?窗口/);
    }
  });
});
