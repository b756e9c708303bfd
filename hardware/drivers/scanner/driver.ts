import { ScanLineDecoder, type ScanError, type ScanLine } from '../../protocols/scanner/lines';
import type { SerialLink } from '../../transport/serial-link';
import { SupervisedDevice, type SupervisorOptions } from '../supervisor';

export interface ScannerOptions extends SupervisorOptions {
  /** Silence that ends a payload sent without suffix (default 50 ms). */
  readonly interByteTimeoutMs?: number;
  /** The same code again within this window is a re-read, not a new scan (default 1500 ms). */
  readonly debounceMs?: number;
}

/**
 * Serial QR scanner: lines in, `scan` events out. Scanners never answer the host, so only a closed
 * or failing port marks it disconnected.
 */
export class QrScanner extends SupervisedDevice {
  private readonly decoder = new ScanLineDecoder();
  private idle: NodeJS.Timeout | null = null;
  private lastText = '';
  private lastAt = 0;

  constructor(private readonly opts: ScannerOptions) {
    super('scanner', opts);
  }

  onScan(l: (s: ScanLine) => void): this {
    return this.on('scan', l);
  }
  onScanError(l: (e: { error: ScanError; detail: string }) => void): this {
    return this.on('scan-error', l);
  }

  protected async handshake(_link: SerialLink): Promise<void> {
    this.decoder.reset();
  }

  protected override readyStatus(): { reason: string } {
    return { reason: 'port open (scanners do not answer the host)' };
  }

  protected whenReady(): void {}

  protected whenDown(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }

  protected onData(chunk: Buffer): void {
    this.handle(this.decoder.push(chunk));
    if (this.idle) clearTimeout(this.idle);
    this.idle = setTimeout(() => this.handle(this.decoder.flushIdle()), this.opts.interByteTimeoutMs ?? 50);
  }

  private handle(items: ReturnType<ScanLineDecoder['push']>): void {
    for (const d of items) {
      if (d.kind === 'error') {
        this.emit('scan-error', { error: d.error, detail: d.detail });
        continue;
      }
      const now = Date.now();
      if (d.message.text === this.lastText && now - this.lastAt < (this.opts.debounceMs ?? 1500)) continue;
      this.lastText = d.message.text;
      this.lastAt = now;
      this.emit('scan', d.message);
    }
  }
}
