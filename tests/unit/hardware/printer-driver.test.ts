import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReceiptPrinter } from '../../../hardware/drivers/printer/driver';
import { ALL_CLEAR, STATUS_QUERIES, statusByte, statusRequest, type PrinterFlags } from '../../../hardware/protocols/escpos/status';
import { EscPosTokenizer } from '../../../hardware/protocols/escpos/tokenizer';
import { buildReceipt } from '../../../hardware/receipts/build';
import { MockSerialTransport, type MockSerialDevice } from '../../../hardware/transport/mock-serial-transport';
import { FAST_BACKOFF, startReady } from './mock-devices';

/**
 * The printer driver against a scripted printer: a function from the bytes the driver writes to the
 * status bytes a printer answers, built from the ESC/POS codecs and a set of flags the test flips.
 */
let flags: PrinterFlags;
let device: MockSerialDevice;
let printer: ReceiptPrinter;

const isStatusQuery = (w: Buffer): boolean => STATUS_QUERIES.some((n) => w.equals(statusRequest(n)));
const receipt = (): Buffer => Buffer.from(buildReceipt({ title: '南海区政务服务中心', fields: [{ label: '办件编号', value: 'GD2026112500012' }] }, {
  paperWidth: 80, encoding: 'gb18030', qrNative: true, cutter: true,
}).escpos);

beforeEach(async () => {
  flags = { ...ALL_CLEAR };
  const transport = new MockSerialTransport();
  const tokenizer = new EscPosTokenizer('gb18030');
  device = transport.createPort('/mock/printer', {
    reply: (written) => tokenizer.push(written).flatMap((e) => (e.type === 'status-request' ? [Buffer.from([statusByte(e.n, flags)])] : [])),
  });
  printer = await startReady(new ReceiptPrinter({
    path: '/mock/printer', baudRate: 115200, transport, statusIntervalMs: 20, statusTimeoutMs: 250, retries: 1, backoff: FAST_BACKOFF,
  }));
});

afterEach(async () => {
  await printer.stop();
});

describe('receipt printer driver on a mock port', () => {
  it('asks the four status bytes at connect and reports ready with its condition', () => {
    expect(printer.status).toMatchObject({ state: 'ready', condition: 'ok', reason: 'printer ready' });
    expect(device.writes.slice(0, 4)).toEqual(STATUS_QUERIES.map((n) => statusRequest(n)));
  });

  it('prints a receipt: the bytes reach the printer and the status is checked before and after', async () => {
    const bytes = receipt();
    const from = device.writes.length;
    expect(await printer.print(bytes)).toEqual({ printed: true, condition: 'ok' });
    const job = device.writes.slice(from);
    const at = job.findIndex((w) => w.equals(bytes));
    expect(at).toBeGreaterThanOrEqual(4);
    expect(job.slice(0, at).every(isStatusQuery)).toBe(true);
    expect(job.slice(at + 1, at + 5)).toEqual(STATUS_QUERIES.map((n) => statusRequest(n)));
  });

  it('reports paper out as a condition and refuses to print, sending nothing but status queries', async () => {
    flags = { ...flags, paperEnd: true, paperNearEnd: true };
    await expect.poll(() => printer.status).toMatchObject({ state: 'error', condition: 'paper-out', reason: 'paper out: load a new roll' });
    const from = device.writes.length;
    expect(await printer.print(receipt())).toEqual({ printed: false, condition: 'paper-out', reason: 'paper out: load a new roll' });
    expect(device.writes.slice(from).every(isStatusQuery)).toBe(true);
    flags = { ...ALL_CLEAR };
    await expect.poll(() => printer.status).toMatchObject({ state: 'ready', condition: 'ok' });
  });

  it('goes disconnected when unplugged, refuses to print meanwhile, and is ready again once plugged back', async () => {
    const down = printer.waitFor('disconnected', 5_000);
    device.unplug();
    expect((await down).reason).toBe('port disconnected');
    expect(await printer.print(receipt())).toMatchObject({ printed: false, condition: 'disconnected' });
    device.plug();
    expect(await printer.waitFor('ready', 5_000)).toMatchObject({ condition: 'ok' });
    expect(device.opens).toBeGreaterThanOrEqual(2);
  });

  it('goes disconnected when the printer stops answering status, and recovers', async () => {
    device.silent = true;
    expect((await printer.waitFor('disconnected', 5_000)).reason).toMatch(/^printer stopped answering status \(status DLE EOT [1-4]: no answer after 2 attempt\(s\) of 250 ms\)$/);
    device.silent = false;
    await printer.waitFor('ready', 5_000);
  });
});
