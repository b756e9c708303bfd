import iconv from 'iconv-lite';
import receiptline from 'receiptline';
import { columnsOf, type PrinterProfile } from './profile';
import type { ReceiptTemplate } from '../../kernel/receipt';

/**
 * Receipt template → receiptline markup → ESC/POS bytes (and the same receipt as SVG for the
 * on-screen preview). receiptline does the layout: display widths (a Chinese glyph is two columns),
 * wrapping on character boundaries, GB18030/GBK text, barcodes and cuts. Written here by hand: the
 * markup of our template, and native GS ( k QR codes, because receiptline always rasterises QR.
 */
export interface BuiltReceipt {
  readonly escpos: Buffer;
  readonly svg: string;
  readonly markup: string;
}

/** receiptline's special characters are escaped with a backslash. */
export const escapeMarkup = (s: string): string => s.replace(/[\\|{}\-=^~_"`]/g, (c) => `\\${c}`).replace(/[\r\n\t]+/g, ' ');

/** Characters in a property value (`{code:…}`) that need escaping. */
const escapeProperty = (s: string): string => s.replace(/[\\|{};]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');

/** Printed width in columns: a CJK or full-width glyph takes two (as receiptline counts it, near enough). */
export const displayWidth = (s: string): number =>
  [...s].reduce((n, c) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(c) ? 2 : 1), 0);

/**
 * One key/value row. receiptline gives each of the two columns up to half the paper, so a label wider
 * than that (a bilingual one, "办件编号 Case number", on 58 mm paper) would be broken mid-word: it then
 * gets its own line and the value goes right-aligned under it. Chinese labels always fit beside their value.
 */
function fieldRows(label: string, value: string, cpl: number): string[] {
  const split = displayWidth(label) > cpl / 2 - 1;
  return split ? [`|${escapeMarkup(label)}`, ` ${escapeMarkup(value)}|`] : [`|${escapeMarkup(label)} | ${escapeMarkup(value)}|`];
}

export function receiptMarkup(t: ReceiptTemplate, cpl = 48): string {
  const out: string[] = [];
  out.push(`^^"${escapeMarkup(t.title)}"`);
  if (t.subtitle) out.push(escapeMarkup(t.subtitle));
  out.push('-');
  for (const f of t.fields ?? []) out.push(...fieldRows(f.label, f.value, cpl));
  if (t.fields?.length) out.push('-');
  for (const line of t.text ?? []) out.push(`|${escapeMarkup(line)}`);
  if (t.stamp) out.push('', `^^^\`${escapeMarkup(t.stamp)}\``, '');
  if (t.qr) out.push(`{code:${escapeProperty(t.qr)}; option:qrcode,6,m}`);
  if (t.barcode) out.push(`{code:${escapeProperty(t.barcode)}; option:code128,2,72,hri}`);
  for (const line of t.footer ?? []) out.push(escapeMarkup(line));
  out.push('=');
  return out.join('\n');
}

/** GS ( k model 2 QR (notes §3): model, module size, error correction, store, print. */
export function nativeQr(data: string, moduleSize: number, level: 'l' | 'm' | 'q' | 'h'): Buffer {
  const d = iconv.encode(data, 'utf8');
  const k = d.length + 3;
  const ec = { l: 0x30, m: 0x31, q: 0x32, h: 0x33 }[level];
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, Math.min(16, Math.max(1, moduleSize))]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, ec]),
    Buffer.from([0x1d, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30]),
    d,
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

type Command = Record<string, unknown>;
const commandCache = new Map<string, Command>();

function commandFor(profile: PrinterProfile): Command {
  const key = `${profile.qrNative}-${profile.cutter}`;
  const cached = commandCache.get(key);
  if (cached) return cached;
  const base = receiptline.commands.escpos as unknown as Command & { cut(): string };
  const command: Command = Object.assign({}, base, {
    // The driver polls DLE EOT itself, so no GS r status request at the end of the job.
    close(this: { cutting: boolean; cut(): string }) {
      return this.cutting ? this.cut() : '';
    },
    // Without a cutter, feed the last line past the tear bar instead.
    ...(profile.cutter ? {} : { cut: () => '\x1bd\x04' }),
    ...(profile.qrNative
      ? {
          qrcode: (symbol: { data: string; cell: number; level: 'l' | 'm' | 'q' | 'h' }) =>
            nativeQr(symbol.data, symbol.cell, symbol.level).toString('binary'),
        }
      : {}),
  });
  commandCache.set(key, command);
  return command;
}

export function buildReceipt(template: ReceiptTemplate, profile: PrinterProfile): BuiltReceipt {
  const cpl = columnsOf(profile);
  const markup = receiptMarkup(template, cpl);
  const encoding = profile.encoding === 'gbk' ? 'cp936' : 'gb18030';
  const escpos = Buffer.from(
    receiptline.transform(markup, { cpl, encoding, command: commandFor(profile) as never, cutting: profile.cutter }),
    'binary',
  );
  return { escpos, svg: receiptPreviewSvg(markup, profile), markup };
}

/** The same receipt as receiptline's SVG, for on-screen preview when the printer cannot print. */
export function receiptPreviewSvg(markup: string, profile: PrinterProfile): string {
  return receiptline.transform(markup, { cpl: columnsOf(profile), encoding: profile.encoding === 'gbk' ? 'cp936' : 'gb18030', command: 'svg' });
}
