import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KioskInfo } from '../../../contract';
import { useBridge } from '../bridge';
import { useDevicesStore } from './devices';

/** What the renderer learns from the services at start: kiosk identity, timeouts, devices. */
export const useKioskStore = defineStore('kiosk', () => {
  const info = ref<KioskInfo | null>(null);
  const contentVersion = ref<number | null>(null);

  const load = async (): Promise<void> => {
    const bridge = useBridge();
    const [infoResult, health] = await Promise.all([bridge.call('system.info', {}), bridge.call('system.health', {})]);
    if (infoResult.ok) info.value = infoResult.value;
    if (health.ok) {
      contentVersion.value = health.value.contentVersion;
      const devices = useDevicesStore();
      health.value.devices.forEach(devices.update);
    }
  };
  return { info, contentVersion, load };
});
