/** A kiosk receipt as data: the screens describe it, the hardware layer turns it into printer bytes and a preview. */
export interface ReceiptTemplate {
  /** Printed bold and large, centred (e.g. 佛山市南海区政务服务中心). */
  readonly title: string;
  readonly subtitle?: string;
  /** Key/value rows, e.g. 办件编号 / GD2026112500012. */
  readonly fields?: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  /** Free text lines, wrapped to the paper width. */
  readonly text?: readonly string[];
  /** Payload of a QR code (e.g. the progress-query URL). */
  readonly qr?: string;
  /** CODE128 barcode data (ASCII, e.g. the case number). */
  readonly barcode?: string;
  /** A stamp line such as 已办结. */
  readonly stamp?: string;
  readonly footer?: readonly string[];
}
