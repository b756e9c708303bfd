import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { SerialOpenOptions, SerialPortInfo, SerialTransport, SerialTransportPort, SerialTransportPortEvents } from './serial-transport';

/** A port opened by the `serialport` package; its error and close events become one `close` reason. */
class NodeSerialPort extends EventEmitter<SerialTransportPortEvents> implements SerialTransportPort {
  constructor(private readonly port: SerialPort) {
    super();
    port.on('data', (d: Buffer) => this.emit('data', d));
    port.on('error', (err: Error) => this.emit('close', `port error: ${err.message}`));
    // serialport flags an unplugged USB adapter with `disconnected` on the close error.
    port.on('close', (err?: Error & { disconnected?: boolean }) => this.emit('close', err?.disconnected ? 'port disconnected' : 'port closed'));
  }

  get path(): string {
    return this.port.path;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.port.write(Buffer.from(bytes), (err) => (err ? reject(err) : resolve())));
  }

  drain(): Promise<void> {
    return new Promise((resolve, reject) => this.port.drain((err) => (err ? reject(err) : resolve())));
  }

  flush(): Promise<void> {
    return new Promise((resolve, reject) => this.port.flush((err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    // Closing an already closed port is not an error here: the caller only wants it gone.
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

/** The production transport: real serial ports through the `serialport` package. */
export const serialportTransport: SerialTransport = {
  open(options: SerialOpenOptions): Promise<SerialTransportPort> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: options.path, baudRate: options.baudRate, rtscts: options.rtscts ?? false, autoOpen: false });
      port.open((err) => (err ? reject(err) : resolve(new NodeSerialPort(port))));
    });
  },
  async list(): Promise<SerialPortInfo[]> {
    return (await SerialPort.list()).map((p) => {
      const info: { -readonly [K in keyof SerialPortInfo]: SerialPortInfo[K] } = { path: p.path };
      if (p.manufacturer) info.manufacturer = p.manufacturer;
      if (p.vendorId) info.vendorId = p.vendorId.toLowerCase();
      if (p.productId) info.productId = p.productId.toLowerCase();
      if (p.serialNumber) info.serialNumber = p.serialNumber;
      return info;
    });
  },
};
