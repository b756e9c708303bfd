import { ref, shallowRef } from 'vue';
import type { MethodOutput } from '../../../../contract';
import { useBridge } from '../../bridge';

export type PrecheckAnswer = MethodOutput<'approval.precheck'>;

/** Runs the 秒批 pre-check for the application being prepared; `answer` is null until it returns. */
export function usePrecheck() {
  const answer = shallowRef<PrecheckAnswer | null>(null);
  const checking = ref(false);
  const failed = ref(false);

  const run = async (itemCode: string, formData: Record<string, string>, materialIds: string[]): Promise<void> => {
    checking.value = true;
    failed.value = false;
    const r = await useBridge().call('approval.precheck', { itemCode, formData, materialIds });
    checking.value = false;
    if (r.ok) answer.value = r.value;
    else failed.value = true;
  };
  return { answer, checking, failed, run };
}
