import {
  STATUS_QUERIES, canPrint, conditionOf, flagsFromStatus, isStatusByte, statusRequest, type PrinterCondition, type PrinterFlags,
} from '../../protocols/escpos/status';
import { NoAnswerError, Requester } from '../../transport/requester';
import type { SerialLink } from '../../transport/serial-link';
import { SupervisedDevice, type SupervisorOptions } from '../supervisor';

export interface PrinterOptions extends SupervisorOptions {
  /** Idle status poll (default 5 s, notes §8.1). */
  readonly statusIntervalMs?: number;
  /** Per-byte status timeout (default 500 ms) and retries (default 1). */
  readonly statusTimeoutMs?: number;
  readonly retries?: number;
}

export type PrintResult =
  | { readonly printed: true; readonly condition: PrinterCondition }
  | { readonly printed: false; readonly condition: PrinterCondition | 'disconnected'; readonly reason: string };

const REASON: Record<PrinterCondition, string> = {
  ok: 'printer ready',
  'paper-near-end': 'paper near end: replace the roll soon',
  'paper-out': 'paper out: load a new roll',
  'cover-open': 'cover open: close the printer cover',
  offline: 'printer offline',
  'cutter-error': 'auto-cutter error: clear the cutter',
  error: 'unrecoverable printer error: power-cycle the printer',
};

/**
 * ESC/POS receipt printer: nothing is acknowledged, so the driver writes and then polls DLE EOT
 * status — before each print (refusing when paper is out or the cover is open), after it, and
 * every few seconds when idle.
 */
export class ReceiptPrinter extends SupervisedDevice {
  private requester: Requester<number> | null = null;
  private flags: PrinterFlags | null = null;
  private timer: NodeJS.Timeout | null = null;
  private printing: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: PrinterOptions) {
    super('printer', opts);
  }

  get condition(): PrinterCondition | null {
    return this.flags ? conditionOf(this.flags) : null;
  }

  protected onData(chunk: Buffer): void {
    // Status replies are single bytes matching 0xx1xx10; anything else on the line is ignored.
    for (const b of chunk) if (isStatusByte(b)) this.requester?.deliver(b);
  }

  protected async handshake(link: SerialLink): Promise<void> {
    this.requester = new Requester((b) => link.write(b));
    this.flags = await this.queryFlags();
  }

  protected override readyStatus(): { reason: string; condition?: string } {
    const c = this.condition ?? 'ok';
    return { reason: REASON[c], condition: c };
  }

  protected whenReady(): void {
    const gen = this.generation;
    this.timer = setInterval(() => {
      if (this.status.state === 'busy') return;
      void this.refresh(gen);
    }, this.opts.statusIntervalMs ?? 5000);
  }

  protected whenDown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.requester = null;
  }

  /** Asks DLE EOT 1..4 and combines the replies. */
  async queryFlags(): Promise<PrinterFlags> {
    const r = this.requester;
    if (!r) throw new Error('printer not connected');
    const replies: number[] = [];
    for (const n of STATUS_QUERIES) {
      replies.push(
        await r.request(statusRequest(n), {
          what: `status DLE EOT ${n}`,
          timeoutMs: this.opts.statusTimeoutMs ?? 500,
          retries: this.opts.retries ?? 1,
          accepts: () => true,
        }),
      );
    }
    return flagsFromStatus(replies as [number, number, number, number]);
  }

  private async refresh(gen: number): Promise<PrinterCondition | null> {
    try {
      this.flags = await this.queryFlags();
      if (this.generation !== gen) return null;
      const c = conditionOf(this.flags);
      this.setStatus(canPrint(c) ? 'ready' : 'error', REASON[c], c);
      return c;
    } catch (err) {
      if (this.generation === gen) this.lost(err instanceof NoAnswerError ? `printer stopped answering status (${err.message})` : String(err));
      return null;
    }
  }

  /** Prints ESC/POS bytes if the printer can; never throws for printer conditions. */
  print(bytes: Uint8Array): Promise<PrintResult> {
    const job = this.printing.then(() => this.printNow(bytes));
    this.printing = job.catch(() => undefined);
    return job;
  }

  private async printNow(bytes: Uint8Array): Promise<PrintResult> {
    const link = this.link;
    const gen = this.generation;
    if (!link || !this.requester) return { printed: false, condition: 'disconnected', reason: this.status.reason };
    const before = await this.refresh(gen);
    if (before === null) return { printed: false, condition: 'disconnected', reason: this.status.reason };
    if (!canPrint(before)) return { printed: false, condition: before, reason: REASON[before] };
    this.setStatus('busy', 'printing', before);
    try {
      await link.write(bytes);
    } catch (err) {
      this.lost(`write failed while printing: ${String(err)}`);
      return { printed: false, condition: 'disconnected', reason: this.status.reason };
    }
    const after = await this.refresh(gen);
    if (after === null) return { printed: false, condition: 'disconnected', reason: this.status.reason };
    // Paper running out mid-job means the receipt is incomplete.
    if (!canPrint(after)) return { printed: false, condition: after, reason: REASON[after] };
    return { printed: true, condition: after };
  }
}
