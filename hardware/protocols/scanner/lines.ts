import iconv from 'iconv-lite';
import { decodeError, message, type Decoded, type FrameDecoder } from '../decoded';

/** Serial scanner framing (shared/protocols/qr-scanner.md §1): payload + CR, LF or CRLF, optional STX/ETX. */
export const MAX_SCAN_BYTES = 4096;

export interface ScanLine {
  readonly text: string;
  readonly encoding: 'utf8' | 'gb18030';
  readonly raw: Buffer;
}
/** `incomplete`: a partial line that never got its terminator was dropped (see the driver's line timeout). */
export type ScanError = 'too-long' | 'unprintable' | 'incomplete';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Strict UTF-8 first, GB18030 as the fallback (engines pass QR bytes through unchanged). */
export function decodeScanPayload(raw: Buffer): Decoded<ScanLine, ScanError> {
  let text: string;
  let encoding: ScanLine['encoding'] = 'utf8';
  try {
    text = utf8.decode(raw);
  } catch {
    text = iconv.decode(raw, 'gb18030');
    encoding = 'gb18030';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/u.test(text)) {
    return decodeError('unprintable', `${raw.length}-byte scan contains control or undecodable bytes`);
  }
  return message({ text, encoding, raw });
}

/** Splits the stream into lines; after a long silence the driver calls `flushIdle()` (suffix-less engines) or `discardPartial()`. */
export class ScanLineDecoder implements FrameDecoder<ScanLine, ScanError> {
  private buf = Buffer.alloc(0);
  private overflowing = false;

  reset(): void {
    this.buf = Buffer.alloc(0);
    this.overflowing = false;
  }

  push(chunk: Uint8Array): Decoded<ScanLine, ScanError>[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Decoded<ScanLine, ScanError>[] = [];
    for (;;) {
      const end = this.buf.findIndex((b) => b === 0x0d || b === 0x0a || b === 0x03);
      if (end < 0) {
        if (this.buf.length > MAX_SCAN_BYTES) {
          if (!this.overflowing) out.push(decodeError('too-long', `scan longer than ${MAX_SCAN_BYTES} bytes dropped`));
          this.overflowing = true;
          this.buf = Buffer.alloc(0);
        }
        return out;
      }
      const line = this.buf.subarray(0, end);
      this.buf = this.buf.subarray(end + 1);
      if (this.overflowing) {
        this.overflowing = false;
        continue;
      }
      this.emit(line, out);
    }
  }

  /** A line (or the rest of an oversized one being skipped) is still waiting for its terminator. */
  get hasPartialLine(): boolean {
    return this.buf.length > 0 || this.overflowing;
  }

  /** Drops a partial line that will never be completed (its terminator was lost), so it cannot prefix the next scan. */
  discardPartial(): Decoded<ScanLine, ScanError>[] {
    const dropped = this.buf.length;
    this.reset();
    return dropped > 0 ? [decodeError('incomplete', `${dropped} bytes without a line terminator dropped`)] : [];
  }

  /** Ends a pending payload that arrived without a suffix. */
  flushIdle(): Decoded<ScanLine, ScanError>[] {
    const out: Decoded<ScanLine, ScanError>[] = [];
    const line = this.buf;
    this.buf = Buffer.alloc(0);
    if (!this.overflowing) this.emit(line, out);
    this.overflowing = false;
    return out;
  }

  private emit(line: Buffer, out: Decoded<ScanLine, ScanError>[]): void {
    const payload = line[0] === 0x02 ? line.subarray(1) : line;
    if (payload.length === 0) return;
    if (payload.length > MAX_SCAN_BYTES) {
      out.push(decodeError('too-long', `scan longer than ${MAX_SCAN_BYTES} bytes dropped`));
      return;
    }
    out.push(decodeScanPayload(Buffer.from(payload)));
  }
}
