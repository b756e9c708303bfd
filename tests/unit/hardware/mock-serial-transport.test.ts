import { afterEach, describe, expect, it } from 'vitest';
import { QrScanner } from '../../../hardware/drivers/scanner/driver';
import { probePorts } from '../../../hardware/probe';
import { ALL_CLEAR, statusByte, statusRequest } from '../../../hardware/protocols/escpos/status';
import { MockSerialTransport } from '../../../hardware/transport/mock-serial-transport';
import { SerialLink } from '../../../hardware/transport/serial-link';
import { FAST_BACKOFF, nextEvent, simulateOnMock } from './mock-devices';

/** The mock transport itself, seen through the `SerialLink` every driver uses, and the port probe on it. */
const links: SerialLink[] = [];
const open = async (transport: MockSerialTransport, path: string): Promise<SerialLink> => {
  const link = await SerialLink.open({ path, baudRate: 115200 }, transport);
  links.push(link);
  return link;
};

afterEach(async () => {
  await Promise.all(links.splice(0).map((l) => l.close()));
});

describe('mock serial transport', () => {
  it('records what the host writes and answers through the device script', async () => {
    const transport = new MockSerialTransport();
    const device = transport.createPort('/mock/echo', { reply: (w) => [Buffer.from('>'), w] });
    const link = await open(transport, '/mock/echo');
    const chunks: string[] = [];
    link.on('data', (d) => chunks.push(d.toString()));
    await link.write(Buffer.from('ping'));
    await expect.poll(() => chunks.join('')).toBe('>ping');
    expect(device.writes).toEqual([Buffer.from('ping')]);
    expect(device.lastOpen).toEqual({ path: '/mock/echo', baudRate: 115200 });
  });

  it('fails to open where nobody is there, and a port has one owner at a time', async () => {
    const transport = new MockSerialTransport();
    await expect(SerialLink.open({ path: '/mock/none', baudRate: 9600 }, transport)).rejects.toThrow('cannot open /mock/none: no such port /mock/none');
    transport.createPort('/mock/later', { plugged: false });
    await expect(SerialLink.open({ path: '/mock/later', baudRate: 9600 }, transport)).rejects.toThrow('cannot open /mock/later: nothing plugged in at /mock/later');
    transport.port('/mock/later').plug();
    await open(transport, '/mock/later');
    await expect(SerialLink.open({ path: '/mock/later', baudRate: 9600 }, transport)).rejects.toThrow(/already open/);
  });

  it('closes an open link once, with a readable reason, when the device is unplugged', async () => {
    const transport = new MockSerialTransport();
    const device = transport.createPort('/mock/usb');
    const link = await open(transport, '/mock/usb');
    const reasons: string[] = [];
    link.on('closed', (r) => reasons.push(r));
    device.unplug();
    expect(reasons).toEqual(['port disconnected']);
    expect(link.isOpen).toBe(false);
    await expect(link.write(Buffer.from('x'))).rejects.toThrow('link closed (port disconnected)');
    expect(await transport.list()).toEqual([]);
    device.plug();
    expect(await transport.list()).toEqual([{ path: '/mock/usb' }]);
  });

  it('loses device bytes nobody can hear: before open and when the input is flushed', async () => {
    const transport = new MockSerialTransport();
    const device = transport.createPort('/mock/noisy');
    expect(device.emitData(Buffer.from('early'))).toBe(false);
    const link = await open(transport, '/mock/noisy');
    const chunks: string[] = [];
    link.on('data', (d) => chunks.push(d.toString()));
    device.emitData(Buffer.from('stale'));
    await link.flushInput();
    device.emitData(Buffer.from('fresh'));
    await expect.poll(() => chunks).toEqual(['fresh']);
  });

  it('lets a driver wait on a port with nobody there, and connects once a device appears', async () => {
    const transport = new MockSerialTransport();
    const scanner = new QrScanner({ path: '/mock/scanner', baudRate: 9600, transport, backoff: FAST_BACKOFF });
    try {
      scanner.start();
      const down = await scanner.waitFor('disconnected', 5_000);
      expect(down.reason).toBe('cannot open /mock/scanner: no such port /mock/scanner');
      const device = transport.createPort('/mock/scanner');
      await scanner.waitFor('ready', 5_000);
      const scan = nextEvent<{ text: string }>(scanner, 'scan');
      device.emitData(Buffer.from('HELLO\r\n'));
      expect((await scan).text).toBe('HELLO');
    } finally {
      await scanner.stop();
    }
  });
});

describe('port probe on the mock transport', () => {
  it('tells the printer, the ID reader and the pad apart, leaves the scanner unassigned and skips ports in use', async () => {
    const reader = simulateOnMock('idReader');
    const { transport } = reader;
    simulateOnMock('pad', transport);
    simulateOnMock('scanner', transport);
    const printer = transport.createPort('/mock/printer', {
      manufacturer: 'Sim Printer Co',
      // A printer answers each DLE EOT with one status byte.
      reply: (w) => (w.length === 3 && w[0] === 0x10 && w[1] === 0x04 ? Buffer.from([statusByte(w[2]!, ALL_CLEAR)]) : null),
    });
    transport.createPort('/mock/busy');
    const results = await probePorts({ transport, timeoutMs: 100, skip: new Set(['/mock/busy']) });
    expect(Object.fromEntries(results.map((r) => [r.path, r.role]))).toEqual({
      '/mock/idReader': 'idReader', '/mock/pad': 'pad', '/mock/scanner': null, '/mock/printer': 'printer', '/mock/busy': null,
    });
    expect(results.find((r) => r.path === '/mock/printer')).toMatchObject({ manufacturer: 'Sim Printer Co', baudRate: 115200 });
    expect(results.find((r) => r.path === '/mock/pad')?.detail).toBe('KEP/1 pad SIM-PAD;1.0.0;SIM0001');
    expect(results.find((r) => r.path === '/mock/busy')?.detail).toMatch(/in use/);
    // The printer heard only its own probe (it would print the others): it is asked first.
    expect(printer.writes).toEqual([statusRequest(1)]);
    // Every probe let go of its port.
    expect([reader.device, printer].every((d) => !d.isOpen)).toBe(true);
  });
});
