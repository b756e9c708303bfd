/**
 * The one Content-Security-Policy both hosts send. No inline or evaluated script, no remote origin:
 * everything the renderer loads comes from the app itself. `data:`/`blob:` images carry QR codes and
 * receipt previews the app draws itself; `blob:` media carries speech synthesised by the services.
 * The document camera's page detection runs in a Web Worker of the app's own (`worker-src 'self'`)
 * with a WebAssembly module compiled from bytes the bundle carries (`'wasm-unsafe-eval'` allows
 * WebAssembly compilation only, never eval of script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
].join('; ');

/** Headers sent with every response of the Node host and every app:// response in Electron. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The camera (the document camera, 高拍仪; 视频办事) and the microphone (视频办事) for the kiosk's own page only; no frame, no other origin.
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};
