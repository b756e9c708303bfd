import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../../../host/server';
import { configFromEnv } from '../../../services/config';
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
const own = (): Record<string, string> => ({ Origin: host.url, 'Content-Type': 'application/json' });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-host-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-renderer-'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the browser');
  const config = { ...configFromEnv({ KIOSK_DATA_DIR: dataDir }), rendererDir };
  // No devices, platform or content processes: this test is about the host itself.
  services = createKioskServices(config, { KIOSK_DEVICES: 'none', KIOSK_PLATFORM: 'none', KIOSK_CONTENT: 'none' });
  host = await startNodeHost(services, rendererDir, 0, { technicianToken: 'technician-secret-0123' });
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
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
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
  });

  it('streams bridge events to the renderer over SSE', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: '/events' }, (res) => {
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('session.expired')) {
            req.destroy();
            resolve(buf);
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
    });
    await new Promise((r) => setTimeout(r, 200));
    await request('/api/session.end', { method: 'POST', headers: own(), body: '{"reason":"logout"}' });
    expect(await received).toContain('"reason":"logout"');
  });

  it('starts every event stream with the current device status, so a page never misses a change made while it connected', async () => {
    const printerOut = {
      role: 'printer', state: 'error', reason: 'paper out: load a new roll', port: '/dev/ttyS1', simulated: true, since: new Date().toISOString(), condition: 'paper-out',
    } as const;
    const withPrinter = await startNodeHost({ ...services, health: () => ({ ...services.health(), devices: [printerOut] }) }, rendererDir, 0);
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port: withPrinter.port, path: '/events' }, (res) => {
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
});
