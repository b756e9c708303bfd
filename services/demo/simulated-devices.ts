import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_BAUD, type DeviceRole } from '../../kernel/devices';
import { SIMULATED_DEVICES, startSimulatedDevice, type SimulatedDeviceRig } from '../../hardware/testing';

/** What the demo profile starts instead of real devices: one simulator per role on a socat PTY pair. */
export interface SimulatedDevices {
  /** Where the drivers connect: the host end of each PTY pair. */
  readonly ports: ReadonlyArray<{ role: DeviceRole; path: string; baudRate: number }>;
  close(): Promise<void>;
}

export interface SimulatorsFile {
  readonly simulators: Array<{ role: DeviceRole; pty: string; hostPty: string; control: string; pid: number }>;
}

export const simulatorsFilePath = (dataDir: string): string => path.join(dataDir, 'simulators.json');

/**
 * Starts the four device simulators (each a separate program speaking its device's wire protocol) and
 * writes `<data>/simulators.json`: each one's PTY and loopback control URL, for people and tests.
 */
export async function startSimulatedDevices(dataDir: string, options: { readerWontRefind?: boolean } = {}): Promise<SimulatedDevices> {
  const dir = path.join(dataDir, 'pty');
  const rigs: SimulatedDeviceRig[] = await Promise.all(
    SIMULATED_DEVICES.map((d) => startSimulatedDevice(d, { dir, outDir: path.join(dataDir, 'printer-out'), wontRefind: options.readerWontRefind ?? false })),
  );
  const file: SimulatorsFile = {
    simulators: rigs.map((r) => ({ role: r.device, pty: r.pty.devicePath, hostPty: r.pty.hostPath, control: r.sim.control, pid: r.sim.pid })),
  };
  fs.writeFileSync(simulatorsFilePath(dataDir), `${JSON.stringify(file, null, 2)}\n`);
  return {
    ports: rigs.map((r) => ({ role: r.device, path: r.pty.hostPath, baudRate: DEFAULT_BAUD[r.device] })),
    close: async () => {
      await Promise.all(rigs.map((r) => r.close()));
      fs.rmSync(simulatorsFilePath(dataDir), { force: true });
    },
  };
}
