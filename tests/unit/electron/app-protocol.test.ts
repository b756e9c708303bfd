import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { createAppRequestHandler, registerAppScheme, serveRenderer } from '../../../electron/main/app-protocol';
import { app, protocol, resetFakeElectron } from './fake-electron';

let root: string;
let rendererDir: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-app-protocol-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("kiosk")');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Directives of a CSP header, keyed by name. */
const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );

describe('app:// scheme registration', () => {
  beforeEach(() => resetFakeElectron());

  it('registers app as a standard, secure scheme that may fetch, before the app is ready', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    // Privileges that would weaken the page are not granted.
    const privileges = protocol.privileged[0]?.privileges ?? {};
    expect(privileges.bypassCSP).toBeUndefined();
    expect(privileges.corsEnabled).toBeUndefined();
  });

  it('serves the renderer through protocol.handle once ready', async () => {
    await app.whenReady();
    serveRenderer(rendererDir);
    const res = await protocol.request('app://kiosk/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
  });
});

describe('app://kiosk/ responses', () => {
  const handler = () => createAppRequestHandler(rendererDir);

  it.each(['app://kiosk/', 'app://kiosk/assets/app.js', 'app://kiosk/missing.png', 'app://kiosk/..%2F..%2Fsecret.txt'])(
    'carry the strict CSP and security headers (%s)',
    (url) => {
      const res = handler()(new Request(url));
      const csp = res.headers.get('content-security-policy') ?? '';
      const d = directives(csp);
      expect(d.get('default-src')).toEqual(["'self'"]);
      // WebAssembly compilation (the document camera's page detection), never eval of script.
      expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(d.get('worker-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp).not.toMatch(/'unsafe-eval'/);
      expect(csp).not.toContain('unsafe-inline');
      // The camera (高拍仪, video help) and the microphone (video help) for the app's own page only; every other device API stays off.
      expect(res.headers.get('permissions-policy')).toMatch(/(^|, )camera=\(self\)(,|$)/);
      expect(res.headers.get('permissions-policy')).toMatch(/(^|, )microphone=\(self\)(,|$)/);
      for (const api of ['geolocation', 'usb', 'serial', 'hid', 'payment']) expect(res.headers.get('permissions-policy')).toContain(`${api}=()`);
      // No remote origin anywhere: no scheme-wide or host sources, no wildcard.
      for (const [name, values] of d) {
        for (const v of values) {
          expect(v, `${name} ${v}`).toMatch(/^('self'|'none'|'wasm-unsafe-eval'|data:|blob:)$/);
        }
      }
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    },
  );

  it('serves files with their type and caches hashed assets for good', async () => {
    const res = handler()(new Request('app://kiosk/assets/app.js'));
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("kiosk")');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = handler()(new Request('app://kiosk/guide/business-licence'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('refuses a path that climbs out of the renderer build', async () => {
    const res = handler()(new Request('app://kiosk/..%2F..%2Fsecret.txt'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('TOP-SECRET');
  });

  it('answers 404 for a missing file with an extension instead of the app page', () => {
    expect(handler()(new Request('app://kiosk/assets/none.js')).status).toBe(404);
  });

  it('serves nothing for another host on the scheme', () => {
    expect(handler()(new Request('app://other/')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', () => {
    expect(handler()(new Request('app://kiosk/', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = handler()(new Request('app://kiosk/', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});
