import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSet } from '../../../content-bundle/model';
import type { ApplicationRequest, ECertificate, EnterpriseProfile } from '../../../platform-wire/model';
import { precheck } from '../../../services/approval/evaluate';
import { kioskFacts } from '../../../services/approval/facts';
import { sampleContent } from '../../../content/src/index';
import { decideRules, type PublishedRule } from '../../../platform-sim/rules/engine';
import { decisionRecords } from '../../../platform-sim/rules/item-library';

const smartItems = contentSet.parse(sampleContent).items.filter((i) => i.smartApproval);
const TODAY = '2026-11-25';
const day = (offset: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const person = fc.constantFrom('黄测试', '陈志强', '李秀英', ' 黄 测试 ');
const enterprise: fc.Arbitrary<EnterpriseProfile> = fc.record({
  creditCode: fc.constant('91440605MA51C7QX76'),
  name: fc.constant('佛山市南海区狮山智造精密机械有限公司'),
  legalRepresentative: person,
  registeredAddress: fc.constantFrom('佛山市南海区狮山镇科技工业园A区创业路8号', '佛山市禅城区祖庙街道'),
  district: fc.constantFrom('南海区', '禅城区'),
  city: fc.constant('佛山市'),
  industry: fc.record({ section: fc.constantFrom('C', 'H', 'O'), code: fc.constant('3484'), name: fc.constant('机械') }),
  size: fc.constantFrom('micro', 'small', 'medium', 'large'),
  registeredCapitalWan: fc.integer({ min: 0, max: 10_000 }),
  employees: fc.integer({ min: 0, max: 5_000 }),
  registrationDate: fc.constant('2019-06-01'),
  standing: fc.constantFrom('normal', 'abnormal-list', 'revoked', 'cancelled'),
  entityType: fc.constant('有限责任公司'),
  tags: fc.constant([]),
  licences: fc.constant([]),
});
const certificate = fc.record({
  kind: fc.constantFrom('business-licence', 'food-business-licence', 'public-place-hygiene-licence'),
  validUntil: fc.option(fc.integer({ min: -400, max: 2_000 }).map(day), { nil: null }),
});
const formData = fc.record({
  changeItem: fc.constantFrom('name', 'address', 'scope', ''),
  after: fc.constantFrom('佛山市南海区新名字有限公司', '佛山市禅城区某路1号', '佛山市南海区桂城街道海八路', '', '新名字合伙企业'),
  resolutionDate: fc.constantFrom('2026-11-20', ''),
  conditionsUnchanged: fc.oneof(fc.boolean(), fc.constantFrom('true', 'false')),
  areaSqm: fc.oneof(fc.integer({ min: -5, max: 5_000 }), fc.constantFrom('120', '')),
});

describe('kiosk and platform agree on every 秒批 verdict', () => {
  it('some sample rule moves a matter elsewhere, and the random forms reach it', () => {
    expect(smartItems.some((i) => i.smartApproval!.rules.some((r) => r.elsewhere))).toBe(true);
  });

  it('for random enterprises, certificates, forms and card holders, both sides reach the same verdicts', () => {
    expect(smartItems.length).toBeGreaterThanOrEqual(4);
    fc.assert(
      fc.property(
        fc.constantFrom(...smartItems),
        enterprise,
        fc.array(certificate, { maxLength: 4 }),
        formData,
        fc.option(person, { nil: null }),
        (item, ent, certs, form, holder) => {
          // What the platform holds, and what its API hands the kiosk (profile with licences, certificates verified).
          const platformCerts = certs.map((c, i) => ({ ...c, certificateId: `C${i}`, holderCode: ent.creditCode }) as unknown as ECertificate);
          const card = holder ? { name: holder, idNumber: '440605199003071232' } : null;
          const request: ApplicationRequest = {
            itemCode: item.code,
            applicant: { creditCode: ent.creditCode, agentName: card?.name ?? '', agentIdNumber: card?.idNumber ?? '' },
            formData: form,
            attachments: [],
            smartApproval: true,
            toProvide: [],
            pages: [],
          };
          // The platform decides with its own engine; the kiosk's checklist must say the same of every rule.
          const platformSide = decideRules(item.smartApproval!.rules as unknown as PublishedRule[], decisionRecords(request, ent, platformCerts, TODAY));
          const kioskSide = precheck(
            item.smartApproval!.rules,
            kioskFacts({
              formData: form,
              enterprise: { ...ent, licences: certs.map((c) => ({ kind: c.kind, name: c.kind, number: 'x', validUntil: c.validUntil })) },
              certificates: certs.map((c) => ({ ...c, verified: true })),
              cardHolder: card,
              materialIds: [],
              today: TODAY,
            }),
          );
          expect(kioskSide.rules.map((r) => [r.id, r.verdict === 'passed'])).toEqual(platformSide.outcomes.map((o) => [o.id, o.met]));
          expect(kioskSide.instantEligible).toBe(platformSide.approve);
          // Whether the matter belongs to another authority, and where: the kiosk never files what the platform would refuse.
          const where = (e: { ruleId: string; address: string } | null) => (e ? [e.ruleId, e.address] : null);
          expect(where(kioskSide.elsewhere)).toEqual(where(platformSide.elsewhere));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
