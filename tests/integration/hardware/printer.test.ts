import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probePorts } from '../../../hardware/probe';
import { ReceiptPrinter } from '../../../hardware/drivers/printer/driver';
import { buildReceipt } from '../../../hardware/receipts/build';
import type { ReceiptTemplate } from '../../../kernel/receipt';
import { control, startSimulatedDevice, type SimulatedDeviceRig } from '../../../hardware/testing/simulators/spawn';

let rig: SimulatedDeviceRig;
let printer: ReceiptPrinter;

interface Last { text: string | null; lines: string[]; qr: string[]; barcodes: string[]; cut: boolean; count: number }
const last = (): Promise<Last> => control<Last>(rig.sim.control, 'GET /printer/last');

const receipt: ReceiptTemplate = {
  title: '南海区政务服务中心',
  fields: [
    { label: '办件编号', value: 'GD2026112500012' },
    { label: '事项名称', value: '企业开办登记（设立）' },
  ],
  text: ['请凭此回执到3号窗口领取营业执照。'],
  qr: 'https://z.gd.gov.cn/q?t=ABC123',
  barcode: 'GD2026112500012',
  stamp: '已办结',
};

beforeAll(async () => {
  rig = await startSimulatedDevice('printer');
  printer = new ReceiptPrinter({ path: rig.pty.hostPath, baudRate: 115200, statusIntervalMs: 300, statusTimeoutMs: 800, retries: 2, backoff: { initialMs: 100, maxMs: 400 } });
  printer.start();
  await printer.waitFor('ready', 10_000);
});

afterAll(async () => {
  await printer?.stop();
  await rig?.close();
});

describe('receipt printer driver over a PTY', () => {
  it('prints a Chinese receipt the simulator decodes back to the same text, QR and barcode', async () => {
    const result = await printer.print(buildReceipt(receipt, { paperWidth: 80, encoding: 'gb18030', qrNative: true, cutter: true }).escpos);
    expect(result).toEqual({ printed: true, condition: 'ok' });
    const got = await last();
    expect(got.text).toContain('南海区政务服务中心');
    expect(got.lines.some((l) => /^办件编号\s+GD2026112500012$/.test(l))).toBe(true);
    expect(got.text).toContain('请凭此回执到3号窗口领取营业执照。');
    expect(got.text).toContain('已办结');
    expect(got.qr).toEqual(['https://z.gd.gov.cn/q?t=ABC123']);
    expect(got.barcodes).toEqual(['GD2026112500012']);
    expect(got.cut).toBe(true);
  });

  it('prints the QR as a raster image for a printer without GS ( k, and the image still scans', async () => {
    const result = await printer.print(buildReceipt(receipt, { paperWidth: 58, encoding: 'gbk', qrNative: false, cutter: true }).escpos);
    expect(result.printed).toBe(true);
    const got = await last();
    expect(got.qr).toEqual(['https://z.gd.gov.cn/q?t=ABC123']);
    expect(got.lines.every((l) => [...l].reduce((w, c) => w + (/[\u1100-\uffff]/u.test(c) ? 2 : 1), 0) <= 32 || l.startsWith('['))).toBe(true);
  });

  it('refuses to print when paper is out (typed condition) and prints nothing', async () => {
    const before = (await last()).count;
    await control(rig.sim.control, 'POST /printer/paper-out');
    const result = await printer.print(buildReceipt(receipt, { paperWidth: 80, encoding: 'gb18030', qrNative: true, cutter: true }).escpos);
    expect(result).toMatchObject({ printed: false, condition: 'paper-out' });
    expect(printer.status).toMatchObject({ state: 'error', condition: 'paper-out' });
    expect((await last()).count).toBe(before);
  });

  it('reports cover open, and returns to ready when paper is back and the cover closed', async () => {
    await control(rig.sim.control, 'POST /printer/cover-open');
    await expect.poll(() => printer.status.condition).toBe('cover-open');
    await control(rig.sim.control, 'POST /printer/cover-close');
    await control(rig.sim.control, 'POST /printer/paper-back');
    await expect.poll(() => printer.status.state).toBe('ready');
    expect(printer.status.condition).toBe('ok');
  });

  it('keeps printing on paper near end but reports it', async () => {
    await control(rig.sim.control, 'POST /printer/paper-near-end');
    const result = await printer.print(buildReceipt({ title: '测试' }, { paperWidth: 58, encoding: 'gb18030', qrNative: true, cutter: false }).escpos);
    expect(result).toEqual({ printed: true, condition: 'paper-near-end' });
    await control(rig.sim.control, 'POST /printer/paper-back');
  });

  it('goes disconnected when the printer stops answering status, and recovers', async () => {
    await control(rig.sim.control, 'POST /unplug');
    const down = await printer.waitFor('disconnected', 8000);
    expect(down.reason).toMatch(/stopped answering/);
    const result = await printer.print(Buffer.from('x\n'));
    expect(result).toMatchObject({ printed: false, condition: 'disconnected' });
    await control(rig.sim.control, 'POST /replug');
    await printer.waitFor('ready', 10_000);
  });

  it('is identified as a printer by the port probe once the driver lets go of it', async () => {
    await printer.stop();
    const results = await probePorts({ extraPaths: [rig.pty.hostPath], timeoutMs: 1000 });
    expect(results.find((r) => r.path === rig.pty.hostPath)).toMatchObject({ role: 'printer' });
  });
});
