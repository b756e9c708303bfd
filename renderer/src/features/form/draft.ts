import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { OutboxFailure } from '../../../../contract/api/platform';
import type { ApplicationDecision, MaterialToProvide, SituationFlow } from '../../../../contract';
import type { FormDefinition, ServiceItem } from '../../../../contract';
import { registerSessionReset, registerVisitSubject } from '../../stores/session';
import { useCaptureStore } from '../capture/store';

export interface EcertChoice {
  readonly materialId: string;
  readonly materialName: string;
  readonly certificateId: string;
}

export interface SubmissionOutcome {
  readonly receiptId: string;
  status: 'queued' | 'delivered' | 'failed';
  applicationNumber: string | null;
  promisedDate: string | null;
  readonly submittedAt: string;
  /** The platform's decision when it took one at intake (秒批). */
  decision?: ApplicationDecision | null;
  /** Why it was not delivered, when `status` is `failed` (refused by the platform, or not sendable). */
  failure?: OutboxFailure | null;
  /** The slip it was filed under (the 暂存凭条 while it waits; reprints its receipt anywhere). */
  slipNumber: string | null;
  /** What is still to provide, as filed. */
  toProvide: MaterialToProvide[];
  /** 跨域通办: the region whose authority handles it. */
  handledBy: string | null;
}

/**
 * The application being prepared: the item, the guided-flow answers and the materials they lead
 * to, the form values (and which were prefilled), the e-certificates the person agreed to use and
 * the outcome of the submission. Everything here is the person's: wiped with the session.
 */
export const useDraftStore = defineStore('journeyDraft', () => {
  const item = shallowRef<ServiceItem | null>(null);
  const form = shallowRef<FormDefinition | null>(null);
  /** The guided flow answered (its questions word what a material depends on). */
  const flow = shallowRef<SituationFlow | null>(null);
  /** The values came back from a saved draft (暂存): the form keeps them instead of prefilling afresh. */
  const resumed = ref(false);
  const answers = ref<Record<string, string | string[]>>({});
  /** Materials the guided flow settled on; null = every material of the item that applies. */
  const materialIds = ref<string[] | null>(null);
  const values = ref<Record<string, string>>({});
  const prefilled = ref<Record<string, boolean>>({});
  const ecerts = ref<EcertChoice[]>([]);
  const commitmentConfirmed = ref(false);
  const outcome = ref<SubmissionOutcome | null>(null);
  const captured = useCaptureStore();

  const reset = (): void => {
    // Pages captured for this application go with it (another application starts without them).
    captured.clear();
    item.value = null;
    form.value = null;
    flow.value = null;
    resumed.value = false;
    answers.value = {};
    materialIds.value = null;
    values.value = {};
    prefilled.value = {};
    ecerts.value = [];
    commitmentConfirmed.value = false;
    outcome.value = null;
  };
  registerSessionReset(reset, () => item.value !== null || outcome.value !== null || Object.keys(values.value).length > 0);
  registerVisitSubject(() => item.value?.code ?? null);

  /**
   * Starts an application for an item. An unsubmitted draft of the same item is resumed with its
   * answers; once submitted, starting the item again is a new application (prefilled afresh).
   */
  const startItem = (next: ServiceItem): void => {
    if (item.value?.code === next.code && !outcome.value) return;
    reset();
    item.value = next;
  };
  return { item, form, flow, resumed, answers, materialIds, values, prefilled, ecerts, commitmentConfirmed, outcome, reset, startItem };
});
