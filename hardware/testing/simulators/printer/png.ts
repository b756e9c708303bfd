import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import receiptline from 'receiptline';
import type { PrintedReceipt } from './render';

/** receiptline markup escape: its special characters are preceded by a backslash. */
const escape = (s: string): string => s.replace(/[\\|{}\-=^~_"`]/g, (c) => `\\${c}`);

/** Re-expresses what the printer decoded as receiptline markup, so it can be drawn as an SVG. */
export function receiptToSvg(receipt: PrintedReceipt, cpl: number): string {
  const doc = receipt.lines
    .map((l) => {
      const m = /^\[QR (.*)\]$/.exec(l);
      if (m) return `{code:${m[1]!.replace(/[;}]/g, (c) => `\\${c}`)}; option:qrcode,4,m}`;
      const b = /^\[BARCODE (.*)\]$/.exec(l);
      if (b) return `{code:${b[1]}; option:code128,2,60,hri}`;
      return escape(l);
    })
    .join('\n');
  return receiptline.transform(`${doc}\n${receipt.cut ? '=' : ''}`, { cpl, encoding: 'gb18030', command: 'svg' });
}

/** The Noto Sans SC web font shipped with the renderer (fontsource), so Chromium can draw CJK glyphs. */
const fontCss = (): string | null => {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css')).href;
  } catch {
    return null;
  }
};

function withCjkFont(svg: string): string {
  const css = fontCss();
  if (!css) return svg;
  const style = `<style>@import url("${css}"); text, tspan { font-family: 'Courier New', monospace, 'Noto Sans SC' !important; }</style>`;
  return svg.replace(/(<svg[^>]*>)/, `$1${style}`);
}

/**
 * PNG of the receipt: the SVG rendered by headless Chromium (the only CJK-capable rasteriser on the
 * machine; no new dependency). Null when Chromium is not available.
 */
export async function svgToPng(svg: string, widthPx: number): Promise<Buffer | null> {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(browser)) return null;
  const height = Number(/height="(\d+)px"/.exec(svg)?.[1] ?? 800);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-png-'));
  try {
    const svgFile = path.join(dir, 'receipt.svg');
    const pngFile = path.join(dir, 'receipt.png');
    fs.writeFileSync(svgFile, withCjkFont(svg));
    await new Promise<void>((resolve) => {
      const child = spawn(browser, [
        '--headless', '--no-sandbox', '--allow-file-access-from-files', '--virtual-time-budget=3000', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${path.join(dir, 'profile')}`,
        `--window-size=${widthPx},${height}`, `--screenshot=${pngFile}`, `file://${svgFile}`,
      ], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.on('error', () => resolve());
    });
    return fs.existsSync(pngFile) ? fs.readFileSync(pngFile) : null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
