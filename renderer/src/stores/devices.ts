import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DeviceRole, DeviceStatus } from '../../../contract';

/** Live device status, fed by `device.status` events and the initial health snapshot. */
export const useDevicesStore = defineStore('devices', () => {
  const byRole = ref<Partial<Record<DeviceRole, DeviceStatus>>>({});
  /**
   * Keeps the newest status per device: a snapshot answered after a change was pushed (or a replayed
   * status) must not put an old state back on screen.
   */
  const update = (status: DeviceStatus): void => {
    const held = byRole.value[status.role];
    if (held && Date.parse(held.since) > Date.parse(status.since)) return;
    byRole.value = { ...byRole.value, [status.role]: status };
  };
  const list = computed(() => Object.values(byRole.value));
  const isReady = (role: DeviceRole): boolean => byRole.value[role]?.state === 'ready';
  return { byRole, list, update, isReady };
});
