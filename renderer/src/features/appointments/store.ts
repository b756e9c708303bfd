import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AppointmentSlot, MethodOutput } from '../../../../contract';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';

/** The item being booked, its slots and this visit's bookings; wiped at session end. */
export const useAppointmentsStore = defineStore('services-appointments', () => {
  const item = ref<{ code: string; name: string; nameEn: string | null } | null>(null);
  const slots = shallowRef<AppointmentSlot[] | null>(null);
  const booked = ref<MethodOutput<'platform.bookAppointment'> | null>(null);
  const busy = ref(false);
  const error = ref<'slots' | 'book' | 'cancel' | 'contact' | null>(null);

  const loadSlots = async (): Promise<void> => {
    if (!item.value) return;
    busy.value = true;
    error.value = null;
    const r = await useBridge().call('platform.appointmentSlots', { itemCode: item.value.code });
    busy.value = false;
    if (r.ok) slots.value = r.value.slots;
    else error.value = 'slots';
  };
  const choose = async (hit: { code: string; name: string; nameEn: string | null }): Promise<void> => {
    item.value = hit;
    booked.value = null;
    slots.value = null;
    await loadSlots();
  };
  /** Books the slot for the card on the reader, or for the phone number given. */
  const book = async (slot: AppointmentSlot, contactMobile?: string): Promise<MethodOutput<'platform.bookAppointment'> | null> => {
    busy.value = true;
    error.value = null;
    const r = await useBridge().call('platform.bookAppointment', { slotId: slot.slotId, itemCode: slot.itemCode, ...(contactMobile ? { contactMobile } : {}) });
    busy.value = false;
    if (!r.ok) {
      error.value = r.error.messageKey === 'platform.bookingNeedsContact' || r.error.messageKey?.startsWith('identifiers.') ? 'contact' : 'book';
      return null;
    }
    booked.value = r.value;
    return r.value;
  };
  const cancel = async (): Promise<boolean> => {
    if (!booked.value) return false;
    busy.value = true;
    error.value = null;
    const r = await useBridge().call('platform.cancelAppointment', { appointmentId: booked.value.appointmentId });
    busy.value = false;
    if (!r.ok) {
      error.value = 'cancel';
      return false;
    }
    booked.value = { ...r.value, boundTo: booked.value.boundTo };
    await loadSlots(); // the freed place shows again
    return true;
  };
  const reset = (): void => {
    item.value = null;
    slots.value = null;
    booked.value = null;
    busy.value = false;
    error.value = null;
  };
  registerSessionReset(reset, () => booked.value !== null);
  return { item, slots, booked, busy, error, choose, loadSlots, book, cancel, reset };
});
