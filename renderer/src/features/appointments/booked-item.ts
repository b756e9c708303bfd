import { computed, shallowRef } from 'vue';
import type { ServiceItem } from '../../../../contract';
import { useBridge } from '../../bridge';
import { useIdentityStore } from '../identity/store';
import { provideFor } from '../item/provide';

/** The item being booked, as content describes it: where to go and what to bring (the same list as everywhere). */
export function useBookedItem() {
  const item = shallowRef<ServiceItem | null>(null);
  const identity = useIdentityStore();
  const load = async (code: string): Promise<ServiceItem | null> => {
    const r = await useBridge().call('content.item', { code });
    item.value = r.ok ? r.value.item : null;
    return item.value;
  };
  const list = computed(() => (item.value ? provideFor(item.value, { role: identity.role }) : null));
  return { item, list, load };
}
