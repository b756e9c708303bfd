import { decodeError, message, type Decoded, type FrameDecoder } from '../decoded';

/** SAM serial framing (GA 467 as rebuilt in shared/protocols/id-card-reader.md §2). */
export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
const SYNC = Buffer.from([0xaa, 0x96, 0x69]);
/** Longest frame we accept (a text+photo+fingerprint reply is 2321 bytes). */
export const MAX_LEN = 4096;

export interface SamCommand {
  readonly cmd: number;
  readonly para: number;
  readonly data: Buffer;
}
export interface SamResponse {
  readonly sw1: number;
  readonly sw2: number;
  readonly sw3: number;
  readonly data: Buffer;
}
export type SamFrameError = 'checksum' | 'length' | 'garbage';

export const xorChecksum = (bytes: Uint8Array): number => bytes.reduce((acc, b) => acc ^ b, 0);

const frame = (body: Buffer): Buffer => {
  const len = body.length + 1;
  const head = Buffer.from([(len >> 8) & 0xff, len & 0xff]);
  const payload = Buffer.concat([head, body]);
  return Buffer.concat([PREAMBLE, payload, Buffer.from([xorChecksum(payload)])]);
};

export const encodeCommand = (cmd: number, para: number, data: Uint8Array = Buffer.alloc(0)): Buffer =>
  frame(Buffer.concat([Buffer.from([cmd, para]), data]));

export const encodeResponse = (sw3: number, data: Uint8Array = Buffer.alloc(0), sw1 = 0, sw2 = 0): Buffer =>
  frame(Buffer.concat([Buffer.from([sw1, sw2, sw3]), data]));

/**
 * Reassembles SAM frames from arbitrary chunks. It hunts for `AA 96 69` (the short sync the notes
 * say to accept), reads the length, waits for the body and checks the XOR; on any failure it drops
 * one byte and hunts again, so a real frame hidden behind garbage is still found.
 */
class SamDecoder<M> implements FrameDecoder<M, SamFrameError> {
  private buf = Buffer.alloc(0);
  constructor(
    private readonly minLen: number,
    private readonly build: (body: Buffer) => M,
  ) {}

  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  push(chunk: Uint8Array): Decoded<M, SamFrameError>[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: Decoded<M, SamFrameError>[] = [];
    for (;;) {
      const at = this.buf.indexOf(SYNC);
      if (at < 0) {
        // Keep a possible partial sync at the tail; everything before it is noise.
        const keep = Math.min(this.buf.length, SYNC.length - 1);
        this.reportGarbage(this.buf.subarray(0, this.buf.length - keep), out);
        this.buf = this.buf.subarray(this.buf.length - keep);
        return out;
      }
      this.reportGarbage(this.buf.subarray(0, at), out);
      this.buf = this.buf.subarray(at);
      if (this.buf.length < SYNC.length + 2) return out;
      const len = (this.buf[3]! << 8) | this.buf[4]!;
      if (len < this.minLen || len > MAX_LEN) {
        out.push(decodeError('length', `frame length ${len} outside ${this.minLen}..${MAX_LEN}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = SYNC.length + 2 + len;
      if (this.buf.length < total) return out;
      const payload = this.buf.subarray(SYNC.length, total - 1);
      const chk = this.buf[total - 1]!;
      if (xorChecksum(payload) !== chk) {
        out.push(decodeError('checksum', `XOR mismatch in ${total}-byte frame`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      out.push(message(this.build(Buffer.from(payload.subarray(2)))));
      this.buf = this.buf.subarray(total);
    }
  }

  private reportGarbage(dropped: Buffer, out: Decoded<M, SamFrameError>[]): void {
    // Leading AA bytes are part of the long preamble, not noise.
    const noise = dropped.filter((b) => b !== 0xaa).length;
    if (noise > 0) out.push(decodeError('garbage', `${noise} stray byte(s) skipped`));
  }
}

/** Decoder for the host side: reader → host responses. */
export const createResponseDecoder = (): FrameDecoder<SamResponse, SamFrameError> =>
  new SamDecoder(4, (b) => ({ sw1: b[0]!, sw2: b[1]!, sw3: b[2]!, data: b.subarray(3) }));

/** Decoder for the reader side (the simulator): host → reader commands. */
export const createCommandDecoder = (): FrameDecoder<SamCommand, SamFrameError> =>
  new SamDecoder(3, (b) => ({ cmd: b[0]!, para: b[1]!, data: b.subarray(2) }));
