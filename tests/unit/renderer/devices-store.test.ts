import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../contract';
import { useDevicesStore } from '../../../renderer/src/stores/devices';

const printer = (state: DeviceStatus['state'], since: string, condition?: string): DeviceStatus => ({
  role: 'printer', state, reason: state, port: '/dev/ttyS1', simulated: false, since, ...(condition ? { condition } : {}),
});

describe('device status on screen', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('a start-up snapshot answered after a pushed change does not put the old state back', () => {
    const devices = useDevicesStore();
    devices.update(printer('error', '2026-11-25T08:00:05.000Z', 'paper-out'));
    devices.update(printer('ready', '2026-11-25T08:00:00.000Z', 'ok'));
    expect(devices.byRole.printer).toMatchObject({ state: 'error', condition: 'paper-out' });
  });

  it('a newer status replaces the one shown', () => {
    const devices = useDevicesStore();
    devices.update(printer('error', '2026-11-25T08:00:05.000Z', 'paper-out'));
    devices.update(printer('ready', '2026-11-25T08:01:00.000Z', 'ok'));
    expect(devices.isReady('printer')).toBe(true);
    expect(devices.list).toHaveLength(1);
  });
});
