import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import type { DeviceRole } from '../../../kernel/devices';
import type { SupervisedDevice } from '../../../hardware/drivers/supervisor';
import { MockSerialTransport, type MockSerialDevice } from '../../../hardware/transport/mock-serial-transport';
import type { ControlRoute } from '../../../hardware/testing/simulators/control';
import { createIdReaderSimulator } from '../../../hardware/testing/simulators/idcard/sim';
import { createPadSimulator } from '../../../hardware/testing/simulators/pad/sim';
import { createPrinterSimulator } from '../../../hardware/testing/simulators/printer/sim';
import { createScannerSimulator } from '../../../hardware/testing/simulators/scanner/sim';

const SIMULATORS: Record<DeviceRole, (line: MockSerialDevice) => Record<string, ControlRoute>> = {
  idReader: createIdReaderSimulator,
  pad: createPadSimulator,
  printer: createPrinterSimulator,
  scanner: createScannerSimulator,
};

/** A simulator's device logic running in-process on one port of a mock transport. */
export interface MockRig {
  readonly transport: MockSerialTransport;
  readonly device: MockSerialDevice;
  readonly path: string;
  /** The simulator's control action, as over its HTTP channel: `act('POST /card/insert', { card: 'valid' })`. */
  act<T = unknown>(action: string, body?: Record<string, unknown>): Promise<T>;
}

/** The same device logic the PTY simulator program runs (hardware/testing/simulators/<device>/sim.ts), on a mock port. */
export function simulateOnMock(role: DeviceRole, transport = new MockSerialTransport()): MockRig {
  const path = `/mock/${role}`;
  const device = transport.createPort(path);
  const routes = SIMULATORS[role](device);
  return {
    transport,
    device,
    path,
    act: async <T>(action: string, body: Record<string, unknown> = {}): Promise<T> => {
      const route = routes[action];
      if (!route) throw new Error(`no control action ${action} (have ${Object.keys(routes).join(', ')})`);
      return (await route(body)) as T;
    },
  };
}

/** Resolves with the next `event`'s first argument; the timeout only turns a hang into a readable failure. */
export async function nextEvent<T>(emitter: EventEmitter, event: string, timeoutMs = 5_000): Promise<T> {
  try {
    const [value] = (await once(emitter, event, { signal: AbortSignal.timeout(timeoutMs) })) as [T];
    return value;
  } catch (err) {
    throw new Error(`no ${event} within ${timeoutMs} ms`, { cause: err });
  }
}

/** Reconnect backoff for tests: a driver tries again within milliseconds of a replug. */
export const FAST_BACKOFF = { initialMs: 5, maxMs: 20 } as const;

/** Starts a driver and resolves with it once it is ready (the test stops it). */
export async function startReady<D extends SupervisedDevice>(driver: D): Promise<D> {
  driver.start();
  await driver.waitFor('ready', 5_000);
  return driver;
}
