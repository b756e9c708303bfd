/**
 * The seam between the drivers and the serial ports (after node-serialport's BindingInterface): a
 * transport opens ports, an open port moves bytes. Everything is a promise or an event, so the real
 * `serialport` package and an in-process mock are interchangeable.
 */
export interface SerialOpenOptions {
  readonly path: string;
  readonly baudRate: number;
  /** Hardware flow control (default off). */
  readonly rtscts?: boolean;
}

/** A port the OS (or the mock) lists; `manufacturer` comes from the USB descriptor when there is one. */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string;
  /** USB ids (hex, as udev spells them) and serial number, when the adapter reports them. */
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
}

export interface SerialTransportPortEvents {
  /** Bytes from the device, in whatever slices the OS delivers them. */
  data: [chunk: Buffer];
  /** The port went away, with a reason a technician can read; may be emitted more than once. */
  close: [reason: string];
}

/** One open port. */
export interface SerialTransportPort {
  readonly path: string;
  /** Queues bytes for the device; resolves once the port took them. */
  write(bytes: Uint8Array): Promise<void>;
  /** Resolves when everything written has left the host. */
  drain(): Promise<void>;
  /** Discards input the OS buffered and nobody read yet. */
  flush(): Promise<void>;
  close(): Promise<void>;
  on<E extends keyof SerialTransportPortEvents>(event: E, listener: (...args: SerialTransportPortEvents[E]) => void): this;
}

export interface SerialTransport {
  /** Rejects when the port cannot be opened (nothing plugged in, no permission, already in use). */
  open(options: SerialOpenOptions): Promise<SerialTransportPort>;
  list(): Promise<SerialPortInfo[]>;
}

/**
 * The other end of a line, as device logic sees it: the simulators' device code runs unchanged on a
 * PTY (hardware/testing) or in-process on a `MockSerialTransport` port.
 */
export interface DeviceLine {
  /** Bytes the host wrote to the device. */
  onData(listener: (chunk: Buffer) => void): void;
  /** Bytes the device sends to the host; resolves once they are on their way. */
  send(bytes: Uint8Array): Promise<void>;
}
