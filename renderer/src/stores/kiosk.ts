import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KioskInfo, NotReadyReason } from '../../../contract';
import { useBridge } from '../bridge';
import { useDevicesStore } from './devices';

/** What the renderer learns from the services at start: kiosk identity, profile, readiness, timeouts, devices. */
export const useKioskStore = defineStore('kiosk', () => {
  const info = ref<KioskInfo | null>(null);
  const contentVersion = ref<number | null>(null);
  /** null until the services answered; false: the maintenance screen, with what is missing. */
  const ready = ref<boolean | null>(null);
  const notReadyReasons = ref<NotReadyReason[]>([]);
  let recheck: ReturnType<typeof setTimeout> | null = null;

  const readHealth = async (): Promise<void> => {
    const health = await useBridge().call('system.health', {});
    if (!health.ok) return;
    contentVersion.value = health.value.contentVersion;
    ready.value = health.value.ready;
    notReadyReasons.value = health.value.reasons;
    const devices = useDevicesStore();
    health.value.devices.forEach(devices.update);
    // A technician fixes what is missing without restarting the screen: look again until ready.
    if (recheck) clearTimeout(recheck);
    recheck = health.value.ready ? null : setTimeout(() => void readHealth(), 10_000);
  };

  const load = async (): Promise<void> => {
    const [infoResult] = await Promise.all([useBridge().call('system.info', {}), readHealth()]);
    if (infoResult.ok) info.value = infoResult.value;
  };
  return { info, contentVersion, ready, notReadyReasons, load, readHealth };
});
