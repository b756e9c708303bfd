import { ok } from '../../contract';
import type { devicesApi } from '../../contract/api/devices';
import type { PhotoDecoder } from '../../hardware';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';
import { DeviceConfigStore, deviceConfigMigrations } from './config-store';
import { DeviceManager, type DevicesMode, type SimulatorLauncher } from './manager';

/** Schema changes of the devices area (area 'devices', versions 1..n). */
export const devicesMigrations: Migration[] = [...deviceConfigMigrations];

export interface DevicesAreaOptions {
  /** A licensed WLT photo decoder, if the kiosk vendor supplies one. */
  readonly photoDecoder?: PhotoDecoder;
  /** Short timeouts and backoff (tests). */
  readonly fast?: boolean;
  /** The demo profile's simulated devices. */
  readonly simulators?: SimulatorLauncher;
}

/**
 * The devices area: device manager (real ports from the stored config, or the simulated set on
 * socat PTY pairs), device status for /healthz and `device.status` events, and the bridge calls.
 * `KIOSK_DEVICES=simulated|configured|none`; default simulated when nothing is configured. `none` starts
 * no device at all (tests of other areas that do not need hardware).
 */
export function createDevicesArea(deps: AreaDeps, options: DevicesAreaOptions = {}): ServiceArea<typeof devicesApi> {
  const store = new DeviceConfigStore(deps.db);
  const manager = new DeviceManager({
    log: deps.log, bus: deps.bus,
    ...(options.simulators ? { simulators: options.simulators } : {}),
    ...(options.photoDecoder ? { photoDecoder: options.photoDecoder } : {}),
    ...(options.fast || deps.env.KIOSK_DEVICES_FAST === '1' ? { fast: true } : {}),
  });

  const chooseMode = (): DevicesMode => {
    const wanted = deps.env.KIOSK_DEVICES;
    if (wanted === 'simulated' || wanted === 'configured' || wanted === 'none') return wanted;
    return store.list().length > 0 ? 'configured' : 'simulated';
  };

  return {
    handlers: {
      'devices.status': () => ok({ devices: manager.statuses() }),
      'devices.probe': async () => ok({ ports: await manager.probe() }),
      'devices.configure': async ({ devices }) => {
        store.replace(devices);
        await manager.stop();
        const mode = chooseMode();
        await manager.start(mode, store.list());
        deps.log.info('device configuration saved', { roles: devices.map((d) => d.role), mode });
        return ok({ devices: store.list(), mode: mode === 'none' ? 'configured' : mode });
      },
      'printer.print': async ({ receipt }) => ok(await manager.print(receipt)),
      'pad.requestRating': async ({ transactionId, timeoutSeconds, reasonRequired }) =>
        ok(await manager.requestRating(transactionId, timeoutSeconds, reasonRequired)),
      'pad.cancelRating': async ({ transactionId }) => ok(await manager.cancelRating(transactionId)),
      'card.reread': async () => ok(await manager.rereadCard()),
    },
    health: () => ({ devices: manager.statuses() }),
    start: () => manager.start(chooseMode(), store.list()),
    stop: () => manager.stop(),
    // Card data lives only in events already sent; the redactor's memory is cleared by the root. A
    // pad still lit for the ended session is switched off, so the next request is not refused.
    wipeSession: () => manager.cancelAllRatings(),
    holdsSession: () => manager.ratingOpen,
  };
}
