import { canPrint, type PrinterCondition } from '../../../kernel/devices';

/** ESC/POS real-time status (DLE EOT n), shared/protocols/escpos-printer.md §8.1. */
export const statusRequest = (n: 1 | 2 | 3 | 4): Buffer => Buffer.from([0x10, 0x04, n]);
export const STATUS_QUERIES = [1, 2, 3, 4] as const;

/** A valid reply matches 0xx1xx10. */
export const isStatusByte = (b: number): boolean => (b & 0b1001_0011) === 0b0001_0010;

export interface PrinterFlags {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperEnd: boolean;
  readonly paperNearEnd: boolean;
  readonly cutterError: boolean;
  readonly unrecoverable: boolean;
}

export type { PrinterCondition };

export const ALL_CLEAR: PrinterFlags = {
  online: true,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  cutterError: false,
  unrecoverable: false,
};

/** Combines the four replies (to n = 1, 2, 3, 4 in order). */
export function flagsFromStatus(replies: readonly [number, number, number, number]): PrinterFlags {
  const [s1, s2, s3, s4] = replies;
  return {
    online: (s1 & 0x08) === 0,
    coverOpen: (s2 & 0x04) !== 0,
    paperEnd: (s2 & 0x20) !== 0 || (s4 & 0x60) === 0x60,
    paperNearEnd: (s4 & 0x0c) === 0x0c,
    cutterError: (s3 & 0x08) !== 0,
    unrecoverable: (s3 & 0x20) !== 0,
  };
}

export function conditionOf(f: PrinterFlags): PrinterCondition {
  if (f.coverOpen) return 'cover-open';
  if (f.paperEnd) return 'paper-out';
  if (f.cutterError) return 'cutter-error';
  if (f.unrecoverable) return 'error';
  if (!f.online) return 'offline';
  if (f.paperNearEnd) return 'paper-near-end';
  return 'ok';
}

/** Conditions under which a receipt cannot be printed (near-end still prints, notes §8.1 policy). */
export { canPrint };

/** The byte a printer answers to DLE EOT n (used by the simulator). */
export function statusByte(n: number, f: PrinterFlags): number {
  let b = 0x12;
  const offline = !f.online || f.coverOpen || f.paperEnd;
  if (n === 1 && offline) b |= 0x08;
  if (n === 2) {
    if (f.coverOpen) b |= 0x04;
    if (f.paperEnd) b |= 0x20;
    if (f.cutterError || f.unrecoverable) b |= 0x40;
  }
  if (n === 3) {
    if (f.cutterError) b |= 0x08;
    if (f.unrecoverable) b |= 0x20;
  }
  if (n === 4) {
    if (f.paperNearEnd) b |= 0x0c;
    if (f.paperEnd) b |= 0x60;
  }
  return b;
}
