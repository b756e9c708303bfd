import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';

export interface SerialLinkOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly rtscts?: boolean;
}

/**
 * One open serial port: bytes in as `data` events, bytes out as awaited writes, and a single
 * `closed` event with a readable reason however the port went away (closed, error, unplugged).
 */
export class SerialLink extends EventEmitter<{ data: [Buffer]; closed: [string] }> {
  private closedReason: string | null = null;

  private constructor(private readonly port: SerialPort) {
    super();
    port.on('data', (d: Buffer) => this.emit('data', d));
    port.on('error', (err: Error) => this.markClosed(`port error: ${err.message}`));
    port.on('close', (err?: Error & { disconnected?: boolean }) =>
      this.markClosed(err?.disconnected ? 'port disconnected' : 'port closed'),
    );
  }

  static open(options: SerialLinkOptions): Promise<SerialLink> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort(
        { path: options.path, baudRate: options.baudRate, rtscts: options.rtscts ?? false, autoOpen: false },
      );
      port.open((err) => {
        if (err) reject(new Error(`cannot open ${options.path}: ${err.message}`));
        else resolve(new SerialLink(port));
      });
    });
  }

  get isOpen(): boolean {
    return this.closedReason === null;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.closedReason !== null) return Promise.reject(new Error(`link closed (${this.closedReason})`));
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => {
        if (err) return reject(err);
        this.port.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  }

  /** Discards anything the OS buffered while nobody listened. */
  flushInput(): Promise<void> {
    return new Promise((resolve) => this.port.flush(() => resolve()));
  }

  close(reason = 'closed by driver'): Promise<void> {
    if (this.closedReason !== null) return Promise.resolve();
    this.markClosed(reason);
    return new Promise((resolve) => {
      if (!this.port.isOpen) return resolve();
      this.port.close(() => resolve());
    });
  }

  private markClosed(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.emit('closed', reason);
  }
}
