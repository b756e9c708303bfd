import { EventEmitter } from 'node:events';
import type { SerialOpenOptions, SerialTransport, SerialTransportPort } from './serial-transport';
import { serialportTransport } from './serialport-transport';

export type SerialLinkOptions = SerialOpenOptions;

/**
 * One open serial port: bytes in as `data` events, bytes out as awaited writes, and a single
 * `closed` event with a readable reason however the port went away (closed, error, unplugged).
 */
export class SerialLink extends EventEmitter<{ data: [Buffer]; closed: [string] }> {
  private closedReason: string | null = null;

  private constructor(private readonly port: SerialTransportPort) {
    super();
    port.on('data', (d) => this.emit('data', d));
    port.on('close', (reason) => this.markClosed(reason));
  }

  /** Opens `options.path` on `transport` (default: real serial ports). */
  static async open(options: SerialLinkOptions, transport: SerialTransport = serialportTransport): Promise<SerialLink> {
    let port: SerialTransportPort;
    try {
      port = await transport.open(options);
    } catch (err) {
      throw new Error(`cannot open ${options.path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return new SerialLink(port);
  }

  get isOpen(): boolean {
    return this.closedReason === null;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.closedReason !== null) throw new Error(`link closed (${this.closedReason})`);
    await this.port.write(bytes);
    await this.port.drain();
  }

  /** Discards anything the OS buffered while nobody listened; a failure leaves nothing worse than noise. */
  flushInput(): Promise<void> {
    return this.port.flush().catch(() => undefined);
  }

  close(reason = 'closed by driver'): Promise<void> {
    if (this.closedReason !== null) return Promise.resolve();
    this.markClosed(reason);
    return this.port.close();
  }

  private markClosed(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.emit('closed', reason);
  }
}
