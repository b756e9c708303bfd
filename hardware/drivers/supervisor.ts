import { EventEmitter } from 'node:events';
import type { DeviceRole, DeviceState, DeviceStatus as KernelDeviceStatus } from '../../kernel/devices';
import { SerialLink } from '../transport/serial-link';
import type { SerialTransport } from '../transport/serial-transport';

/** Every state change, with a reason a technician can read; the port is always known here. */
export interface DeviceStatus extends KernelDeviceStatus {
  readonly port: string;
}
export type { DeviceRole, DeviceState };

export interface BackoffOptions {
  /** First reconnect delay (default 500 ms), doubled after each failure up to `maxMs` (default 10 s). */
  readonly initialMs?: number;
  readonly maxMs?: number;
}

export interface SupervisorOptions {
  readonly path: string;
  readonly baudRate: number;
  readonly backoff?: BackoffOptions;
  /** Where ports come from (default: real serial ports through `serialport`; tests pass a `MockSerialTransport`). */
  readonly transport?: SerialTransport;
}

/**
 * Owns one device's serial link and its life: open → handshake → ready; a closed port, an error or a
 * device that stops answering → disconnected, then reopen with backoff until it answers again.
 * Subclasses provide the handshake and the work done while ready.
 */
export abstract class SupervisedDevice extends EventEmitter {
  private current: DeviceStatus;
  protected link: SerialLink | null = null;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | null = null;
  private delayMs: number;
  /** Bumped on every (re)connection so stale loops of an old link notice they are stale. */
  protected generation = 0;

  constructor(
    readonly role: DeviceRole,
    protected readonly options: SupervisorOptions,
  ) {
    super();
    this.delayMs = options.backoff?.initialMs ?? 500;
    this.current = { role, state: 'absent', reason: 'not started', port: options.path, since: new Date().toISOString() };
  }

  get status(): DeviceStatus {
    return this.current;
  }

  onStatus(listener: (s: DeviceStatus) => void): () => void {
    this.on('status', listener);
    return () => this.off('status', listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.generation++;
    this.whenDown();
    const link = this.link;
    this.link = null;
    await link?.close('driver stopped');
    this.setStatus('absent', 'driver stopped');
  }

  /** Resolves when the device reaches `state` (for callers that must wait for ready). */
  waitFor(state: DeviceState, timeoutMs: number): Promise<DeviceStatus> {
    if (this.current.state === state) return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.role} did not reach ${state} within ${timeoutMs} ms (now ${this.current.state}: ${this.current.reason})`));
      }, timeoutMs);
      const off = this.onStatus((s) => {
        if (s.state !== state) return;
        clearTimeout(timer);
        off();
        resolve(s);
      });
    });
  }

  protected setStatus(state: DeviceState, reason: string, condition?: string): void {
    const same = this.current.state === state && this.current.condition === condition && this.current.reason === reason;
    if (same) return;
    this.current = {
      role: this.role,
      state,
      reason,
      port: this.options.path,
      since: new Date().toISOString(),
      ...(condition === undefined ? {} : { condition }),
    };
    this.emit('status', this.current);
  }

  /** A subclass calls this when the device stops answering: drop the link and start reconnecting. */
  protected lost(reason: string): void {
    if (this.stopped || this.link === null) return;
    const link = this.link;
    this.link = null;
    this.generation++;
    this.whenDown();
    void link.close(reason);
    this.setStatus('disconnected', reason);
    this.scheduleReconnect();
  }

  /** Opens the link and checks the device answers. Throws with a readable message if not. */
  protected abstract handshake(link: SerialLink): Promise<void>;
  /** Called once ready: start poll loops and heartbeats. */
  protected abstract whenReady(): void;
  /** Called when the link goes: stop loops, fail waiting callers. */
  protected abstract whenDown(): void;
  protected abstract onData(chunk: Buffer): void;
  /** State and condition to report once the handshake succeeded. */
  protected readyStatus(): { reason: string; condition?: string } {
    return { reason: 'device answered' };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setStatus(this.current.state === 'disconnected' ? 'disconnected' : 'connecting', this.current.state === 'disconnected' ? this.current.reason : `opening ${this.options.path}`);
    let link: SerialLink | null = null;
    try {
      link = await SerialLink.open({ path: this.options.path, baudRate: this.options.baudRate }, this.options.transport);
      const gen = ++this.generation;
      this.link = link;
      link.on('data', (d) => {
        if (this.generation === gen) this.onData(d);
      });
      link.once('closed', (why) => {
        if (this.generation === gen) this.lost(why);
      });
      await link.flushInput();
      await this.handshake(link);
      if (this.stopped || this.generation !== gen) return;
      this.delayMs = this.options.backoff?.initialMs ?? 500;
      const ready = this.readyStatus();
      this.setStatus('ready', ready.reason, ready.condition);
      this.whenReady();
    } catch (err) {
      if (this.stopped) return;
      const reason = err instanceof Error ? err.message : String(err);
      if (link && this.link === link) {
        this.link = null;
        this.generation++;
        await link.close(reason);
      }
      this.setStatus('disconnected', reason);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
