import { z } from 'zod';

const localText = z.object({ zh: z.string().min(1), en: z.string().min(1) });

/**
 * Where a rule reads its facts. `form.<fieldId>` the filled form, `enterprise.<path>` the enterprise
 * profile from the platform, `idCard.<name|idNumber|address>` the card read at the kiosk.
 */
export const factPath = z
  .string()
  .regex(/^(form|enterprise|idCard)\.[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'a path under form., enterprise. or idCard.');
export type FactPath = z.infer<typeof factPath>;

/**
 * The 秒批 rule language: declarative checks only (no code, nothing evaluated). Each leaf reads facts
 * by path; all/any/not combine them.
 */
export type ApprovalCheck =
  | { equals: { path: FactPath; value: string | number | boolean } }
  | { oneOf: { path: FactPath; values: (string | number)[] } }
  | { same: { left: FactPath; right: FactPath } }
  | { between: { path: FactPath; min?: number; max?: number } }
  | { contains: { path: FactPath; text: string } }
  | { present: { path: FactPath } }
  | { certificateValid: { kind: string; minDays: number } }
  | { material: { id: string } }
  | { all: ApprovalCheck[] }
  | { any: ApprovalCheck[] }
  | { not: ApprovalCheck };

export const approvalCheck: z.ZodType<ApprovalCheck> = z.lazy(() =>
  z.union([
    z.strictObject({ equals: z.strictObject({ path: factPath, value: z.union([z.string(), z.number(), z.boolean()]) }) }),
    z.strictObject({ oneOf: z.strictObject({ path: factPath, values: z.array(z.union([z.string(), z.number()])).min(1) }) }),
    z.strictObject({ same: z.strictObject({ left: factPath, right: factPath }) }),
    z.strictObject({
      between: z
        .strictObject({ path: factPath, min: z.number().optional(), max: z.number().optional() })
        .refine((b) => b.min !== undefined || b.max !== undefined, 'between needs min or max'),
    }),
    z.strictObject({ contains: z.strictObject({ path: factPath, text: z.string().min(1) }) }),
    z.strictObject({ present: z.strictObject({ path: factPath }) }),
    z.strictObject({ certificateValid: z.strictObject({ kind: z.string().min(1), minDays: z.number().int().nonnegative() }) }),
    z.strictObject({ material: z.strictObject({ id: z.string().min(1) }) }),
    z.strictObject({ all: z.array(approvalCheck).min(1) }),
    z.strictObject({ any: z.array(approvalCheck).min(1) }),
    z.strictObject({ not: approvalCheck }),
  ]),
);

/**
 * A rule whose failure moves the matter to another authority (e.g. a new address outside the
 * district: the new district's registration office handles it). `address` is the fact naming where
 * the matter now belongs; the platform resolves it to a region (跨域通办 or that region's hall).
 */
export const movesElsewhere = z.strictObject({ authority: localText, address: factPath });
export type MovesElsewhere = z.infer<typeof movesElsewhere>;

/** One rule of a smart-approval item: what is checked, and what the applicant must do if it fails. */
export const approvalRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  title: localText,
  fix: localText,
  check: approvalCheck,
  /** Failing this rule means this authority does not handle the matter at all: not filed here. */
  elsewhere: movesElsewhere.optional(),
});
export type ApprovalRule = z.infer<typeof approvalRule>;

/** What a smart-approval item declares in content. */
export const smartApproval = z.strictObject({
  rules: z.array(approvalRule).min(1),
  /** The document an instant approval produces, e.g. the changed business licence. */
  result: z.strictObject({ kind: z.string().min(1), name: localText }),
});
export type SmartApproval = z.infer<typeof smartApproval>;

export const verdict = z.enum(['passed', 'failed', 'unknown']);
export type Verdict = z.infer<typeof verdict>;

export const ruleResult = z.object({ id: z.string(), verdict, title: localText, fix: localText });
export type RuleResult = z.infer<typeof ruleResult>;

/** A rule with `elsewhere` failed: which, the authority, and the address fact it named. */
export const elsewhereVerdict = z.object({ ruleId: z.string(), authority: localText, address: z.string() });
export type ElsewhereVerdict = z.infer<typeof elsewhereVerdict>;

export const precheckResult = z.object({
  rules: z.array(ruleResult),
  /** Every rule passed: the application may be approved without a person. */
  instantEligible: z.boolean(),
  /** The matter belongs to another authority: it must not be filed here (null: it may). */
  elsewhere: elsewhereVerdict.nullable().default(null),
});
export type PrecheckResult = z.infer<typeof precheckResult>;
