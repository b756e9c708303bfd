import { describe, expect, it } from 'vitest';
import { checkContent, contentSet } from '../../../content-bundle/model';
import { sampleContent } from '../../../content/src/index';

const sample = () => contentSet.parse(structuredClone(sampleContent));

describe('smart-approval rules in content', () => {
  it('the sample catalogue has at least four 秒批 items, each with a kiosk form and valid references', () => {
    const content = sample();
    const smart = content.items.filter((i) => i.smartApproval);
    expect(smart.map((i) => i.name.zh)).toEqual(
      expect.arrayContaining(['企业名称变更登记', '住所变更登记', '食品经营许可（延续）', '公共场所卫生许可（延续）']),
    );
    // Each can be filed at the kiosk, with a form the content holds.
    for (const item of smart) {
      expect(item.kioskFilable, item.code).toBe(true);
      expect(content.forms.map((f) => f.id), item.code).toContain(item.formId);
    }
    expect(checkContent(content)).toEqual([]);
  });

  it('a bundle whose rule names an unknown form field, material or certificate fails the build', () => {
    const content = sample();
    const item = content.items.find((i) => i.code === 'NH-AMR-0302')!;
    item.smartApproval!.rules.push(
      { id: 'typo', title: { zh: '错', en: 'x' }, fix: { zh: '错', en: 'x' }, check: { present: { path: 'form.licenseNo' } } },
      { id: 'ghost', title: { zh: '错', en: 'x' }, fix: { zh: '错', en: 'x' }, check: { material: { id: 'm_ghost' } } },
      { id: 'kind', title: { zh: '错', en: 'x' }, fix: { zh: '错', en: 'x' }, check: { certificateValid: { kind: 'fishing-licence', minDays: 1 } } },
    );
    const messages = checkContent(content).map((i) => `${i.where}: ${i.message}`);
    expect(messages).toEqual([
      'item NH-AMR-0302: rule typo: unknown field form.licenseNo',
      'item NH-AMR-0302: rule ghost: unknown material m_ghost',
      'item NH-AMR-0302: rule kind: unknown certificate kind fishing-licence',
    ]);
  });

  it('refuses code in place of a rule when the bundle is parsed', () => {
    const raw = structuredClone(sampleContent) as { items: Array<Record<string, unknown>> };
    const item = raw.items.find((i) => i.code === 'NH-AMR-0201')!;
    (item.smartApproval as { rules: unknown[] }).rules[0] = { id: 'x', title: { zh: 'a', en: 'a' }, fix: { zh: 'a', en: 'a' }, check: { eval: 'true' } };
    expect(contentSet.safeParse(raw).success).toBe(false);
  });
});
