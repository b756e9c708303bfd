import { protocol } from 'electron';
import { resolveStatic } from '../../services/security/static-files';
import { SECURITY_HEADERS } from '../../services/security/csp';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Must run before `app.whenReady()`: makes app:// a standard, secure origin (so CSP 'self',
 * fetch and same-origin rules behave as on https) without bypassing CSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const textResponse = (status: number, body: string): Response =>
  new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * Serves the built renderer at app://kiosk/. Every response, errors included, carries the CSP and the
 * security headers; client-side routes fall back to index.html; paths leaving the build are refused
 * (both by `resolveStatic`).
 */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Response {
  return (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return textResponse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return textResponse(404, 'not found');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': file.type,
        'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  };
}

/** Call once the app is ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
