import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SerialPortInfo, SerialTransport } from '../../../hardware';
import { listSerialPorts } from '../../../services/devices/ports';

/**
 * What a technician sees of the serial ports: every name udev gives a port, its USB ids, and the name an
 * assignment is saved under — by-id when the adapter has a serial number (it follows the device to any
 * socket), by-path for CH340/PL2303 adapters without one (only the socket tells two apart).
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function fakeDev(): { dev: string; byId: string; byPath: string; node(name: string): string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-dev-'));
  dirs.push(root);
  const dev = path.join(root, 'dev');
  const byId = path.join(root, 'serial', 'by-id');
  const byPath = path.join(root, 'serial', 'by-path');
  for (const d of [dev, byId, byPath]) fs.mkdirSync(d, { recursive: true });
  return { dev, byId, byPath, node: (name) => (fs.writeFileSync(path.join(dev, name), ''), path.join(dev, name)) };
}

const listing = (ports: SerialPortInfo[]): SerialTransport => ({ list: () => Promise.resolve(ports), open: () => Promise.reject(new Error('not here')) });

describe('serial port listing', () => {
  it('names each port by-id, by-path and path with its USB ids, and picks the name that survives', async () => {
    const f = fakeDev();
    const ftdi = f.node('ttyUSB0');
    const ch340a = f.node('ttyUSB1');
    const ch340b = f.node('ttyUSB2');
    fs.symlinkSync('../../dev/ttyUSB0', path.join(f.byId, 'usb-FTDI_FT232R_USB_UART_A10K3QZ1-if00-port0'));
    fs.symlinkSync('../../dev/ttyUSB0', path.join(f.byPath, 'pci-0000:00:14.0-usb-0:1:1.0-port0'));
    // Two identical CH340 adapters: udev's by-id name is the same, the last one plugged wins it.
    fs.symlinkSync('../../dev/ttyUSB2', path.join(f.byId, 'usb-1a86_USB_Serial-if00-port0'));
    fs.symlinkSync('../../dev/ttyUSB1', path.join(f.byPath, 'pci-0000:00:14.0-usb-0:2:1.0-port0'));
    fs.symlinkSync('../../dev/ttyUSB2', path.join(f.byPath, 'pci-0000:00:14.0-usb-0:3:1.0-port0'));
    const transport = listing([
      { path: ftdi, vendorId: '0403', productId: '6001', serialNumber: 'A10K3QZ1', manufacturer: 'FTDI' },
      { path: ch340a, vendorId: '1a86', productId: '7523', manufacturer: '1a86' },
      { path: ch340b, vendorId: '1a86', productId: '7523', manufacturer: '1a86' },
    ]);
    const ports = await listSerialPorts(transport, { byIdDir: f.byId, byPathDir: f.byPath });
    const by = (p: string) => ports.find((x) => x.path === p)!;
    expect(by(ftdi)).toMatchObject({
      byId: path.join(f.byId, 'usb-FTDI_FT232R_USB_UART_A10K3QZ1-if00-port0'),
      vendorId: '0403', productId: '6001', serialNumber: 'A10K3QZ1', stableKind: 'by-id',
    });
    expect(by(ftdi).stableName).toBe(by(ftdi).byId);
    expect(by(ch340a)).toMatchObject({ byId: null, stableKind: 'by-path', stableName: path.join(f.byPath, 'pci-0000:00:14.0-usb-0:2:1.0-port0') });
    // It has a by-id name, but one its twin could take: the socket is what stays.
    expect(by(ch340b)).toMatchObject({ byId: path.join(f.byId, 'usb-1a86_USB_Serial-if00-port0'), stableKind: 'by-path' });
  });

  it('lists ports the OS does not (PTYs, our udev links) and keeps a dangling link out', async () => {
    const f = fakeDev();
    const pty = f.node('pts7');
    fs.symlinkSync(pty, path.join(f.byId, 'kiosk-printer'));
    fs.symlinkSync(path.join(f.dev, 'gone'), path.join(f.byId, 'unplugged'));
    const ports = await listSerialPorts(listing([]), { byIdDir: f.byId, byPathDir: f.byPath }, [pty]);
    expect(ports).toHaveLength(1);
    expect(ports[0]).toMatchObject({ path: pty, byId: path.join(f.byId, 'kiosk-printer'), stableKind: 'by-id', vendorId: null });
  });
});
