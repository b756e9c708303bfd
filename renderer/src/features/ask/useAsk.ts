import { ref, shallowRef } from 'vue';
import type { AskAnswer } from '../../../../contract/api/ask';
import { useBridge } from '../../bridge';

/**
 * Asking the services in the person's own words. A tapped answer to a clarifying question goes
 * with the same sentence again; a new sentence starts without answers. `record`: the person
 * submitted it (not still typing), so one that finds nothing is kept for the operators.
 */
export function useAsk() {
  const answer = shallowRef<AskAnswer | null>(null);
  /** The sentence the answer shown belongs to. */
  const asked = ref('');
  const loading = ref(false);
  const failed = ref(false);
  let answers: string[] = [];
  let seq = 0;

  async function ask(sentence: string, o: { record: boolean; keepAnswers?: boolean }): Promise<void> {
    const s = sentence.trim();
    if (!o.keepAnswers) answers = [];
    const mine = ++seq;
    if (s === '') {
      answer.value = null;
      asked.value = '';
      loading.value = false;
      return;
    }
    loading.value = true;
    const r = await useBridge().call('content.ask', { sentence: s, answers, record: o.record });
    if (mine !== seq) return;
    loading.value = false;
    failed.value = !r.ok;
    answer.value = r.ok ? r.value : null;
    asked.value = s;
  }

  const choose = (optionId: string): Promise<void> => {
    answers = [...answers, optionId];
    return ask(asked.value, { record: true, keepAnswers: true });
  };

  return { answer, asked, loading, failed, ask, choose };
}
