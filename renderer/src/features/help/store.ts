import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HelpRequest } from '../../../../contract';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';

export type HelpTopic = HelpRequest['topic'];

export interface HelpCall {
  receiptId: string;
  helpId: string | null;
  topic: HelpTopic;
  /** paged: a staff member was notified; queued: the platform was offline, resent later. */
  state: 'paged' | 'queued' | 'answered';
  staffName: string | null;
  answer: string | null;
}

/** Longest the idle timeout waits for staff to answer a call. */
const WAIT_MAX_MS = 15 * 60_000;

/** The 帮办 call of this visit: kept while the person moves between screens, wiped at session end. */
export const useHelpStore = defineStore('services-help', () => {
  const call = ref<HelpCall | null>(null);
  const waitedTooLong = ref(false);
  let waitLimit: ReturnType<typeof setTimeout> | undefined;
  const failed = ref(false);
  const sending = ref(false);
  let poll: ReturnType<typeof setInterval> | undefined;

  const stopPolling = (): void => {
    clearInterval(poll);
    poll = undefined;
  };
  const answered = (staffName: string | null, answer: string): void => {
    if (!call.value) return;
    call.value = { ...call.value, state: 'answered', staffName, answer };
    stopPolling();
  };
  const refresh = async (): Promise<void> => {
    const c = call.value;
    if (!c || c.state === 'answered') return stopPolling();
    const r = await useBridge().call('platform.helpStatus', { receiptId: c.receiptId });
    if (!r.ok || call.value?.receiptId !== c.receiptId) return;
    if (r.value.help?.status === 'answered' || r.value.help?.status === 'closed') answered(r.value.help.staffName, r.value.help.answer ?? '');
    else if (r.value.status === 'delivered' && c.state === 'queued') call.value = { ...c, state: 'paged', helpId: r.value.help?.helpId ?? c.helpId };
  };

  const request = async (topic: HelpTopic, context: { itemCode?: string; kioskLocation?: string; creditCode?: string } = {}): Promise<void> => {
    sending.value = true;
    failed.value = false;
    const r = await useBridge().call('platform.requestHelp', { topic, message: '', ...context });
    sending.value = false;
    if (!r.ok) {
      failed.value = true;
      return;
    }
    call.value = {
      receiptId: r.value.receiptId,
      helpId: r.value.helpId,
      topic,
      state: r.value.status === 'delivered' ? 'paged' : 'queued',
      staffName: null,
      answer: null,
    };
    stopPolling();
    clearTimeout(waitLimit);
    waitedTooLong.value = false;
    waitLimit = setTimeout(() => (waitedTooLong.value = true), WAIT_MAX_MS);
    // The platform also pushes platform.helpAnswered; polling covers a missed event.
    poll = setInterval(() => void refresh(), 3000);
  };

  useBridge().subscribe((event) => {
    if (event.type === 'platform.helpAnswered' && event.receiptId === call.value?.receiptId) answered(event.staffName, event.answer);
  });

  const reset = (): void => {
    stopPolling();
    clearTimeout(waitLimit);
    waitedTooLong.value = false;
    call.value = null;
    failed.value = false;
    sending.value = false;
  };
  registerSessionReset(reset, () => call.value !== null);
  /**
   * Staff were paged and have not answered: the person is told to wait here, so the idle timer
   * pauses — for at most WAIT_MAX_MS, so a visit whose owner gave up still ends (with the warning).
   * A call only queued (platform offline) sends people to the desk too: it does not pause the timer.
   */
  const waiting = computed(() => call.value?.state === 'paged' && !waitedTooLong.value);
  return { call, failed, sending, waiting, request, refresh, reset };
});
