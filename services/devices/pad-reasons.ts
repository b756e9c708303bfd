import { EVALUATION_REASON_ZH, evaluationReason, type EvaluationReason } from '../../platform-wire/model/evaluation';
import type { PadReasonTable } from '../../hardware';

/**
 * The reason table the kiosk pushes to the evaluation pad (SET_REASONS, notes §5): code n is the
 * n-th 差评 option of the contract. The pad echoes only codes; this module maps them back, so the
 * pad's numbering never leaves the devices area. Bump the version whenever the options change.
 */
export const PAD_REASON_TABLE: PadReasonTable = {
  version: 1,
  entries: evaluationReason.options.map((reason, i) => ({ code: i + 1, label: EVALUATION_REASON_ZH[reason] })),
};

/** Maps the codes of a pad rating to reasons; codes outside the table are dropped (and reported). */
export function reasonsFromPadCodes(codes: readonly number[]): { reasons: EvaluationReason[]; unknown: number[] } {
  const reasons = new Set<EvaluationReason>();
  const unknown: number[] = [];
  for (const code of codes) {
    const reason = evaluationReason.options[code - 1];
    if (reason) reasons.add(reason);
    else unknown.push(code);
  }
  return { reasons: [...reasons], unknown };
}
