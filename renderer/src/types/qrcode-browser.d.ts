// The browser half of the `qrcode` package. Its published types (@types/qrcode) describe the Node
// half too and pull Node's globals into every file that imports it, so the renderer sees only this.
export interface QRCodeToDataURLOptions {
  readonly errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  readonly margin?: number;
  readonly width?: number;
  readonly color?: { readonly dark?: string; readonly light?: string };
}
export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;
export function toString(text: string, options?: QRCodeToDataURLOptions & { readonly type?: 'svg' | 'utf8' }): Promise<string>;
declare const QRCode: { toDataURL: typeof toDataURL; toString: typeof toString };
export default QRCode;
