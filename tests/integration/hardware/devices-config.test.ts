import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, testConfig } from '../../support/kiosk-config';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { control, startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/testing/simulators/spawn';

/** devices.configure stores the role → port mapping; a restarted kiosk uses it (no simulated set). */
let dataDir: string;
let rig: SimulatedDeviceRig;
const env = (): NodeJS.ProcessEnv => ({ KIOSK_DATA_DIR: dataDir, KIOSK_DEVICES_FAST: '1', KIOSK_ID: 'cfg-kiosk' });
const open: KioskServices[] = [];

const stateOf = (s: KioskServices, role: string): string | undefined => s.health().devices.find((d) => d.role === role)?.state;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-devcfg-'));
  rig = await startSimulatedDevice('printer');
});

afterAll(async () => {
  for (const s of open) await s.stop().catch(() => undefined);
  await rig?.close();
  removeDataDir(dataDir);
});

describe('device configuration', () => {
  it('refuses an invalid configuration before anything runs', async () => {
    const services = createKioskServices(testConfig(env()));
    open.push(services);
    const r = await services.dispatch('devices.configure', { devices: [{ role: 'printer', path: '/dev/ttyS0', baudRate: 12345 }] }, { via: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('saves the mapping, runs the configured printer, and a restarted kiosk uses the stored config', async () => {
    const first = open[0]!;
    const saved = await first.dispatch(
      'devices.configure',
      { devices: [{ role: 'printer', path: rig.pty.hostPath, baudRate: 115200, profile: { paperWidth: 58, encoding: 'gbk', qrNative: false, cutter: false } }] },
      { via: 'test' },
    );
    expect(saved).toMatchObject({ ok: true, value: { mode: 'configured', devices: [{ role: 'printer', path: rig.pty.hostPath }] } });
    await expect.poll(() => stateOf(first, 'printer')).toBe('ready');
    expect(stateOf(first, 'idReader')).toBe('absent');
    // The demo keeps its simulators running beside an assignment, but the printer driven is the assigned one.
    const before = await first.dispatch('devices.status', {}, { via: 'test' });
    expect(before).toMatchObject({ ok: true, value: { devices: expect.arrayContaining([expect.objectContaining({ role: 'printer', port: rig.pty.hostPath, simulated: false })]) } });
    await first.stop();
    open.length = 0;

    const second = createKioskServices(testConfig(env()));
    open.push(second);
    await second.start();
    await expect.poll(() => stateOf(second, 'printer')).toBe('ready');
    const status = await second.dispatch('devices.status', {}, { via: 'test' });
    expect(status).toMatchObject({ ok: true, value: { devices: expect.arrayContaining([expect.objectContaining({ role: 'printer', port: rig.pty.hostPath, simulated: false })]) } });
    // The stored 58 mm GBK profile is used: 32 columns.
    const printed = await second.dispatch('printer.print', { receipt: { title: '测试', text: ['一二三四五六七八九十一二三四五六七八九十'] } }, { via: 'test' });
    expect(printed).toMatchObject({ ok: true, value: { printed: true } });
    const last = await control<{ lines: string[] }>(rig.sim.control, 'GET /printer/last');
    expect(last.lines).toContain('一二三四五六七八九十一二三四五六');
  });
});
