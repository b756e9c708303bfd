import { evaluationLevel, evaluationReason, type EvaluationLevel, type EvaluationReason } from '../../../../electron/contract/domain/evaluation';

/**
 * The evaluation pad reports levels 5 (非常满意) … 1 (非常不满意) and reason keys as numbers. The pad's
 * reason keys are numbered 1…n in the order of the contract's `evaluationReason` options (the devices
 * area programs the pad's reason table in that order).
 */
export const levelFromPad = (level: number): EvaluationLevel | null => evaluationLevel.options[5 - level] ?? null;

export const reasonsFromPad = (codes: readonly number[]): EvaluationReason[] =>
  [...new Set(codes.map((c) => evaluationReason.options[c - 1]).filter((r): r is EvaluationReason => r !== undefined))];

export const padCodeOf = (reason: EvaluationReason): number => evaluationReason.options.indexOf(reason) + 1;
