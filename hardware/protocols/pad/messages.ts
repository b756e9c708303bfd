import type { RatingLevel } from '../../../kernel/rating';
/** KEP/1 commands, events and payload codecs (notes §3.3–3.4). */
export const CMD = {
  getInfo: 0x01,
  ping: 0x02,
  showPrompt: 0x10,
  requestRating: 0x11,
  cancelRating: 0x12,
  setReasons: 0x13,
  buttonTest: 0x20,
  setVolume: 0x21,
} as const;

export const EVT = { rating: 0x40, key: 0x41, ratingTimeout: 0x42, fault: 0x43 } as const;
export const NAK = 0xff;
export const RESPONSE = 0x80;

export const RESULT = { ok: 0x00, unknownCommand: 0x02, badPayload: 0x03, busy: 0x04, unknownSession: 0x05 } as const;

/** GB/T 39734 levels as this project encodes them: 5 非常满意 … 1 非常不满意. */
export type { RatingLevel };

export interface PadRating {
  readonly session: number;
  readonly level: RatingLevel;
  readonly reasons: readonly number[];
}

export interface PadPong {
  readonly state: number;
  readonly pending: number;
  readonly uptimeSeconds: number;
}

export const encodeRequestRating = (session: number, timeoutSeconds: number, reasonRequired: boolean): Buffer => {
  const b = Buffer.alloc(6);
  b.writeUInt32BE(session >>> 0, 0);
  b[4] = Math.min(120, Math.max(5, Math.round(timeoutSeconds)));
  b[5] = reasonRequired ? 1 : 0;
  return b;
};

export const decodeRequestRating = (p: Buffer): { session: number; timeoutSeconds: number; reasonRequired: boolean } | null =>
  p.length === 6 ? { session: p.readUInt32BE(0), timeoutSeconds: p[4]!, reasonRequired: (p[5]! & 1) === 1 } : null;

export const encodeRating = (r: PadRating): Buffer => {
  const b = Buffer.alloc(6 + r.reasons.length);
  b.writeUInt32BE(r.session >>> 0, 0);
  b[4] = r.level;
  b[5] = r.reasons.length;
  r.reasons.forEach((code, i) => (b[6 + i] = code));
  return b;
};

export const decodeRating = (p: Buffer): PadRating | null => {
  if (p.length < 6) return null;
  const level = p[4]!;
  const count = p[5]!;
  if (level < 1 || level > 5 || p.length !== 6 + count) return null;
  return { session: p.readUInt32BE(0), level: level as RatingLevel, reasons: [...p.subarray(6)] };
};

export const encodePong = (p: PadPong): Buffer => {
  const b = Buffer.alloc(6);
  b[0] = p.state;
  b[1] = p.pending;
  b.writeUInt32BE(p.uptimeSeconds >>> 0, 2);
  return b;
};

export const decodePong = (p: Buffer): PadPong | null =>
  p.length === 6 ? { state: p[0]!, pending: p[1]!, uptimeSeconds: p.readUInt32BE(2) } : null;

/** A key event of the button test (notes §3.4, KEY): level keys 1–5, confirm 0x10, back 0x11; down or up. */
export interface PadKey {
  readonly key: number;
  readonly down: boolean;
}

export const encodeKey = (k: PadKey): Buffer => Buffer.from([k.key, k.down ? 1 : 0]);
export const decodeKey = (p: Buffer): PadKey | null => (p.length === 2 ? { key: p[0]!, down: p[1] === 1 } : null);

/** SHOW_PROMPT modes (notes §3.3). */
export const PROMPT = { welcome: 1, thanks: 2, message: 3 } as const;
export const encodePrompt = (mode: number, text: string): Buffer => {
  // The pad takes at most 200 bytes of UTF-8: cut on a character boundary, never inside one.
  const chars = [...text];
  let body = Buffer.from(text, 'utf8');
  while (body.length > 200) body = Buffer.from((chars.pop(), chars.join('')), 'utf8');
  return Buffer.concat([Buffer.from([mode]), body]);
};

export const encodeSession = (session: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(session >>> 0, 0);
  return b;
};

/** One row of the pad's bad-rating reason table: the 1-byte code the pad echoes and the label it shows. */
export interface PadReasonEntry {
  readonly code: number;
  readonly label: string;
}
export interface PadReasonTable {
  readonly version: number;
  readonly entries: readonly PadReasonEntry[];
}

/** SET_REASONS payload: version (2) + count (1) + count × [code (1), label length (1), UTF-8 label]. */
export const encodeSetReasons = (table: PadReasonTable): Buffer => {
  const rows = table.entries.map((e) => {
    const label = Buffer.from(e.label, 'utf8');
    if (!Number.isInteger(e.code) || e.code < 0 || e.code > 255) throw new RangeError(`reason code ${e.code} does not fit one byte`);
    if (label.length > 255) throw new RangeError(`reason label for code ${e.code} is longer than 255 bytes`);
    return Buffer.concat([Buffer.from([e.code, label.length]), label]);
  });
  if (rows.length > 255) throw new RangeError('a pad reason table holds at most 255 entries');
  const head = Buffer.alloc(3);
  head.writeUInt16BE(table.version, 0);
  head[2] = rows.length;
  return Buffer.concat([head, ...rows]);
};

/** Decodes a SET_REASONS payload; null when the lengths do not add up or a label is not UTF-8. */
export const decodeSetReasons = (p: Buffer): PadReasonTable | null => {
  if (p.length < 3) return null;
  const count = p[2]!;
  const entries: PadReasonEntry[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let at = 3;
  for (let i = 0; i < count; i++) {
    if (at + 2 > p.length) return null;
    const code = p[at]!;
    const end = at + 2 + p[at + 1]!;
    if (end > p.length) return null;
    try {
      entries.push({ code, label: utf8.decode(p.subarray(at + 2, end)) });
    } catch {
      return null;
    }
    at = end;
  }
  return at === p.length ? { version: p.readUInt16BE(0), entries } : null;
};
