import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kep1Decoder, crc16, encodeFrame } from '../../../hardware/protocols/pad/frame';
import { decodeRating, decodeSetReasons, encodeRating, encodeRequestRating, encodeSetReasons } from '../../../hardware/protocols/pad/messages';
import { chunked, RUNS } from './chunking';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The worked examples of evaluation-pad.md §4 (golden vectors). */
const GOLDEN = [
  '02 01 01 01 00 00 FA D9 03',
  '02 01 01 81 00 12 01 50 4A 2D 35 3B 31 2E 32 2E 30 3B 53 4E 30 30 30 31 AD 93 03',
  '02 01 02 02 00 00 38 55 03',
  '02 01 02 82 00 06 00 00 00 00 0E 10 3B 02 03',
  '02 01 03 10 00 1C 01 41 30 33 E7 AA 97 E5 8F A3 20 E5 BC A0 E4 B8 89 20 E5 B7 A5 E5 8F B7 31 30 32 34 3E 08 03',
  '02 01 03 90 00 01 00 50 CC 03',
  '02 01 04 13 00 28 00 01 02 01 0F E7 AD 89 E5 80 99 E6 97 B6 E9 97 B4 E9 95 BF 02 12 E6 9C 8D E5 8A A1 E6 80 81 E5 BA A6 E4 B8 8D E5 A5 BD F4 63 03',
  '02 01 04 93 00 01 00 AC C4 03',
  '02 01 05 11 00 06 00 00 30 39 1E 01 90 4E 03',
  '02 01 05 91 00 01 00 EB FD 03',
  '02 01 80 40 00 06 00 00 30 39 05 00 9E A6 03',
  '02 01 80 C0 00 01 00 E9 F5 03',
  '02 01 81 40 00 08 00 00 30 3A 02 02 01 02 5C 26 03',
  '02 01 82 42 00 04 00 00 30 3B 37 D2 03',
  '02 01 06 12 00 04 00 00 30 3B 2F A9 03',
  '02 01 06 FF 00 01 05 AE 02 03',
  '02 01 07 20 00 01 01 38 3A 03',
  '02 01 83 41 00 02 04 01 5A D3 03',
].map(hex);

describe('KEP/1 codec', () => {
  it('computes the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0x29b1);
  });

  it('decodes and re-encodes every golden vector of the notes', () => {
    for (const g of GOLDEN) {
      const [d] = new Kep1Decoder().push(g);
      expect(d?.kind).toBe('message');
      if (d?.kind === 'message') expect(encodeFrame(d.message)).toEqual(g);
    }
  });

  it('encodes the REQUEST_RATING and RATING payloads of the examples', () => {
    expect(encodeFrame({ seq: 5, cmd: 0x11, payload: encodeRequestRating(12345, 30, true) })).toEqual(GOLDEN[8]);
    expect(encodeFrame({ seq: 0x81, cmd: 0x40, payload: encodeRating({ session: 12346, level: 2, reasons: [1, 2] }) })).toEqual(GOLDEN[12]);
    expect(decodeRating(GOLDEN[12]!.subarray(6, 14))).toEqual({ session: 12346, level: 2, reasons: [1, 2] });
    expect(decodeRating(Buffer.from([0, 0, 0, 1, 9, 0]))).toBeNull();
  });

  it('encodes the SET_REASONS example with its Chinese labels and decodes it back', () => {
    const table = { version: 1, entries: [{ code: 1, label: '等候时间长' }, { code: 2, label: '服务态度不好' }] };
    expect(encodeFrame({ seq: 4, cmd: 0x13, payload: encodeSetReasons(table) })).toEqual(GOLDEN[6]);
    expect(decodeSetReasons(GOLDEN[6]!.subarray(6, 6 + 0x28))).toEqual(table);
    // A label cut through a multi-byte character, or a count the bytes do not hold, is refused.
    expect(decodeSetReasons(Buffer.from([0, 1, 1, 1, 2, 0xe7, 0xad]))).toBeNull();
    expect(decodeSetReasons(Buffer.from([0, 1, 2, 1, 0]))).toBeNull();
    expect(() => encodeSetReasons({ version: 1, entries: [{ code: 256, label: 'x' }] })).toThrow(/one byte/);
  });

  it('round-trips any reason table (property)', () => {
    const entry = fc.record({ code: fc.integer({ min: 0, max: 255 }), label: fc.string({ unit: fc.constantFrom(...'等候时间长服务态度不好材料其他 ab1'), maxLength: 60 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(entry, { maxLength: 20 }), (version, entries) => {
        expect(decodeSetReasons(encodeSetReasons({ version, entries }))).toEqual({ version, entries });
      }),
      { numRuns: RUNS },
    );
  });

  const frame = fc.record({
    seq: fc.integer({ min: 0, max: 255 }),
    cmd: fc.integer({ min: 0, max: 255 }),
    payload: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  });

  it('decodes any chunking of a valid stream identically (property)', () => {
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 5 }).chain((fs) => fc.tuple(fc.constant(fs), chunked(Buffer.concat(fs.map(encodeFrame))))), ([fs, chunks]) => {
        const d = new Kep1Decoder();
        const out = chunks.flatMap((c) => d.push(c));
        expect(out.map((o) => (o.kind === 'message' ? encodeFrame(o.message).toString('hex') : o.error))).toEqual(fs.map((f) => encodeFrame(f).toString('hex')));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on garbage and never yields a frame with a bad CRC (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 48 }), fc.constant(new Uint8Array([2, 1, 0, 0x40, 0, 1]))), { maxLength: 10 }), (parts) => {
        const input = Buffer.concat(parts.map((p) => Buffer.from(p)));
        for (const o of new Kep1Decoder().push(input)) {
          if (o.kind === 'message') expect(input.includes(encodeFrame(o.message))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('finds a frame behind garbage and after a corrupted frame', () => {
    const bad = Buffer.from(GOLDEN[10]!);
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 1;
    const out = new Kep1Decoder().push(Buffer.concat([hex('FF 02 07'), bad, GOLDEN[12]!]));
    expect(out.filter((o) => o.kind === 'message')).toHaveLength(1);
    expect(out.some((o) => o.kind === 'error' && o.error === 'checksum')).toBe(true);
  });
});
