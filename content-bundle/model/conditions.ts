import { z } from 'zod';

/**
 * Situation conditions over the answers of a guided flow (情形引导). JSON only, never code:
 * `{answer, eq}` single answer equals (or, with an array, a multi answer is exactly that set),
 * `in`, `includes`, `includesAny`, `includesAll`, `answered`; combinators all/any/not.
 */
export type AnswerCondition =
  | { answer: string; eq: string | string[] }
  | { answer: string; in: string[] }
  | { answer: string; includes: string }
  | { answer: string; includesAny: string[] }
  | { answer: string; includesAll: string[] }
  | { answer: string; answered: boolean }
  | { all: AnswerCondition[] }
  | { any: AnswerCondition[] }
  | { not: AnswerCondition };

export const answerCondition: z.ZodType<AnswerCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ answer: z.string(), eq: z.union([z.string(), z.array(z.string())]) }),
    z.strictObject({ answer: z.string(), in: z.array(z.string()).min(1) }),
    z.strictObject({ answer: z.string(), includes: z.string() }),
    z.strictObject({ answer: z.string(), includesAny: z.array(z.string()).min(1) }),
    z.strictObject({ answer: z.string(), includesAll: z.array(z.string()).min(1) }),
    z.strictObject({ answer: z.string(), answered: z.boolean() }),
    z.strictObject({ all: z.array(answerCondition).min(1) }),
    z.strictObject({ any: z.array(answerCondition).min(1) }),
    z.strictObject({ not: answerCondition }),
  ]),
);

/**
 * Rules over named fields of a record (an enterprise profile for policies; later a form's values
 * for 秒批). Field paths are dotted (`industry.section`). `ageYears` compares whole years between a
 * date field and the evaluation date. Declarative, no eval, so the same engine can be reused.
 */
export type FieldRule =
  | { field: string; eq: string | number | boolean }
  | { field: string; in: (string | number)[] }
  | { field: string; gte: number }
  | { field: string; lte: number }
  | { field: string; between: [number, number] }
  | { field: string; contains: string }
  | { field: string; containsAny: string[] }
  | { field: string; exists: boolean }
  | { field: string; ageYears: { gte?: number; lte?: number } }
  | { all: FieldRule[] }
  | { any: FieldRule[] }
  | { not: FieldRule };

const ruleBase = { field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/) };
export const fieldRule: z.ZodType<FieldRule> = z.lazy(() =>
  z.union([
    z.strictObject({ ...ruleBase, eq: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ ...ruleBase, in: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ ...ruleBase, gte: z.number() }),
    z.strictObject({ ...ruleBase, lte: z.number() }),
    z.strictObject({ ...ruleBase, between: z.tuple([z.number(), z.number()]) }),
    z.strictObject({ ...ruleBase, contains: z.string() }),
    z.strictObject({ ...ruleBase, containsAny: z.array(z.string()).min(1) }),
    z.strictObject({ ...ruleBase, exists: z.boolean() }),
    z.strictObject({
      ...ruleBase,
      ageYears: z.object({ gte: z.number().optional(), lte: z.number().optional() }),
    }),
    z.strictObject({ all: z.array(fieldRule).min(1) }),
    z.strictObject({ any: z.array(fieldRule).min(1) }),
    z.strictObject({ not: fieldRule }),
  ]),
);
