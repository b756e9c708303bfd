import { ok } from '../../contract';
import type { devicesApi } from '../../contract/api/devices';
import type { PhotoDecoder } from '../../hardware';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';
import { DeviceConfigStore, deviceConfigMigrations } from './config-store';
import type { CardPort } from '../session/area';
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
  /** Where card reads go: the session area binds the holder. */
  readonly cards: CardPort;
}

/**
 * The devices area: device manager (real ports from the stored config, or, in the demo profile, the
 * simulated set on socat PTY pairs), device status for /healthz and `device.status` events, and the
 * bridge calls. `KIOSK_DEVICES=simulated|configured|none`; the demo uses its simulators while nothing is
 * configured; `none` starts no device at all (tests of other areas that do not need hardware).
 */
export function createDevicesArea(deps: AreaDeps, options: DevicesAreaOptions): ServiceArea<typeof devicesApi> {
  const store = new DeviceConfigStore(deps.db);
  const manager = new DeviceManager({
    log: deps.log, bus: deps.bus, cards: options.cards,
    ...(options.simulators ? { simulators: options.simulators } : {}),
    ...(options.photoDecoder ? { photoDecoder: options.photoDecoder } : {}),
    ...(options.fast || deps.config.devices.fast ? { fast: true } : {}),
  });

  const chooseMode = (): DevicesMode => {
    const wanted = deps.config.devices.mode;
    if (wanted !== 'auto') return wanted === 'simulated' && !options.simulators ? 'configured' : wanted;
    return store.list().length > 0 || !options.simulators ? 'configured' : 'simulated';
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
    notReady: () =>
      chooseMode() === 'configured' && store.list().length === 0
        ? [{ code: 'devices-not-configured', message: 'no device is configured: a technician assigns the serial ports (devices.configure)' }]
        : [],
    start: () => manager.start(chooseMode(), store.list()),
    stop: () => manager.stop(),
    // Card data lives only in events already sent; the redactor's memory is cleared by the root. A
    // pad still lit for the ended session is switched off, so the next request is not refused.
    wipeSession: () => manager.cancelAllRatings(),
    holdsSession: () => manager.ratingOpen,
  };
}
