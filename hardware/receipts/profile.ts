/** What one installed printer model can do; configured per kiosk. */
export interface PrinterProfile {
  /** Paper roll width in mm: 58 → 32 columns, 80 → 48 columns (font A, a Chinese glyph takes two). */
  readonly paperWidth: 58 | 80;
  /** Chinese encoding the firmware expects (GB18030 is a superset of GBK; GBK-only firmwares need gbk). */
  readonly encoding: 'gb18030' | 'gbk';
  /** Native QR via GS ( k; otherwise the QR is rasterised (for low-end printers that ignore GS ( k). */
  readonly qrNative: boolean;
  /** The model has an auto-cutter (many 58 mm printers only have a tear bar). */
  readonly cutter: boolean;
}

export const DEFAULT_PROFILE: PrinterProfile = { paperWidth: 80, encoding: 'gb18030', qrNative: true, cutter: true };

export const columnsOf = (p: PrinterProfile): number => (p.paperWidth === 58 ? 32 : 48);
