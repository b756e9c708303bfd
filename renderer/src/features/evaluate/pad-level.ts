import { evaluationLevel, type EvaluationLevel } from '../../../../electron/contract/domain/evaluation';

/** The evaluation pad reports levels 5 (非常满意) … 1 (非常不满意); its reasons arrive already mapped. */
export const levelFromPad = (level: number): EvaluationLevel | null => evaluationLevel.options[5 - level] ?? null;
