import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalCheck, unknownReferences, type ApprovalCheck, type ApprovalFacts, type ApprovalRule } from '../../../content-bundle/model/approval';
import { evaluateCheck, precheck } from '../../../services/approval/evaluate';

const text = (zh: string) => ({ zh, en: zh });
const rule = (id: string, check: ApprovalCheck): ApprovalRule => ({ id, title: text(id), fix: text(`fix ${id}`), check });

const facts = (over: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  form: { newAddress: '佛山市南海区桂城街道南海大道北 68 号', capital: '500' },
  enterprise: { standing: 'normal', legalRepresentative: '陈建华', district: '南海区', employees: 12, industry: { section: 'H' } },
  idCard: { name: '陈建华', idNumber: '440605198203154518' },
  certificates: [
    { kind: 'food-business-licence', validUntil: '2027-03-01' },
    { kind: 'business-licence', validUntil: null },
  ],
  materials: ['lease-contract'],
  today: '2026-11-25',
  ...over,
});

describe('smart-approval rule engine', () => {
  it('checks standing, identity match, address district, bounds and materials', () => {
    const f = facts();
    expect(evaluateCheck({ equals: { path: 'enterprise.standing', value: 'normal' } }, f)).toBe('passed');
    expect(evaluateCheck({ same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } }, f)).toBe('passed');
    expect(evaluateCheck({ contains: { path: 'form.newAddress', text: '南海区' } }, f)).toBe('passed');
    expect(evaluateCheck({ between: { path: 'form.capital', min: 1, max: 100 } }, f)).toBe('failed');
    expect(evaluateCheck({ material: { id: 'lease-contract' } }, f)).toBe('passed');
    expect(evaluateCheck({ material: { id: 'property-deed' } }, f)).toBe('failed');
    expect(evaluateCheck({ oneOf: { path: 'enterprise.industry.section', values: ['H', 'I'] } }, f)).toBe('passed');
  });

  it('treats a different legal representative as a failure, whitespace aside', () => {
    const f = facts({ idCard: { name: ' 陈 建华 ' } });
    expect(evaluateCheck({ same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } }, f)).toBe('passed');
    const g = facts({ idCard: { name: '李四' } });
    expect(evaluateCheck({ same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } }, g)).toBe('failed');
  });

  it('counts certificate validity in days from today, with 长期 always valid', () => {
    const f = facts();
    expect(evaluateCheck({ certificateValid: { kind: 'food-business-licence', minDays: 30 } }, f)).toBe('passed');
    expect(evaluateCheck({ certificateValid: { kind: 'food-business-licence', minDays: 120 } }, f)).toBe('failed');
    expect(evaluateCheck({ certificateValid: { kind: 'business-licence', minDays: 10_000 } }, f)).toBe('passed');
    expect(evaluateCheck({ certificateValid: { kind: 'hygiene-licence', minDays: 0 } }, f)).toBe('failed');
  });

  it('says "could not be checked" when the platform data is missing, not "failed"', () => {
    const offline = facts({ enterprise: null, certificates: null });
    const rules = [
      rule('standing', { equals: { path: 'enterprise.standing', value: 'normal' } }),
      rule('cert', { certificateValid: { kind: 'food-business-licence', minDays: 30 } }),
      rule('address', { contains: { path: 'form.newAddress', text: '南海区' } }),
    ];
    const result = precheck(rules, offline);
    expect(result.rules.map((r) => r.verdict)).toEqual(['unknown', 'unknown', 'passed']);
    expect(result.instantEligible).toBe(false);
    // A definite failure elsewhere still fails an all(), whatever is unknown.
    expect(evaluateCheck({ all: [{ equals: { path: 'enterprise.standing', value: 'x' } }, { material: { id: 'none' } }] }, offline)).toBe('failed');
  });

  it('approves instantly only when every rule passed', () => {
    const rules = [
      rule('standing', { equals: { path: 'enterprise.standing', value: 'normal' } }),
      rule('legal-rep', { same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } }),
    ];
    expect(precheck(rules, facts()).instantEligible).toBe(true);
    expect(precheck(rules, facts({ enterprise: { ...facts().enterprise, standing: 'abnormal-list' } })).instantEligible).toBe(false);
    expect(precheck([], facts()).instantEligible).toBe(false);
  });

  it('refuses rules that are not data (code, unknown operators)', () => {
    expect(approvalCheck.safeParse({ eval: 'process.exit()' }).success).toBe(false);
    expect(approvalCheck.safeParse({ equals: { path: 'process.env', value: 1 } }).success).toBe(false);
    expect(approvalCheck.safeParse({ between: { path: 'form.x' } }).success).toBe(false);
    expect(approvalCheck.safeParse({ all: [{ present: { path: 'form.x' } }] }).success).toBe(true);
  });

  it('finds references to fields, materials and certificate kinds that do not exist', () => {
    const rules = [
      rule('a', { all: [{ present: { path: 'form.newName' } }, { present: { path: 'form.typo' } }] }),
      rule('b', { same: { left: 'idCard.name', right: 'enterprise.legalRep' } }),
      rule('c', { any: [{ material: { id: 'ghost' } }, { certificateValid: { kind: 'unicorn-licence', minDays: 1 } }] }),
    ];
    const errors = unknownReferences(rules, { formFields: ['newName'], materialIds: ['lease'], certificateKinds: ['business-licence'] });
    expect(errors).toEqual([
      'rule a: unknown field form.typo',
      'rule b: unknown field enterprise.legalRep',
      'rule c: unknown material ghost',
      'rule c: unknown certificate kind unicorn-licence',
    ]);
  });

  describe('properties', () => {
    const leaf: fc.Arbitrary<ApprovalCheck> = fc.oneof(
      fc.constantFrom<ApprovalCheck>(
        { equals: { path: 'enterprise.standing', value: 'normal' } },
        { same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } },
        { contains: { path: 'form.newAddress', text: '南海区' } },
        { certificateValid: { kind: 'food-business-licence', minDays: 30 } },
        { material: { id: 'lease-contract' } },
        { present: { path: 'form.newAddress' } },
      ),
      fc.integer({ min: 0, max: 100 }).map((max): ApprovalCheck => ({ between: { path: 'enterprise.employees', max } })),
    );
    const check: fc.Arbitrary<ApprovalCheck> = fc.letrec<{ c: ApprovalCheck }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
        fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
        tie('c').map((not) => ({ not })),
      ),
    })).c;
    const world = fc.record({
      standing: fc.constantFrom('normal', 'abnormal-list', 'revoked'),
      rep: fc.constantFrom('陈建华', '李四'),
      employees: fc.integer({ min: 0, max: 200 }),
      address: fc.constantFrom('佛山市南海区桂城街道', '佛山市禅城区祖庙街道', ''),
      certDays: fc.integer({ min: -30, max: 400 }),
      hasLease: fc.boolean(),
    });
    type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
    const toFacts = (w: World, online: boolean): ApprovalFacts => {
      const until = new Date(Date.parse('2026-11-25T00:00:00Z') + w.certDays * 86_400_000).toISOString().slice(0, 10);
      return {
        form: { newAddress: w.address },
        enterprise: online ? { standing: w.standing, legalRepresentative: '陈建华', employees: w.employees } : null,
        idCard: { name: w.rep },
        certificates: online ? [{ kind: 'food-business-licence', validUntil: until }] : null,
        materials: w.hasLease ? ['lease-contract'] : [],
        today: '2026-11-25',
      };
    };

    it('a verdict reached without the platform never changes once the platform answers', () => {
      fc.assert(
        fc.property(check, world, (c, w) => {
          const offline = evaluateCheck(c, toFacts(w, false));
          const online = evaluateCheck(c, toFacts(w, true));
          expect(online).not.toBe('unknown');
          if (offline !== 'unknown') expect(online).toBe(offline);
        }),
        { numRuns: 3000 },
      );
    });

    it('double negation and single-member combinators change nothing', () => {
      fc.assert(
        fc.property(check, world, fc.boolean(), (c, w, online) => {
          const f = toFacts(w, online);
          const v = evaluateCheck(c, f);
          expect(evaluateCheck({ not: { not: c } }, f)).toBe(v);
          expect(evaluateCheck({ all: [c] }, f)).toBe(v);
          expect(evaluateCheck({ any: [c] }, f)).toBe(v);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
