import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvaluationPad, PadRequestError } from '../../../hardware/drivers/pad/driver';
import { QrScanner, partialLineTimeoutMs } from '../../../hardware/drivers/scanner/driver';
import type { PadRating } from '../../../hardware/protocols/pad/messages';
import type { ScanLine } from '../../../hardware/protocols/scanner/lines';
import { control, startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/testing/simulators/spawn';

let padRig: SimulatedDeviceRig;
let scanRig: SimulatedDeviceRig;
let pad: EvaluationPad;
let scanner: QrScanner;
/** Longest code this test's scanner expects: keeps its partial-line timeout under a second at 9600 Bd. */
const SCAN_MAX_BYTES = 512;

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
  // Commissioned as the kiosk's scanners are (CR LF suffix), at the engines' default 9600 Bd.
  scanner = new QrScanner({ path: scanRig.pty.hostPath, baudRate: 9600, debounceMs: 300, maxLineBytes: SCAN_MAX_BYTES });
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

  it('delivers codes longer than one 64-byte slice of the wire whole, once each', async () => {
    const seen: string[] = [];
    scanner.onScan((s) => seen.push(s.text));
    const codes = [
      // The 电子营业执照 link of the audit and the kiosk's own receipt QR (77 and 81 characters).
      'https://zzlz.gsxt.gov.cn/businessCheck/verifyCert?code=91440605MA51C7QX76&t=1',
      'https://zwfw.nanhai.example/progress?receipt=5fd90a9b-56d7-4720-b09f-c7f3ff733c0e',
      // Seven slices, about 0.45 s on the wire.
      `https://zzlz.gsxt.gov.cn/businessCheck/verifyCert?token=${'TESTTOKEN0123456789'.repeat(20)}`,
    ];
    for (const text of codes) {
      await control(scanRig.sim.control, 'POST /scanner/scan', { text });
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(codes.indexOf(text) + 1);
    }
    // Nothing trails behind: no second event made of a code's tail.
    await new Promise((r) => setTimeout(r, partialLineTimeoutMs(9600, SCAN_MAX_BYTES)));
    expect(seen).toEqual(codes);
  });

  it('never delivers a line without its terminator, and a lost fragment does not spoil the next scan', async () => {
    const seen: string[] = [];
    const errors: string[] = [];
    scanner.onScan((s) => seen.push(s.text));
    scanner.onScanError((e) => errors.push(e.error));
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: 'FRAGMENT-OF-A-LOST-LINE', suffix: '' });
    await expect.poll(() => errors, { timeout: 5_000 }).toContain('incomplete');
    await control(scanRig.sim.control, 'POST /scanner/scan', { text: 'RECEIPT-CODE-42' });
    await expect.poll(() => seen).toEqual(['RECEIPT-CODE-42']);
    // A quick re-read of the same code is not a new scan.
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

describe('QR scanner commissioned without a suffix', () => {
  let rig: SimulatedDeviceRig;
  let bare: QrScanner;
  beforeAll(async () => {
    rig = await startSimulatedDevice('scanner');
    bare = new QrScanner({ path: rig.pty.hostPath, baudRate: 9600, suffix: 'none', maxLineBytes: 256 });
    bare.start();
    await bare.waitFor('ready', 10_000);
  });
  afterAll(async () => {
    await bare?.stop();
    await rig?.close();
  });

  it('ends a payload after a silence as long as its longest line takes at the baud rate, not at the first gap', async () => {
    const seen: string[] = [];
    bare.onScan((s) => seen.push(s.text));
    const text = `https://zwfw.nanhai.example/progress?receipt=5fd90a9b-56d7-4720-b09f-c7f3ff733c0e&pad=${'x'.repeat(120)}`;
    await control(rig.sim.control, 'POST /scanner/scan', { text, suffix: '' });
    await expect.poll(() => seen, { timeout: 5_000 }).toEqual([text]);
    await new Promise((r) => setTimeout(r, partialLineTimeoutMs(9600, 256)));
    expect(seen).toEqual([text]);
  });
});
