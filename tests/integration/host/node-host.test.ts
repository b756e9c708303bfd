import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../../../host/server';
import { testConfig } from '../../support/kiosk-config';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';

let host: NodeHost;
let services: KioskServices;
let dataDir: string;
let rendererDir: string;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}
function request(p: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: p, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
let capability = '';
const own = (): Record<string, string> => ({ Origin: host.url, 'Content-Type': 'application/json', 'X-Kiosk-Capability': capability });

/** Opens the event stream and resolves once the host accepted it (or with its refusal). */
function openStream(port: number, query: string): Promise<{ status: number; next: (has: string) => Promise<string>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/events${query}` }, (res) => {
      let buf = '';
      const waiters: Array<{ has: string; done: (s: string) => void }> = [];
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        for (const w of [...waiters]) if (buf.includes(w.has)) w.done(buf);
      });
      const next = (has: string) =>
        new Promise<string>((done) => {
          if (buf.includes(has)) done(buf);
          else waiters.push({ has, done });
        });
      if (res.statusCode !== 200) {
        res.resume();
        resolve({ status: res.statusCode ?? 0, next, close: () => req.destroy() });
        return;
      }
      void next(': connected').then(() => resolve({ status: 200, next, close: () => req.destroy() }));
    });
    req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the browser');
  // No devices, platform or content processes: this test is about the host itself.
  const config = testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_RENDERER_DIR: rendererDir, KIOSK_DEVICES: 'none', KIOSK_CONTENT_SAMPLE: '0', KIOSK_PLATFORM_URL: 'http://127.0.0.1:9' });
  services = createKioskServices(config);
  host = await startNodeHost(services, rendererDir, 0, { technicianToken: 'technician-secret-0123' });
  capability = /<meta name="kiosk-capability" content="([^"]+)"/.exec((await request('/')).body)?.[1] ?? '';
});
afterAll(async () => {
  await host.close();
  await services.stop();
});

describe('Node host', () => {
  it('answers /healthz with version, content version, devices and outbox depth', async () => {
    const r = await request('/healthz');
    expect(r.status).toBe(200);
    const health = JSON.parse(r.body) as Record<string, unknown>;
    expect(health).toMatchObject({ app: 'zhengwu-kiosk', outboxDepth: expect.any(Number) });
    expect(health).toHaveProperty('contentVersion');
    expect(Array.isArray(health.devices)).toBe(true);
  });

  it('serves the renderer with the strict CSP and security headers', async () => {
    const r = await request('/');
    expect(r.status).toBe(200);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(String(r.headers['permissions-policy'])).toMatch(/(^|, )camera=\(self\)(,|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:\/\//);
    expect(r.headers['x-frame-options']).toBe('DENY');
    // Client-side routes fall back to the app.
    expect((await request('/settings')).body).toContain('<title>kiosk</title>');
  });

  it('refuses paths that escape the renderer directory', async () => {
    const r = await request(`/..%2F${path.basename(dataDir)}%2Fsecret.txt`);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('not for the browser');
  });

  it('refuses API calls from another origin or a foreign Host header', async () => {
    const foreign = await request('/api/system.info', {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await request('/api/system.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noOrigin.status).toBe(403);
    const rebinding = await request('/healthz', { headers: { Host: 'attacker.example' } });
    expect(rebinding.status).toBe(403);
  });

  it('answers only the page it served: no capability, a wrong one or another origin get 403, on the API and the event stream', async () => {
    expect(capability).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const call = (headers: Record<string, string>) => request('/api/session.identify', { method: 'POST', headers, body: '{}' });
    expect((await call({ Origin: host.url, 'Content-Type': 'application/json' })).status).toBe(403);
    expect((await call({ ...own(), 'X-Kiosk-Capability': `${capability.slice(0, -1)}x` })).status).toBe(403);
    expect((await call({ ...own(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(own())).status).toBe(200);
    for (const query of ['', '?capability=', `?capability=${capability.slice(1)}`]) {
      const stream = await openStream(host.port, query);
      expect(stream.status).toBe(403);
      stream.close();
    }
  });

  it('answers an oversized body with 413 and a JSON reason, and survives malformed requests', async () => {
    const big = await request('/api/system.info', { method: 'POST', headers: own(), body: `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}` });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect((await request('/%')).status).toBe(404);
    expect((await request('/api/%E0%A4%A', { method: 'POST', headers: own(), body: '{}' })).status).toBe(200);
    expect((await request('/healthz')).status).toBe(200);
  });

  it('implements the contract over HTTP, validating every call', async () => {
    const info = await request('/api/system.info', { method: 'POST', headers: own(), body: '{}' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { idleTimeoutSeconds: expect.any(Number) } });
    const bad = await request('/api/session.end', { method: 'POST', headers: own(), body: '{"reason":42}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const garbage = await request('/api/session.end', { method: 'POST', headers: own(), body: '{not json' });
    expect(garbage.status).toBe(400);
  });

  it('keeps technician methods from the kiosk UI: only the technician token unlocks them', async () => {
    const asPage = await request('/api/outbox.status', { method: 'POST', headers: own(), body: '{}' });
    expect(JSON.parse(asPage.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await request('/api/outbox.status', { method: 'POST', headers: { ...own(), 'X-Kiosk-Technician': 'technician-secret-0124' }, body: '{}' });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const tech = await request('/api/outbox.status', { method: 'POST', headers: { ...own(), 'X-Kiosk-Technician': 'technician-secret-0123' }, body: '{}' });
    expect(JSON.parse(tech.body)).toMatchObject({ ok: true, value: { depth: 0, deadLetters: [] } });
    // A script holds the token but not the page's capability: technician methods only.
    const script = { Origin: host.url, 'Content-Type': 'application/json', 'X-Kiosk-Technician': 'technician-secret-0123' };
    expect(JSON.parse((await request('/api/outbox.status', { method: 'POST', headers: script, body: '{}' })).body)).toMatchObject({ ok: true });
    expect((await request('/api/session.cardDetails', { method: 'POST', headers: script, body: '{}' })).status).toBe(403);
  });

  it('throttles guessing of the technician token, and logs the failures once per minute', async () => {
    const guess = (token: string) =>
      request('/api/outbox.status', { method: 'POST', headers: { ...own(), 'X-Kiosk-Technician': token }, body: '{}' });
    for (let i = 0; i < 5; i++) expect((await guess(`wrong-guess-${i}-0123456`)).status).toBe(403);
    const locked = await guess('technician-secret-0123');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const log = fs.readFileSync(path.join(dataDir, 'logs', 'kiosk.log'), 'utf8');
    expect(log.match(/wrong technician token/g)?.length).toBe(1);
  });

  it('streams bridge events to the page over SSE', async () => {
    const stream = await openStream(host.port, `?capability=${capability}`);
    await request('/api/session.end', { method: 'POST', headers: own(), body: '{"reason":"logout"}' });
    expect(await stream.next('session.expired')).toContain('"reason":"logout"');
    stream.close();
  });

  it('starts every event stream with the current device status, so a page never misses a change made while it connected', async () => {
    const printerOut = {
      role: 'printer', state: 'error', reason: 'paper out: load a new roll', port: '/dev/ttyS1', simulated: true, since: new Date().toISOString(), condition: 'paper-out',
    } as const;
    const withPrinter = await startNodeHost({ ...services, health: () => ({ ...services.health(), devices: [printerOut] }) }, rendererDir, 0);
    try {
      const page = await fetch(`${withPrinter.url}/`);
      const cap = /<meta name="kiosk-capability" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const first = await new Promise<string>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port: withPrinter.port, path: `/events?capability=${cap}` }, (res) => {
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString();
            const data = /^data: (.*)$/m.exec(buf);
            if (data) {
              req.destroy();
              resolve(data[1]!);
            }
          });
        });
        req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      });
      expect(JSON.parse(first)).toEqual({ type: 'device.status', status: printerOut });
    } finally {
      await withPrinter.close();
    }
  });

  it('holds its port while the services start, and answers what was asked meanwhile once they are up', async () => {
    let servicesUp!: () => void;
    const ready = new Promise<void>((resolve) => (servicesUp = resolve));
    // Tells when a request has reached the host and waits on the services.
    let arrived!: () => void;
    const waiting = new Promise<void>((resolve) => (arrived = resolve));
    const watched = Object.assign(ready, {
      then: ((...args: Parameters<typeof ready.then>) => {
        arrived();
        return Promise.prototype.then.apply(ready, args);
      }) as typeof ready.then,
    });
    const starting = await startNodeHost(services, rendererDir, 0, { ready: watched });
    try {
      // The port is taken at once: nothing else (the services' own sockets included) can bind it.
      const rival = http.createServer();
      const clash = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        rival.once('error', resolve);
        rival.listen(starting.port, '127.0.0.1', () => resolve(null));
      });
      if (!clash) rival.close();
      expect(clash?.code).toBe('EADDRINUSE');
      let answered = false;
      const early = fetch(`${starting.url}/healthz`).then((r) => ((answered = true), r));
      await waiting;
      expect(answered).toBe(false);
      servicesUp();
      expect((await early).status).toBe(200);
    } finally {
      await starting.close();
    }
  });

  it('says which port is in use and how to choose another when the port is taken', async () => {
    await expect(startNodeHost(services, rendererDir, host.port)).rejects.toThrow(`port ${host.port} on 127.0.0.1 is already in use (another kiosk running?); set KIOSK_PORT to a free port`);
  });
});
