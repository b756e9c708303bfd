import { decodeError, message, type Decoded, type FrameDecoder } from '../decoded';

/** KEP/1 framing (shared/protocols/evaluation-pad.md §3.2). */
export const STX = 0x02;
export const ETX = 0x03;
export const VERSION = 0x01;
export const MAX_PAYLOAD = 1024;

export interface Kep1Frame {
  readonly seq: number;
  readonly cmd: number;
  readonly payload: Buffer;
}
export type Kep1FrameError = 'checksum' | 'framing' | 'garbage';

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function encodeFrame(f: { seq: number; cmd: number; payload?: Uint8Array }): Buffer {
  const payload = Buffer.from(f.payload ?? []);
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`KEP/1 payload ${payload.length} > ${MAX_PAYLOAD}`);
  const body = Buffer.concat([
    Buffer.from([VERSION, f.seq & 0xff, f.cmd & 0xff, payload.length >> 8, payload.length & 0xff]),
    payload,
  ]);
  const crc = crc16(body);
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([crc >> 8, crc & 0xff, ETX])]);
}

/**
 * Hunts for STX, checks version, length, CRC and ETX; any failure discards that STX and rescans from
 * the next byte (notes §3.2), so garbage never hides a later frame for long.
 */
export class Kep1Decoder implements FrameDecoder<Kep1Frame, Kep1FrameError> {
  private buf = Buffer.alloc(0);

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): Decoded<Kep1Frame, Kep1FrameError>[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Decoded<Kep1Frame, Kep1FrameError>[] = [];
    for (;;) {
      const at = this.buf.indexOf(STX);
      if (at < 0) {
        if (this.buf.length > 0) out.push(decodeError('garbage', `${this.buf.length} stray byte(s) skipped`));
        this.buf = Buffer.alloc(0);
        return out;
      }
      if (at > 0) out.push(decodeError('garbage', `${at} stray byte(s) skipped`));
      this.buf = this.buf.subarray(at);
      if (this.buf.length < 6) return out;
      const len = (this.buf[4]! << 8) | this.buf[5]!;
      if (this.buf[1] !== VERSION || len > MAX_PAYLOAD) {
        out.push(decodeError('framing', `bad header (version ${this.buf[1]}, length ${len})`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = 6 + len + 3;
      if (this.buf.length < total) return out;
      const body = this.buf.subarray(1, 6 + len);
      const crc = (this.buf[6 + len]! << 8) | this.buf[7 + len]!;
      if (this.buf[total - 1] !== ETX) {
        out.push(decodeError('framing', 'missing ETX'));
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (crc16(body) !== crc) {
        out.push(decodeError('checksum', `CRC mismatch in ${total}-byte frame`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      out.push(message({ seq: this.buf[2]!, cmd: this.buf[3]!, payload: Buffer.from(this.buf.subarray(6, 6 + len)) }));
      this.buf = this.buf.subarray(total);
    }
  }
}
