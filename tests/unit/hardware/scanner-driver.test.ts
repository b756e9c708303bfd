import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QrScanner } from '../../../hardware/drivers/scanner/driver';
import type { ScanError, ScanLine } from '../../../hardware/protocols/scanner/lines';
import { MockSerialTransport, type MockSerialDevice } from '../../../hardware/transport/mock-serial-transport';
import { FAST_BACKOFF, nextEvent, startReady } from './mock-devices';

/** The scanner driver on a mock port whose "scan engine" is the test itself, emitting bytes at will. */
let device: MockSerialDevice;
let scanner: QrScanner;
const CODE = 'https://zwfw.nanhai.example/progress?receipt=5fd90a9b-56d7-4720-b09f-c7f3ff733c0e';

beforeEach(async () => {
  const transport = new MockSerialTransport();
  device = transport.createPort('/mock/scanner');
  // 128-byte lines at 9600 Bd: a partial line is dropped after about 0.4 s.
  scanner = await startReady(new QrScanner({ path: '/mock/scanner', baudRate: 9600, transport, maxLineBytes: 128, debounceMs: 200, backoff: FAST_BACKOFF }));
});

afterEach(async () => {
  await scanner.stop();
});

describe('QR scanner driver on a mock port', () => {
  it('is ready once the port is open, and never writes to the scanner', () => {
    expect(scanner.status).toMatchObject({ state: 'ready', reason: 'port open (scanners do not answer the host)' });
    expect(device.lastOpen?.baudRate).toBe(9600);
    expect(device.writes).toEqual([]);
  });

  it('reports a scanned line, whole even when it arrives in slices', async () => {
    const scan = nextEvent<ScanLine>(scanner, 'scan');
    const bytes = Buffer.from(`${CODE}\r\n`);
    for (let i = 0; i < bytes.length; i += 16) device.emitData(bytes.subarray(i, i + 16));
    expect(await scan).toMatchObject({ text: CODE, encoding: 'utf8' });
  });

  it('decodes a Chinese code sent in GBK', async () => {
    const scan = nextEvent<ScanLine>(scanner, 'scan');
    device.emitData(Buffer.concat([iconv.encode('电子营业执照测试码-0002', 'gbk'), Buffer.from('\r\n')]));
    expect(await scan).toMatchObject({ text: '电子营业执照测试码-0002', encoding: 'gb18030' });
  });

  it('drops a line that never gets its terminator, and the next scan is clean', async () => {
    const dropped = nextEvent<{ error: ScanError }>(scanner, 'scan-error');
    device.emitData(Buffer.from('FRAGMENT-OF-A-LOST-LINE'));
    expect((await dropped).error).toBe('incomplete');
    const scan = nextEvent<ScanLine>(scanner, 'scan');
    device.emitData(Buffer.from('RECEIPT-CODE-42\r\n'));
    expect((await scan).text).toBe('RECEIPT-CODE-42');
  });

  it('goes disconnected when unplugged, and scans again once plugged back', async () => {
    const down = scanner.waitFor('disconnected', 5_000);
    device.unplug();
    expect((await down).reason).toBe('port disconnected');
    expect(device.emitData(Buffer.from(`${CODE}\r\n`))).toBe(false);
    device.plug();
    await scanner.waitFor('ready', 5_000);
    const scan = nextEvent<ScanLine>(scanner, 'scan');
    device.emitData(Buffer.from(`${CODE}\r\n`));
    expect((await scan).text).toBe(CODE);
  });
});
