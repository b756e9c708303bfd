import fs from 'node:fs';
import path from 'node:path';
import { ALL_CLEAR, statusByte, type PrinterFlags } from '../../../protocols/escpos/status';
import { EscPosTokenizer, type EscPosEvent } from '../../../protocols/escpos/tokenizer';
import { ControlError, type ControlRoute } from '../control';
import type { DeviceLine } from '../../../transport/serial-transport';
import { garbage } from '../serial-end';
import { receiptToSvg, svgToPng } from './png';
import { renderReceipt, type PrintedReceipt } from './render';

export interface PrinterSimOptions {
  /** Folder where each finished receipt is saved as last-receipt.txt (and .png on request). */
  readonly outDir?: string;
  readonly cpl?: number;
}

/**
 * A virtual ESC/POS printer: answers DLE EOT n from its status flags, tokenises everything else,
 * and keeps the decoded receipts. While paper is out or the cover is open it prints nothing.
 */
export function createPrinterSimulator(end: DeviceLine, options: PrinterSimOptions = {}): Record<string, ControlRoute> {
  const tokenizer = new EscPosTokenizer('gb18030');
  let flags: PrinterFlags = { ...ALL_CLEAR };
  let job: EscPosEvent[] = [];
  const printed: Array<PrintedReceipt | null> = [];
  const unknown: string[] = [];
  const cpl = options.cpl ?? 48;

  const finishJob = (): void => {
    const hasContent = job.some((e) => e.type === 'text' || e.type === 'qr' || e.type === 'raster' || e.type === 'barcode');
    const events = job;
    job = [];
    if (!hasContent) return;
    // Rendering (QR decoding of rasters) waits until status requests in flight have been answered:
    // a printer answers DLE EOT in real time, whatever it is printing.
    const slot = printed.length;
    printed.push(null);
    setImmediate(() => {
      const receipt = renderReceipt(events);
      printed[slot] = receipt;
      if (options.outDir) {
        fs.mkdirSync(options.outDir, { recursive: true });
        fs.writeFileSync(path.join(options.outDir, 'last-receipt.txt'), `${receipt.lines.join('\n')}\n`);
      }
    });
  };

  // Printers print as data arrives: a job without a cut (tear-bar models) ends after a quiet spell.
  let idle: NodeJS.Timeout | null = null;
  end.onData((chunk) => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(finishJob, 200);
    const blocked = flags.paperEnd || flags.coverOpen || !flags.online;
    for (const e of tokenizer.push(chunk)) {
      if (e.type === 'status-request') {
        void end.send(Buffer.from([statusByte(e.n, flags)]));
        continue;
      }
      if (e.type === 'unknown') {
        // Logged, never fatal (notes §10).
        unknown.push(e.hex);
        process.stderr.write(`printer sim: unknown command ${e.hex}\n`);
        continue;
      }
      if (blocked) continue;
      if (e.type === 'init' && job.length > 0) finishJob();
      job.push(e);
      if (e.type === 'cut') finishJob();
    }
  });

  const set = (patch: Partial<PrinterFlags>) => () => {
    flags = { ...flags, ...patch };
    return { flags };
  };
  /** The last finished receipt, once rendered. */
  const lastReceipt = async (): Promise<PrintedReceipt | null> => {
    while (printed.length > 0 && printed.at(-1) === null) await new Promise((r) => setImmediate(r));
    return printed.at(-1) ?? null;
  };
  const last = async (): Promise<PrintedReceipt> => {
    finishJob();
    const r = await lastReceipt();
    if (!r) throw new ControlError('nothing printed yet');
    return r;
  };

  return {
    'POST /printer/paper-out': set({ paperEnd: true, paperNearEnd: true }),
    'POST /printer/paper-near-end': set({ paperNearEnd: true }),
    'POST /printer/paper-back': set({ paperEnd: false, paperNearEnd: false }),
    'POST /printer/cover-open': set({ coverOpen: true }),
    'POST /printer/cover-close': set({ coverOpen: false }),
    'POST /printer/offline': set({ online: false }),
    'POST /printer/online': set({ online: true }),
    'POST /printer/reset': () => {
      flags = { ...ALL_CLEAR };
      printed.length = 0;
      return { flags };
    },
    'GET /printer/status': () => ({ flags, printed: printed.length, unknownCommands: unknown.length }),
    'GET /printer/last': async () => {
      finishJob();
      const r = await lastReceipt();
      return r ? { text: r.lines.join('\n'), ...r, count: printed.length } : { text: null, lines: [], qr: [], barcodes: [], cut: false, count: 0 };
    },
    'GET /printer/last.svg': async () => ({ svg: receiptToSvg(await last(), cpl) }),
    'GET /printer/last.png': async () => {
      const png = await svgToPng(receiptToSvg(await last(), cpl), cpl * 12);
      if (!png) throw new Error('no PNG renderer (Chromium) available');
      if (options.outDir) fs.writeFileSync(path.join(options.outDir, 'last-receipt.png'), png);
      return png;
    },
    'POST /garbage': (body) => {
      void end.send(garbage(typeof body.bytes === 'number' ? body.bytes : 16));
      return { sent: true };
    },
  };
}
