import { MAX_SCAN_BYTES, ScanLineDecoder, type ScanError, type ScanLine } from '../../protocols/scanner/lines';
import type { SerialLink } from '../../transport/serial-link';
import { SupervisedDevice, type SupervisorOptions } from '../supervisor';

/**
 * The suffix the scan engine was commissioned with (shared/protocols/qr-scanner.md §1). The kiosk
 * writes CR LF into every scanner, so that is the default; `none` is for engines that cannot send one.
 */
export type ScannerSuffix = 'crlf' | 'cr' | 'lf' | 'none';

export interface ScannerOptions extends SupervisorOptions {
  /** Default `crlf`: a line ends only at its terminator. With `none`, silence ends a payload. */
  readonly suffix?: ScannerSuffix;
  /** Longest payload expected (default the decoder's 4 KB cap); sizes the partial-line timeout. */
  readonly maxLineBytes?: number;
  /** The same code again within this window is a re-read, not a new scan (default 1500 ms). */
  readonly debounceMs?: number;
}

/** Scheduling and USB-serial latency on top of the wire time (an FTDI latency timer alone is 16 ms). */
const LINE_TIMEOUT_MARGIN_MS = 250;

/**
 * How long a partial line may wait for more bytes: the time a maximum-length line takes on the wire
 * at this baud rate (8N1: 10 bits a byte), plus a margin. USB-serial adapters and the PTY deliver a
 * line in slices (at 9600 Bd, 64 bytes arrive about 67 ms apart), so a short inter-byte timeout
 * would cut a long code in two.
 */
export function partialLineTimeoutMs(baudRate: number, maxLineBytes = MAX_SCAN_BYTES): number {
  return Math.ceil((maxLineBytes * 10 * 1000) / baudRate) + LINE_TIMEOUT_MARGIN_MS;
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
  private readonly lineTimeoutMs: number;

  constructor(private readonly opts: ScannerOptions) {
    super('scanner', opts);
    this.lineTimeoutMs = partialLineTimeoutMs(opts.baudRate, opts.maxLineBytes);
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
    this.idle = null;
    if (!this.decoder.hasPartialLine) return;
    // With a terminator configured a partial line is never delivered: after the line timeout it can
    // only be a fragment (a replugged cable, noise), dropped so it cannot prefix the next scan.
    this.idle = setTimeout(() => {
      this.idle = null;
      this.handle((this.opts.suffix ?? 'crlf') === 'none' ? this.decoder.flushIdle() : this.decoder.discardPartial());
    }, this.lineTimeoutMs);
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
