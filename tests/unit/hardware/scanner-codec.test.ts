import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ScanLineDecoder, MAX_SCAN_BYTES } from '../../../hardware/protocols/scanner/lines';
import { chunked, RUNS } from './chunking';

const texts = fc.array(fc.stringMatching(/^[A-Za-z0-9:/?=&.\-_]{1,40}$/).filter((s) => s.length > 0), { minLength: 1, maxLength: 5 });

describe('scanner line codec', () => {
  it('splits on CR, LF and CRLF, strips STX/ETX and falls back to GB18030', () => {
    const d = new ScanLineDecoder();
    const out = d.push(Buffer.concat([Buffer.from('A1\r\nB2\rC3\n\x02D4\x03'), iconv.encode('营业执照', 'gbk'), Buffer.from('\r\n')]));
    expect(out.map((o) => (o.kind === 'message' ? o.message.text : o.error))).toEqual(['A1', 'B2', 'C3', 'D4', '营业执照']);
  });

  it('drops an oversized payload with a typed error and carries on', () => {
    const d = new ScanLineDecoder();
    const out = [...d.push(Buffer.alloc(MAX_SCAN_BYTES + 10, 0x41)), ...d.push(Buffer.from('\r\nOK\r\n'))];
    expect(out.map((o) => (o.kind === 'message' ? o.message.text : o.error))).toEqual(['too-long', 'OK']);
  });

  it('decodes any chunking of a valid stream identically (property)', () => {
    fc.assert(
      fc.property(texts.chain((ts) => fc.tuple(fc.constant(ts), chunked(Buffer.from(ts.map((t) => `${t}\r\n`).join(''))))), ([ts, chunks]) => {
        const d = new ScanLineDecoder();
        const out = chunks.flatMap((c) => d.push(c));
        expect(out.map((o) => (o.kind === 'message' ? o.message.text : o.error))).toEqual(ts);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws on garbage and never yields text with control characters (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = new ScanLineDecoder();
        for (const o of [...d.push(bytes), ...d.flushIdle()]) {
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          if (o.kind === 'message') expect(/[\u0000-\u0008\u000b-\u001f\u007f]/u.test(o.message.text)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
