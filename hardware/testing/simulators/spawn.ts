import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { createPtyPair, type PtyPair } from '../pty/socat';
import { DEFAULT_BAUD, DEVICE_ROLES, type DeviceRole } from '../../../kernel/devices';
import { nodeProgram, projectRootFrom } from '../../../kernel/node/project-root';

export type SimulatedDevice = DeviceRole;
export const SIMULATED_DEVICES: readonly SimulatedDevice[] = DEVICE_ROLES;
export { DEFAULT_BAUD };

const root = projectRootFrom(import.meta.dirname);

export interface RunningSimulator {
  readonly device: SimulatedDevice;
  readonly port: string;
  /** Loopback control URL, e.g. http://127.0.0.1:41234 */
  readonly control: string;
  readonly pid: number;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Abrupt death (SIGKILL), as when a device is unplugged. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export interface SpawnOptions {
  readonly baud?: number;
  /** Pace replies to the baud rate (default true). */
  readonly pace?: boolean;
  readonly outDir?: string;
  readonly timeoutMs?: number;
  /** ID card reader only: it answers 80 after a read until the card leaves the field. */
  readonly wontRefind?: boolean;
}

/** Runs `hardware/testing/simulators/cli.ts` as its own process on the device end of a PTY. */
export async function spawnSimulator(device: SimulatedDevice, port: string, options: SpawnOptions = {}): Promise<RunningSimulator> {
  const args = [...nodeProgram(root, import.meta.url, 'hardware/testing/simulators/cli.ts', 'device-sim.mjs'), device, '--port', port, '--baud', String(options.baud ?? DEFAULT_BAUD[device]), '--exit-with-parent'];
  if (options.pace === false) args.push('--no-pace');
  if (options.outDir) args.push('--out', options.outDir);
  if (options.wontRefind && device === 'idReader') args.push('--wont-refind');
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    live.delete(child);
    resolve();
  }));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const control = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${device} simulator did not start: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { control: string }).control);
      } catch {
        reject(new Error(`${device} simulator said: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${device} simulator exited (${code}): ${stderr}`));
    });
  });
  child.stdout!.resume();
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { device, port, control, pid: child.pid!, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** A simulator on its own socat PTY pair; the driver opens `pty.hostPath`. */
export interface SimulatedDeviceRig {
  readonly device: SimulatedDevice;
  readonly pty: PtyPair;
  sim: RunningSimulator;
  /** Starts a fresh simulator process on the same PTY (after `sim.kill()`). */
  restart(): Promise<RunningSimulator>;
  close(): Promise<void>;
}

export async function startSimulatedDevice(device: SimulatedDevice, options: SpawnOptions & { dir?: string } = {}): Promise<SimulatedDeviceRig> {
  const pty = await createPtyPair({ dir: options.dir, name: device });
  let sim: RunningSimulator;
  try {
    sim = await spawnSimulator(device, pty.devicePath, options);
  } catch (err) {
    await pty.close();
    throw err;
  }
  const rig: SimulatedDeviceRig = {
    device,
    pty,
    sim,
    restart: async () => {
      await rig.sim.stop();
      rig.sim = await spawnSimulator(device, pty.devicePath, options);
      return rig.sim;
    },
    close: async () => {
      await rig.sim.stop();
      await pty.close();
    },
  };
  return rig;
}

/** Calls a simulator control action: `control(url, 'POST /card/insert', { card: 'valid' })`. */
export async function control<T = unknown>(base: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
  const [method, route] = action.split(' ') as [string, string];
  const res = await fetch(`${base}${route}`, {
    method,
    ...(method === 'GET' ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if ((res.headers.get('content-type') ?? '').startsWith('image/')) return Buffer.from(await res.arrayBuffer()) as T;
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${action} failed (${res.status}): ${JSON.stringify(json)}`);
  return json;
}
