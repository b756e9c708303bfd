import { decodeError, message, type FrameDecoder } from '../decoded';
import { ResyncDecoder, type ResyncFraming } from '../resync';

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
 * SAM framing for the resynchronising decoder: it hunts for `AA 96 69` (the short sync the notes say
 * to accept), reads the length, waits for the body and checks the XOR.
 */
const samFraming = <M>(minLen: number, build: (body: Buffer) => M): ResyncFraming<M, SamFrameError> => ({
  sync: SYNC,
  headerBytes: SYNC.length + 2,
  frameLength: (head) => {
    const len = (head[3]! << 8) | head[4]!;
    if (len < minLen || len > MAX_LEN) return decodeError('length', `frame length ${len} outside ${minLen}..${MAX_LEN}`);
    return SYNC.length + 2 + len;
  },
  decode: (whole) => {
    const payload = whole.subarray(SYNC.length, whole.length - 1);
    if (xorChecksum(payload) !== whole[whole.length - 1]) return decodeError('checksum', `XOR mismatch in ${whole.length}-byte frame`);
    return message(build(Buffer.from(payload.subarray(2))));
  },
  // Leading AA bytes are part of the long preamble, not noise.
  noise: (skipped) => skipped.filter((b) => b !== 0xaa).length,
});

/** Decoder for the host side: reader → host responses. */
export const createResponseDecoder = (): FrameDecoder<SamResponse, SamFrameError> =>
  new ResyncDecoder(samFraming(4, (b) => ({ sw1: b[0]!, sw2: b[1]!, sw3: b[2]!, data: b.subarray(3) })));

/** Decoder for the reader side (the simulator): host → reader commands. */
export const createCommandDecoder = (): FrameDecoder<SamCommand, SamFrameError> =>
  new ResyncDecoder(samFraming(3, (b) => ({ cmd: b[0]!, para: b[1]!, data: b.subarray(2) })));
