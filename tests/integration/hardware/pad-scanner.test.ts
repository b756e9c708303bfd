import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationPad, PadRequestError } from '../../../hardware/drivers/pad/driver';
import { QrScanner } from '../../../hardware/drivers/scanner/driver';
import type { PadRating } from '../../../hardware/protocols/pad/messages';
import type { ScanLine } from '../../../hardware/protocols/scanner/lines';
import { control, startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/simulators/spawn';

let padRig: SimulatedDeviceRig;
let scanRig: SimulatedDeviceRig;
let pad: EvaluationPad;
let scanner: QrScanner;

/** The sample table of the notes (§4, frame 7). */
const REASONS = { version: 1, entries: [{ code: 1, label: '等候时间长' }, { code: 2, label: '服务态度不好' }] };
type PadState = { activeSession: number | null; reasonTable: typeof REASONS | null; unacked: number };

const once = <T>(emitter: { once(e: string, l: (v: T) => void): unknown }, event: string, timeoutMs = 4000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(event, (v: T) => {
      clearTimeout(timer);
      resolve(v);
    });
  });

beforeAll(async () => {
  [padRig, scanRig] = await Promise.all([startSimulatedDevice('pad'), startSimulatedDevice('scanner')]);
  pad = new EvaluationPad({
    path: padRig.pty.hostPath, baudRate: 115200, heartbeatMs: 300, timeoutMs: 500, retries: 1, backoff: { initialMs: 100, maxMs: 400 }, reasonTable: REASONS,
  });
  scanner = new QrScanner({ path: scanRig.pty.hostPath, baudRate: 9600, debounceMs: 300 });
  pad.start();
  scanner.start();
  await Promise.all([pad.waitFor('ready', 10_000), scanner.waitFor('ready', 10_000)]);
});

afterAll(async () => {
  await pad?.stop();
  await scanner?.stop();
  await padRig?.close();
  await scanRig?.close();
});

describe('evaluation pad driver over a PTY', () => {
  it('gives the pad its reason table, with the Chinese labels intact, when it connects', async () => {
    expect((await control<PadState>(padRig.sim.control, 'GET /pad/state')).reasonTable).toEqual(REASONS);
    expect(pad.status.reason).toMatch(/reason table v1 with 2 reasons/);
  });

  it('gives the table again when the pad restarts between two heartbeats', async () => {
    // Uptime is reported in whole seconds: let it pass one before the power blip.
    await new Promise((r) => setTimeout(r, 1200));
    await control(padRig.sim.control, 'POST /pad/power-cycle');
    expect((await control<PadState>(padRig.sim.control, 'GET /pad/state')).reasonTable).toBeNull();
    await expect.poll(async () => (await control<PadState>(padRig.sim.control, 'GET /pad/state')).reasonTable).toEqual(REASONS);
    expect(pad.status.state).toBe('ready');
  });

  it('lights the pad for a session and receives the rating with its reasons, once', async () => {
    const ratings: PadRating[] = [];
    pad.onRating((r) => ratings.push(r));
    await pad.requestRating(12346, { timeoutSeconds: 30, reasonRequired: true });
    const state = await control<{ activeSession: number }>(padRig.sim.control, 'GET /pad/state');
    expect(state.activeSession).toBe(12346);
    const got = once<PadRating>(pad, 'rating');
    await control(padRig.sim.control, 'POST /pad/press', { level: 2, reasons: [1, 2] });
    expect(await got).toEqual({ session: 12346, level: 2, reasons: [1, 2] });
    // The ACK reached the pad: nothing left to retransmit, and the rating was counted once.
    await expect.poll(async () => (await control<{ unacked: number }>(padRig.sim.control, 'GET /pad/state')).unacked).toBe(0);
    expect(ratings).toHaveLength(1);
  });

  it('counts a retransmitted rating once even when the first copy was corrupted', async () => {
    await pad.requestRating(777, {});
    await control(padRig.sim.control, 'POST /corrupt-next');
    const got = once<PadRating>(pad, 'rating');
    await control(padRig.sim.control, 'POST /pad/press', { level: 5, reasons: [] });
    expect(await got).toEqual({ session: 777, level: 5, reasons: [] });
  });

  it('gets a typed refusal when a second session is requested while one is active', async () => {
    await pad.requestRating(1, {});
    await expect(pad.requestRating(2, {})).rejects.toBeInstanceOf(PadRequestError);
    await pad.cancelRating(1);
  });

  it('marks the pad disconnected after missed heartbeats and ready again when it answers', async () => {
    await control(padRig.sim.control, 'POST /unplug');
    const down = await pad.waitFor('disconnected', 8000);
    expect(down.reason).toMatch(/heartbeat/);
    await control(padRig.sim.control, 'POST /replug');
    await pad.waitFor('ready', 10_000);
  });
});

describe('QR scanner driver over a PTY', () => {
  it('delivers a scanned line, Chinese in UTF-8 or GBK', async () => {
    let got = once<ScanLine>(scanner, 'scan');
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: 'https://zzlz.gsxt.gov.cn/businessShow/TEST-0001' });
    expect((await got).text).toBe('https://zzlz.gsxt.gov.cn/businessShow/TEST-0001');
    got = once<ScanLine>(scanner, 'scan');
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: '电子营业执照测试码-0002', encoding: 'gbk' });
    const line = await got;
    expect(line.text).toBe('电子营业执照测试码-0002');
    expect(line.raw.equals(iconv.encode('电子营业执照测试码-0002', 'gbk'))).toBe(true);
  });

  it('ends a suffix-less payload after inter-byte silence and ignores a quick re-read', async () => {
    const seen: string[] = [];
    scanner.onScan((s) => seen.push(s.text));
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: 'RECEIPT-CODE-42', suffix: '' });
    await expect.poll(() => seen).toEqual(['RECEIPT-CODE-42']);
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: 'RECEIPT-CODE-42' });
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual(['RECEIPT-CODE-42']);
  });

  it('reports line noise as a typed scan error, not a scan', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    scanner.onScan((s) => seen.push(s.text));
    scanner.onScanError((e) => errors.push(e.error));
    // Noise bytes mostly decode to control characters; retry until one noise line is classified.
    for (let i = 0; i < 5 && errors.length === 0; i++) {
      await control(scanRig.sim.control, 'POST /garbage', { bytes: 24 });
      await new Promise((r) => setTimeout(r, 120));
    }
    expect(errors[0]).toBe('unprintable');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(seen.every((t) => !/[\u0000-\u0008\u000b-\u001f]/u.test(t))).toBe(true);
  });
});
