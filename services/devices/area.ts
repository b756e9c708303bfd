import { ok } from '../../contract';
import type { devicesApi } from '../../contract/api/devices';
import type { SelfTestResult, SerialPortView } from '../../contract/api/admin';
import type { DeviceConfigEntry } from '../../contract/api/devices';
import type { DeviceStatus } from '../../contract/api/system';
import { serialportTransport, type PhotoDecoder, type SerialTransport } from '../../hardware';
import { DEFAULT_BAUD } from '../../kernel/devices';
import type { AreaDeps, ServiceArea } from '../area';
import type { Migration } from '../store/migrations';
import { DeviceConfigStore, deviceConfigMigrations } from './config-store';
import type { CardPort } from '../session/area';
import { DeviceManager, type DevicesMode, type SimulatorLauncher, type StatusChange } from './manager';
import { listSerialPorts, samePort, type PortDirs } from './ports';
import { SelfTests } from './self-tests';

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
  /** Where the OS lists serial ports (default: real ones through `serialport`). */
  readonly transport?: SerialTransport;
  /** How long a self-test waits for the technician (default 30 s). */
  readonly selfTestWaitMs?: number;
}

/** What admin mode may do with the devices. */
export interface DevicesPort {
  listPorts(probe: boolean): Promise<SerialPortView[]>;
  /** Saves the assignment under each port's stable name and restarts the drivers on it. */
  assign(entries: readonly DeviceConfigEntry[]): Promise<{ devices: DeviceConfigEntry[]; mode: DevicesMode }>;
  overview(): { devices: Array<DeviceStatus & { history: StatusChange[] }>; assigned: DeviceConfigEntry[]; mode: DevicesMode };
  readonly selfTests: SelfTests;
  /** Safe mode: every driver off (simulators stay, they are the demo's hardware). */
  switchOff(): Promise<void>;
  /** Back from safe mode: the drivers as configured. */
  switchOn(): Promise<void>;
  /** Forgets the assignment: the demo goes back to its simulators, production waits for a technician. */
  reset(): Promise<{ mode: DevicesMode }>;
}

export interface DevicesArea extends ServiceArea<typeof devicesApi> {
  readonly port: DevicesPort;
}

/**
 * The devices area: device manager (real ports from the stored config, or, in the demo profile, the
 * simulated set on socat PTY pairs), device status for /healthz and `device.status` events, the bridge
 * calls, and what admin mode needs (ports with their stable names, assignment, self-tests).
 * `KIOSK_DEVICES=simulated|configured|none`; the demo uses its simulators while nothing is configured;
 * `none` starts no device at all (tests of other areas that do not need hardware).
 */
export function createDevicesArea(deps: AreaDeps, options: DevicesAreaOptions): DevicesArea {
  const store = new DeviceConfigStore(deps.db);
  const manager = new DeviceManager({
    log: deps.log, bus: deps.bus, cards: options.cards,
    ...(options.simulators ? { simulators: options.simulators } : {}),
    ...(options.photoDecoder ? { photoDecoder: options.photoDecoder } : {}),
    ...(options.fast || deps.config.devices.fast ? { fast: true } : {}),
    readerRemoval: deps.config.devices.readerRemoval,
  });
  const dirs: PortDirs = deps.config.devices.portDirs;
  const transport = options.transport ?? serialportTransport;
  let switchedOff = false;

  const chooseMode = (): DevicesMode => {
    const wanted = deps.config.devices.mode;
    if (wanted !== 'auto') return wanted === 'simulated' && !options.simulators ? 'configured' : wanted;
    return store.list().length > 0 || !options.simulators ? 'configured' : 'simulated';
  };
  const assignedNow = (): DeviceConfigEntry[] => {
    if (manager.currentMode === 'configured') return store.list();
    return manager.statuses().flatMap((s) => (s.port && s.state !== 'absent' ? [{ role: s.role, path: s.port, baudRate: DEFAULT_BAUD[s.role] as DeviceConfigEntry['baudRate'] }] : []));
  };

  const selfTests = new SelfTests(manager.selfTestDevices(deps.kioskId), (result: SelfTestResult) => deps.bus.publish({ type: 'admin.selfTest', result }), deps.log.child('selftest'), {
    redact: (t) => deps.log.redactor.redact(t),
    ...(options.selfTestWaitMs ? { waitMs: options.selfTestWaitMs } : {}),
  });

  const listPorts = async (probe: boolean): Promise<SerialPortView[]> => {
    const names = await listSerialPorts(transport, dirs, manager.extraPorts());
    const answered = probe ? await manager.probeAll(names.map((n) => n.path), store.list()) : [];
    const assigned = assignedNow();
    return names.map((n) => {
      const found = answered.find((a) => samePort(a.path, n.path));
      return {
        ...n,
        assigned: assigned.filter((a) => samePort(a.path, n.path)).map((a) => a.role),
        answered: found?.role ?? null,
        detail: found?.detail ?? null,
      };
    });
  };

  const port: DevicesPort = {
    listPorts,
    assign: async (entries) => {
      const names = await listSerialPorts(transport, dirs, manager.extraPorts());
      // Saved under the name that survives a restart and a re-plug, whatever name the technician picked.
      const stable = entries.map((e) => ({ ...e, path: names.find((n) => samePort(n.path, e.path) || samePort(n.stableName, e.path))?.stableName ?? e.path }));
      store.replace(stable);
      const mode = chooseMode();
      if (!switchedOff) await manager.restart(mode, store.list());
      deps.log.info('device assignment saved', { roles: stable.map((d) => d.role), mode });
      return { devices: store.list(), mode };
    },
    overview: () => ({
      devices: manager.statuses().map((s) => ({ ...s, history: manager.historyOf(s.role) })),
      assigned: assignedNow(),
      mode: manager.currentMode,
    }),
    selfTests,
    switchOff: async () => {
      switchedOff = true;
      selfTests.cancelAll();
      await manager.stopDrivers();
    },
    switchOn: async () => {
      if (!switchedOff) return;
      switchedOff = false;
      await manager.start(chooseMode(), store.list());
    },
    reset: async () => {
      store.replace([]);
      const mode = chooseMode();
      if (!switchedOff) await manager.restart(mode, store.list());
      return { mode };
    },
  };

  return {
    port,
    handlers: {
      'devices.status': () => ok({ devices: manager.statuses() }),
      'devices.probe': async () => ok({ ports: await manager.probe() }),
      'devices.configure': async ({ devices }) => {
        store.replace(devices);
        const mode = chooseMode();
        await manager.restart(mode, store.list());
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
        ? [{ code: 'devices-not-configured', message: 'no device is configured: a technician assigns the serial ports (admin mode, or devices.configure)' }]
        : [],
    start: () => (switchedOff ? manager.start('none', []) : manager.start(chooseMode(), store.list())),
    stop: () => manager.stop(),
    // Card data lives only in events already sent; the redactor's memory is cleared by the root. A
    // pad still lit for the ended session is switched off, so the next request is not refused.
    wipeSession: () => manager.cancelAllRatings(),
    holdsSession: () => manager.ratingOpen,
  };
}
