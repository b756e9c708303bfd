import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvaluationPad } from '../../../hardware';
import type { DeviceStatus } from '../../../hardware/drivers/supervisor';
import { startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/testing';

/**
 * An assignment saved under a by-id name survives a re-plug into another USB socket: the pad's driver
 * holds the name, not the port; when the device leaves one port and udev points the same by-id name at
 * another, the driver finds it there. Real serial ports (socat PTY pairs), a real pad simulator program
 * on each, the real serialport transport; udev's by-id link played by a symlink the test moves.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-replug-'));
const rigs: SimulatedDeviceRig[] = [];
let pad: EvaluationPad | null = null;
afterAll(async () => {
  await pad?.stop();
  await Promise.all(rigs.map((r) => r.close()));
  fs.rmSync(root, { recursive: true, force: true });
});

const next = (p: EvaluationPad, state: DeviceStatus['state'], timeoutMs = 20_000): Promise<DeviceStatus> => p.waitFor(state, timeoutMs);

describe('a device re-plugged into another USB socket', () => {
  it('is found again under its by-id name', { timeout: 60_000 }, async () => {
    const socketA = await startSimulatedDevice('pad', { dir: path.join(root, 'socket-a'), pace: false });
    rigs.push(socketA);
    const byId = path.join(root, 'by-id');
    fs.mkdirSync(byId);
    const link = path.join(byId, 'usb-KIOSK_PAD_SN0001-if00-port0');
    fs.symlinkSync(socketA.pty.hostPath, link);

    pad = new EvaluationPad({ path: link, baudRate: 115200, heartbeatMs: 200, timeoutMs: 200, retries: 1, backoff: { initialMs: 100, maxMs: 300 } });
    pad.start();
    await next(pad, 'ready');

    // Unplugged from socket A …
    await socketA.close();
    await next(pad, 'disconnected');
    // … and plugged into socket B: udev points the same by-id name at the new port.
    const socketB = await startSimulatedDevice('pad', { dir: path.join(root, 'socket-b'), pace: false });
    rigs.push(socketB);
    fs.rmSync(link);
    fs.symlinkSync(socketB.pty.hostPath, link);
    const back = await next(pad, 'ready');
    expect(back.port).toBe(link);
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(socketB.pty.hostPath));
  });
});
