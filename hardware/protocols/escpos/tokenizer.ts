import iconv from 'iconv-lite';

/**
 * Incremental ESC/POS tokenizer (the printer side): turns a byte stream into typed events
 * (notes §10). Commands with length fields are consumed whole, so bytes inside images or QR data
 * are never taken as commands. Unknown commands become `unknown` events, never exceptions.
 */
export type EscPosEvent =
  | { type: 'init' }
  | { type: 'text'; text: string }
  | { type: 'lf' }
  | { type: 'align'; align: 'left' | 'center' | 'right' }
  | { type: 'bold'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'move'; dots: number; absolute: boolean }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'qr'; data: string; model: number; moduleSize: number; ec: 'L' | 'M' | 'Q' | 'H' }
  | { type: 'raster'; widthDots: number; heightDots: number; bits: Buffer }
  | { type: 'barcode'; system: number; data: string }
  | { type: 'status-request'; n: number }
  | { type: 'unknown'; hex: string };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

/** Fixed parameter counts of the single-letter commands we only need to skip or read. */
const ESC_FIXED: Record<string, number> = {
  '@': 0, '!': 1, E: 1, '-': 1, a: 1, d: 1, J: 1, '2': 0, '3': 1, M: 1, t: 1, ' ': 1, '{': 1, $: 2, '\\': 2,
  R: 1, V: 1, r: 1, G: 1, B: 2, i: 0, m: 0, c: 2, p: 3, U: 1, T: 1, W: 8, '=': 1, '%': 1, L: 0, S: 0,
};
const GS_FIXED: Record<string, number> = {
  '!': 1, B: 1, L: 2, W: 2, a: 1, h: 1, w: 1, H: 1, f: 1, r: 1, b: 1, P: 2, I: 1, '/': 1, E: 1, '^': 3, T: 1,
};
const FS_FIXED: Record<string, number> = { '&': 0, '.': 0, '!': 1, '-': 1, S: 2, C: 1, W: 1, p: 2 };
const EC = ['L', 'M', 'Q', 'H'] as const;

type Step = { used: number; events: EscPosEvent[] } | 'need-more';

export class EscPosTokenizer {
  private buf = Buffer.alloc(0);
  private chinese = false;
  private qr = { model: 2, moduleSize: 3, ec: 'M' as (typeof EC)[number], data: Buffer.alloc(0) };

  constructor(private readonly encoding: 'gb18030' | 'gbk' = 'gb18030') {}

  push(chunk: Uint8Array): EscPosEvent[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: EscPosEvent[] = [];
    while (this.buf.length > 0) {
      const step = this.step(this.buf);
      if (step === 'need-more') break;
      out.push(...step.events);
      this.buf = this.buf.subarray(step.used);
    }
    return out;
  }

  /** Flushes a trailing text run that no control byte has ended yet. */
  flush(): EscPosEvent[] {
    const b = this.buf;
    this.buf = Buffer.alloc(0);
    return b.length > 0 && b[0]! >= 0x20 ? [{ type: 'text', text: this.decode(b) }] : [];
  }

  private decode(bytes: Buffer): string {
    return this.chinese ? iconv.decode(bytes, this.encoding) : bytes.toString('latin1');
  }

  private step(b: Buffer): Step {
    const c = b[0]!;
    if (c >= 0x20) {
      // Text run: GB18030 lead and trail bytes are all >= 0x30, so a control byte always ends a character.
      let end = 1;
      while (end < b.length && b[end]! >= 0x20) end++;
      if (end === b.length) return 'need-more';
      return { used: end, events: [{ type: 'text', text: this.decode(b.subarray(0, end)) }] };
    }
    if (c === 0x0a) return { used: 1, events: [{ type: 'lf' }] };
    if (c === 0x0d || c === 0x00) return { used: 1, events: [] };
    if (c === 0x09) return { used: 1, events: [{ type: 'text', text: '\t' }] };
    if (b.length < 2) return 'need-more';
    const op = String.fromCharCode(b[1]!);
    if (c === DLE) {
      if (b[1] === 0x04 || b[1] === 0x05) {
        if (b.length < 3) return 'need-more';
        return { used: 3, events: b[1] === 0x04 ? [{ type: 'status-request', n: b[2]! }] : [] };
      }
      if (b[1] === 0x14) return b.length < 5 ? 'need-more' : { used: 5, events: [] };
      return this.unknown(b, 1);
    }
    if (c === ESC) return this.esc(b, op);
    if (c === GS) return this.gs(b, op);
    if (c === FS) return this.fs(b, op);
    return this.unknown(b, 1);
  }

  private unknown(b: Buffer, n: number): Step {
    return { used: n, events: [{ type: 'unknown', hex: b.subarray(0, Math.max(n, 2)).toString('hex') }] };
  }

  private esc(b: Buffer, op: string): Step {
    const n = ESC_FIXED[op];
    if (n === undefined) return this.unknown(b, 2);
    if (b.length < 2 + n) return 'need-more';
    const p = b[2] ?? 0;
    const used = 2 + n;
    switch (op) {
      case '@':
        this.chinese = false;
        return { used, events: [{ type: 'init' }] };
      case 'E':
        return { used, events: [{ type: 'bold', on: (p & 1) === 1 }] };
      case 'a':
        return { used, events: [{ type: 'align', align: (['left', 'center', 'right'] as const)[p % 48 % 3]! }] };
      case 'd':
        return { used, events: [{ type: 'feed', lines: p }] };
      case '$':
      case '\\': {
        const dots = p | (b[3]! << 8);
        return { used, events: [{ type: 'move', dots: op === '\\' ? (dots << 16) >> 16 : dots, absolute: op === '$' }] };
      }
      case 'i':
      case 'm':
        return { used, events: [{ type: 'cut', partial: op === 'm' }] };
      default:
        return { used, events: [] };
    }
  }

  private gs(b: Buffer, op: string): Step {
    if (op === 'V') {
      if (b.length < 3) return 'need-more';
      const m = b[2]!;
      const used = m >= 65 ? 4 : 3;
      if (b.length < used) return 'need-more';
      return { used, events: [{ type: 'cut', partial: m % 2 === 1 || m === 66 }] };
    }
    if (op === '(') return this.lengthPrefixed(b, 2, (body, fn) => this.gsParen(String.fromCharCode(b[2]!), fn, body));
    if (op === '8') {
      // GS 8 L p1 p2 p3 p4 m fn …: 4-byte little-endian length.
      if (b.length < 7) return 'need-more';
      const len = b.readUInt32LE(3);
      if (b.length < 7 + len) return 'need-more';
      return { used: 7 + len, events: this.graphics(b[8]!, b.subarray(9, 7 + len)) };
    }
    if (op === 'v') {
      if (b.length < 8) return 'need-more';
      const wBytes = b[4]! | (b[5]! << 8);
      const h = b[6]! | (b[7]! << 8);
      if (b.length < 8 + wBytes * h) return 'need-more';
      const bits = Buffer.from(b.subarray(8, 8 + wBytes * h));
      return { used: 8 + wBytes * h, events: [{ type: 'raster', widthDots: wBytes * 8, heightDots: h, bits }] };
    }
    if (op === 'k') {
      if (b.length < 4) return 'need-more';
      const m = b[2]!;
      if (m <= 6) {
        const nul = b.indexOf(0, 3);
        if (nul < 0) return 'need-more';
        return { used: nul + 1, events: [{ type: 'barcode', system: m, data: b.subarray(3, nul).toString('latin1') }] };
      }
      const n = b[3]!;
      if (b.length < 4 + n) return 'need-more';
      const raw = b.subarray(4, 4 + n);
      const data = m === 73 ? decodeCode128(raw) : raw.toString('latin1');
      return { used: 4 + n, events: [{ type: 'barcode', system: m, data }] };
    }
    const n = GS_FIXED[op];
    if (n === undefined) return this.unknown(b, 2);
    if (b.length < 2 + n) return 'need-more';
    if (op === '!') {
      const p = b[2]!;
      return { used: 3, events: [{ type: 'size', width: (p >> 4) + 1, height: (p & 0x0f) + 1 }] };
    }
    return { used: 2 + n, events: [] };
  }

  private fs(b: Buffer, op: string): Step {
    if (op === '(') return this.lengthPrefixed(b, 2, () => []);
    const n = FS_FIXED[op];
    if (n === undefined) return this.unknown(b, 2);
    if (b.length < 2 + n) return 'need-more';
    if (op === '&') this.chinese = true;
    if (op === '.') this.chinese = false;
    return { used: 2 + n, events: [] };
  }

  /** `<cmd> <x> pL pH body…` with a 2-byte length: GS ( k, GS ( L, FS ( A … */
  private lengthPrefixed(b: Buffer, at: number, handle: (body: Buffer, fn: number) => EscPosEvent[]): Step {
    if (b.length < at + 3) return 'need-more';
    const len = b[at + 1]! | (b[at + 2]! << 8);
    const end = at + 3 + len;
    if (b.length < end) return 'need-more';
    const body = b.subarray(at + 3, end);
    return { used: end, events: handle(body, body[1] ?? -1) };
  }

  private gsParen(kind: string, fn: number, body: Buffer): EscPosEvent[] {
    if (kind === 'L') return this.graphics(fn, body.subarray(2));
    if (kind !== 'k' || body[0] !== 0x31) return [];
    // QR code (cn = 49): fn 65 model, 67 module size, 69 error correction, 80 store, 81 print.
    switch (fn) {
      case 0x41:
        this.qr.model = (body[2] ?? 0x32) - 0x30;
        return [];
      case 0x43:
        this.qr.moduleSize = body[2] ?? 3;
        return [];
      case 0x45:
        this.qr.ec = EC[(body[2] ?? 0x31) - 0x30] ?? 'M';
        return [];
      case 0x50:
        this.qr.data = Buffer.from(body.subarray(3));
        return [];
      case 0x51: {
        const { model, moduleSize, ec, data } = this.qr;
        return [{ type: 'qr', data: iconv.decode(data, 'utf8'), model, moduleSize, ec }];
      }
      default:
        return [];
    }
  }

  /** Graphics store (fn 112): a bx by c xL xH yL yH data. */
  private graphics(fn: number, params: Buffer): EscPosEvent[] {
    if (fn !== 0x70 || params.length < 8) return [];
    const w = params[4]! | (params[5]! << 8);
    const h = params[6]! | (params[7]! << 8);
    return [{ type: 'raster', widthDots: w, heightDots: h, bits: Buffer.from(params.subarray(8)) }];
  }
}

/** GS k m=73 data: `{A`/`{B` switch to character sets, `{C` to digit pairs sent as byte values. */
function decodeCode128(raw: Buffer): string {
  let out = '';
  let set: 'A' | 'B' | 'C' = 'B';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x7b && i + 1 < raw.length) {
      const next = String.fromCharCode(raw[i + 1]!);
      i++;
      if (next === 'A' || next === 'B' || next === 'C') set = next;
      else if (next === '{') out += '{';
      continue;
    }
    out += set === 'C' ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return out;
}
