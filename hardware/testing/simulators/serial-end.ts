import { SerialPort } from 'serialport';
import type { DeviceLine } from '../../transport/serial-transport';

/**
 * The device end of a PTY pair as a simulator sees it. Writes are paced to the configured baud rate
 * (PTYs ignore it), so timings through the simulator look like a real wire.
 */
export class DeviceEnd implements DeviceLine {
  /** When true the device says nothing (unplugged / powered off). */
  silent = false;
  private readonly port: SerialPort;
  private queue: Promise<void> = Promise.resolve();

  constructor(path: string, private readonly baudRate: number, private readonly pace: boolean) {
    this.port = new SerialPort({ path, baudRate, autoOpen: true });
    this.port.on('error', (err) => process.stderr.write(`sim port error: ${err.message}\n`));
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.port.on('data', (chunk: Buffer) => {
      if (!this.silent) listener(chunk);
    });
  }

  /** Queues bytes for the wire; resolves when they have been written. */
  send(bytes: Uint8Array): Promise<void> {
    if (this.silent) return Promise.resolve();
    const data = Buffer.from(bytes);
    this.queue = this.queue.then(() => this.paced(data));
    return this.queue;
  }

  private async paced(data: Buffer): Promise<void> {
    if (!this.pace) return this.write(data);
    // 10 bits per byte (8N1); send in slices on a fixed schedule so timer jitter does not accumulate.
    const slice = 64;
    const start = performance.now();
    for (let i = 0; i < data.length; i += slice) {
      const due = start + ((i * 10) / this.baudRate) * 1000;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      await this.write(data.subarray(i, i + slice));
    }
    const end = start + ((data.length * 10) / this.baudRate) * 1000;
    const rest = end - performance.now();
    if (rest > 1) await new Promise((r) => setTimeout(r, rest));
  }

  private write(data: Buffer): Promise<void> {
    return new Promise((resolve) => this.port.write(data, () => this.port.drain(() => resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

/** Random bytes that look like line noise. */
export const garbage = (n = 16): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256)));
