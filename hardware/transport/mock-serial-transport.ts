import { EventEmitter } from 'node:events';
import type {
  DeviceLine, SerialOpenOptions, SerialPortInfo, SerialTransport, SerialTransportPort, SerialTransportPortEvents,
} from './serial-transport';

/** Device logic as a function: what the host wrote → what the device answers (nothing: stays quiet). */
export type MockDeviceScript = (written: Buffer) => Uint8Array | readonly Uint8Array[] | null | undefined | void;

export interface MockPortOptions {
  /** Answers every write (more listeners can be added with `onData`). */
  readonly reply?: MockDeviceScript;
  /** False: the port exists but nothing is plugged in, so opening fails until `plug()` (default true). */
  readonly plugged?: boolean;
  /** What `list()` reports, as a USB descriptor would. */
  readonly manufacturer?: string;
}

/** The host's handle on a mock port; it lives from one `open` to its close or the device's unplug. */
class MockHostPort extends EventEmitter<SerialTransportPortEvents> implements SerialTransportPort {
  isOpen = true;

  constructor(
    readonly path: string,
    private readonly device: MockSerialDevice,
  ) {
    super();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new Error('Port is not open'));
    this.device.received(Buffer.from(bytes));
    return Promise.resolve();
  }

  drain(): Promise<void> {
    return this.isOpen ? Promise.resolve() : Promise.reject(new Error('Port is not open'));
  }

  flush(): Promise<void> {
    if (this.isOpen) this.device.dropPending();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.end('port closed');
    return Promise.resolve();
  }

  /** Synchronous, so a test that unplugs sees the driver react before its next line. */
  end(reason: string): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.device.detach(this);
    this.emit('close', reason);
  }
}

/**
 * The device side of one mock port: scripted or driven by simulator logic (it is a `DeviceLine`),
 * recording every write, and able to fall silent, be unplugged and be plugged back.
 */
export class MockSerialDevice implements DeviceLine {
  /** Every chunk the host wrote, in order (also while silent: the bytes did leave the host). */
  readonly writes: Buffer[] = [];
  /** Powered off with the cable in: the port stays open, the device hears and says nothing. */
  silent = false;
  /** How many times the host opened this port, and with which options the last time. */
  opens = 0;
  lastOpen: SerialOpenOptions | null = null;
  private host: MockHostPort | null = null;
  private readonly listeners: Array<(chunk: Buffer) => void> = [];
  private plugged: boolean;
  /** Bumped by a flush or a close: device bytes still in flight then are never delivered. */
  private epoch = 0;
  readonly manufacturer: string | undefined;

  constructor(
    readonly path: string,
    options: MockPortOptions = {},
  ) {
    this.plugged = options.plugged ?? true;
    this.manufacturer = options.manufacturer;
    if (options.reply) this.reply(options.reply);
  }

  get isPlugged(): boolean {
    return this.plugged;
  }

  /** Whether the host has the port open now. */
  get isOpen(): boolean {
    return this.host !== null;
  }

  /** Everything the host wrote, as one buffer. */
  get written(): Buffer {
    return Buffer.concat(this.writes);
  }

  get lastWrite(): Buffer | undefined {
    return this.writes.at(-1);
  }

  /** Adds device logic that answers each chunk the host writes. */
  reply(script: MockDeviceScript): this {
    this.onData((chunk) => {
      const answer = script(chunk);
      if (!answer) return;
      for (const part of answer instanceof Uint8Array ? [answer] : answer) this.emitData(part);
    });
    return this;
  }

  onData(listener: (chunk: Buffer) => void): void {
    this.listeners.push(listener);
  }

  send(bytes: Uint8Array): Promise<void> {
    this.emitData(bytes);
    return Promise.resolve();
  }

  /**
   * Sends bytes to the host on a later turn of the event loop, as a real port would. Returns false
   * when nobody can hear them (the port is not open, or the device is silent): they are lost.
   */
  emitData(bytes: Uint8Array): boolean {
    const host = this.host;
    if (!host || this.silent) return false;
    const epoch = this.epoch;
    const data = Buffer.from(bytes);
    setImmediate(() => {
      if (this.host === host && this.epoch === epoch) host.emit('data', data);
    });
    return true;
  }

  /** Pulls the cable: an open port closes with the reason the real transport gives, and opening fails until `plug()`. */
  unplug(reason = 'port disconnected'): void {
    this.plugged = false;
    this.host?.end(reason);
  }

  plug(): void {
    this.plugged = true;
  }

  /** @internal The transport opens the port (one owner at a time, as serialport's lock enforces). */
  attach(options: SerialOpenOptions): MockHostPort {
    if (!this.plugged) throw new Error(`nothing plugged in at ${this.path}`);
    if (this.host) throw new Error(`${this.path} is already open (Cannot lock port)`);
    this.opens++;
    this.lastOpen = options;
    this.epoch++;
    this.host = new MockHostPort(this.path, this);
    return this.host;
  }

  /** @internal */
  detach(port: MockHostPort): void {
    if (this.host !== port) return;
    this.host = null;
    this.epoch++;
  }

  /** @internal Bytes the host wrote reach the device logic on a later turn, like bytes on a wire. */
  received(chunk: Buffer): void {
    this.writes.push(chunk);
    if (this.silent) return;
    setImmediate(() => {
      for (const l of this.listeners) l(chunk);
    });
  }

  /** @internal */
  dropPending(): void {
    this.epoch++;
  }
}

/**
 * An in-process serial transport for tests and demos (after serialport's MockBinding): create a port
 * by path with `createPort`, script its device, then hand the transport to a driver.
 */
export class MockSerialTransport implements SerialTransport {
  private readonly devices = new Map<string, MockSerialDevice>();

  createPort(path: string, options: MockPortOptions = {}): MockSerialDevice {
    if (this.devices.has(path)) throw new Error(`mock port ${path} already exists`);
    const device = new MockSerialDevice(path, options);
    this.devices.set(path, device);
    return device;
  }

  port(path: string): MockSerialDevice {
    const device = this.devices.get(path);
    if (!device) throw new Error(`no mock port ${path}`);
    return device;
  }

  async open(options: SerialOpenOptions): Promise<SerialTransportPort> {
    const device = this.devices.get(options.path);
    if (!device) throw new Error(`no such port ${options.path}`);
    return device.attach(options);
  }

  /** Ports with a device plugged in, as the OS lists only present adapters. */
  async list(): Promise<SerialPortInfo[]> {
    return [...this.devices.values()]
      .filter((d) => d.isPlugged)
      .map((d) => ({ path: d.path, ...(d.manufacturer === undefined ? {} : { manufacturer: d.manufacturer }) }));
  }
}
