/**
 * The WLT photo decoder is a licensed vendor library (notes §8); the kiosk plugs one in if the
 * vendor supplies it. Without one the UI shows a placeholder. The photo never touches disk or logs.
 */
export interface DecodedPhoto {
  readonly mime: 'image/png' | 'image/bmp' | 'image/jpeg';
  readonly data: Buffer;
}

export interface PhotoDecoder {
  decode(wlt: Buffer): Promise<DecodedPhoto | null>;
}
