import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCommandDecoder, createResponseDecoder, encodeCommand, encodeResponse, type SamResponse } from '../../../hardware/protocols/idcard/frame';
import { SAM } from '../../../hardware/protocols/idcard/commands';
import { chunked, RUNS } from './chunking';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('SAM frame codec', () => {
  it('encodes the worked examples of the protocol notes byte for byte', () => {
    expect(encodeCommand(...SAM.findCard)).toEqual(hex('AA AA AA 96 69 00 03 20 01 22'));
    expect(encodeCommand(...SAM.selectCard)).toEqual(hex('AA AA AA 96 69 00 03 20 02 21'));
    expect(encodeCommand(...SAM.readTextPhoto)).toEqual(hex('AA AA AA 96 69 00 03 30 01 32'));
    expect(encodeCommand(...SAM.readTextPhotoFingerprint)).toEqual(hex('AA AA AA 96 69 00 03 30 10 23'));
    expect(encodeCommand(...SAM.samId)).toEqual(hex('AA AA AA 96 69 00 03 12 FF EE'));
    expect(encodeCommand(...SAM.samStatus)).toEqual(hex('AA AA AA 96 69 00 03 11 FF ED'));
    expect(encodeResponse(0x90)).toEqual(hex('AA AA AA 96 69 00 04 00 00 90 94'));
    expect(encodeResponse(0x80)).toEqual(hex('AA AA AA 96 69 00 04 00 00 80 84'));
    expect(encodeResponse(0x41)).toEqual(hex('AA AA AA 96 69 00 04 00 00 41 45'));
  });

  it('decodes the published replies and rejects the wrong find-card checksum from a public sample', () => {
    const d = createResponseDecoder();
    const out = d.push(hex('AA AA AA 96 69 00 04 00 00 32 36'));
    expect(out).toEqual([{ kind: 'message', message: { sw1: 0, sw2: 0, sw3: 0x32, data: Buffer.alloc(0) } }]);
    const cmd = createCommandDecoder().push(hex('AA AA AA 96 69 00 03 20 01 21'));
    expect(cmd[0]).toEqual({ kind: 'error', error: 'checksum', detail: expect.any(String) });
    expect(cmd.some((o) => o.kind === 'message')).toBe(false);
  });

  it('decodes a full 1295-byte read reply', () => {
    const data = Buffer.concat([hex('01 00 04 00'), Buffer.alloc(256, 0x20), Buffer.alloc(1024, 7)]);
    const frame = encodeResponse(0x90, data);
    expect(frame).toHaveLength(1295);
    expect(frame.subarray(5, 7)).toEqual(hex('05 08'));
    const [m] = createResponseDecoder().push(frame);
    expect(m).toMatchObject({ kind: 'message', message: { sw3: 0x90 } });
  });

  const response = fc.record({
    sw3: fc.integer({ min: 0, max: 255 }),
    data: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  });

  it('decodes any chunking of a valid stream identically (property)', () => {
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 5 }).chain((rs) => {
        const stream = Buffer.concat(rs.map((r) => encodeResponse(r.sw3, r.data)));
        return fc.tuple(fc.constant(rs), chunked(stream));
      }), ([rs, chunks]) => {
        const d = createResponseDecoder();
        const out = chunks.flatMap((c) => d.push(c));
        expect(out.every((o) => o.kind === 'message')).toBe(true);
        const msgs = out.map((o) => (o.kind === 'message' ? o.message : null)) as SamResponse[];
        expect(msgs.map((m) => [m.sw3, m.data.toString('hex')])).toEqual(rs.map((r) => [r.sw3, r.data.toString('hex')]));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on garbage and only yields frames that really were in the input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(new Uint8Array([0xaa, 0x96, 0x69, 0x00])), fc.constant(new Uint8Array(encodeResponse(0x90, Buffer.from([1, 2]))))), { maxLength: 12 }), (parts) => {
        const input = Buffer.concat(parts.map((p) => Buffer.from(p)));
        const d = createResponseDecoder();
        for (const o of d.push(input)) {
          if (o.kind !== 'message') continue;
          // Re-encoding a message gives a checksum-valid frame; it must occur in the input.
          const frame = encodeResponse(o.message.sw3, o.message.data, o.message.sw1, o.message.sw2).subarray(2);
          expect(input.includes(frame)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('resynchronises: a valid frame after garbage is still found', () => {
    const d = createResponseDecoder();
    const out = d.push(Buffer.concat([hex('01 02 AA 96 69 FF FF 00'), encodeResponse(0x9f, Buffer.alloc(4))]));
    expect(out.filter((o) => o.kind === 'message')).toHaveLength(1);
    expect(out.some((o) => o.kind === 'error')).toBe(true);
  });
});
