import { decodeError, message } from '../decoded';
import { ResyncDecoder, type ResyncFraming } from '../resync';

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
 * KEP/1 framing for the resynchronising decoder: hunts for STX, checks version, length, ETX and CRC;
 * any failure discards that STX and rescans from the next byte (notes §3.2), so garbage never hides
 * a later frame for long.
 */
const KEP1_FRAMING: ResyncFraming<Kep1Frame, Kep1FrameError> = {
  sync: Buffer.from([STX]),
  headerBytes: 6,
  frameLength: (head) => {
    const len = (head[4]! << 8) | head[5]!;
    if (head[1] !== VERSION || len > MAX_PAYLOAD) return decodeError('framing', `bad header (version ${head[1]}, length ${len})`);
    return 6 + len + 3;
  },
  decode: (whole) => {
    const len = whole.length - 9;
    if (whole[whole.length - 1] !== ETX) return decodeError('framing', 'missing ETX');
    const crc = (whole[6 + len]! << 8) | whole[7 + len]!;
    if (crc16(whole.subarray(1, 6 + len)) !== crc) return decodeError('checksum', `CRC mismatch in ${whole.length}-byte frame`);
    return message({ seq: whole[2]!, cmd: whole[3]!, payload: Buffer.from(whole.subarray(6, 6 + len)) });
  },
};

/** Incremental KEP/1 decoder, for the host and the pad side alike. */
export class Kep1Decoder extends ResyncDecoder<Kep1Frame, Kep1FrameError> {
  constructor() {
    super(KEP1_FRAMING);
  }
}
