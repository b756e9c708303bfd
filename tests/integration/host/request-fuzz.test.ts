import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../../../host/server';
import { createContentServer } from '../../../operator/content-server';
import { createKioskServices, type KioskServices } from '../../../services/kiosk-services';
import { removeDataDir, testConfig, tmpDataDir } from '../../support/kiosk-config';

/**
 * Hostile requests (bounded, on loopback) against the kiosk host and the content server: malformed
 * request lines, percent-escapes, traversal, odd ranges and lengths, garbage bodies. Neither may crash
 * (both run in this process: a crash fails the test) and both answer a normal request afterwards.
 */
const segment = fc.oneof(
  fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', '.', '', '~', 'targets', 'timestamp.json', 'api', 'events', 'healthz', '\u4e2d\u6587'),
  fc.string({ maxLength: 12 }),
);
const target = fc.oneof(fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`), fc.string({ maxLength: 64 }), fc.constant('*'));
const header = fc.oneof(
  fc.tuple(fc.constantFrom('Range', 'Content-Length', 'Transfer-Encoding', 'Origin', 'Host', 'Expect', 'X-Kiosk-Capability', 'Content-Type'), fc.string({ maxLength: 40 })),
  fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })),
);
const request = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE'), fc.string({ maxLength: 10 })),
  target,
  version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/9', ''),
  headers: fc.array(header, { maxLength: 6 }),
  body: fc.string({ maxLength: 200 }),
});

/** Sends raw bytes and waits for the answer or the close, at most 300 ms. */
function send(port: number, raw: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (): void => {
      socket.destroy();
      resolve();
    };
    socket.setTimeout(300, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', () => undefined);
    socket.write(raw, () => socket.end());
  });
}

interface RawRequest { method: string; target: string; version: string; headers: [string, string][]; body: string }
const asRaw = (r: RawRequest, port: number): string =>
  `${r.method} ${r.target} ${r.version}\r\nHost: 127.0.0.1:${port}\r\n${r.headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${r.body}`;

let services: KioskServices;
let host: NodeHost;
const dataDir = tmpDataDir('kiosk-fuzz');
const repo = tmpDataDir('repo-fuzz');
const contentServer = createContentServer(repo);
let contentPort = 0;

beforeAll(async () => {
  const rendererDir = tmpDataDir('renderer-fuzz');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>kiosk</title></head><body></body></html>');
  fs.writeFileSync(path.join(repo, 'timestamp.json'), '{"signed":{}}');
  services = createKioskServices(testConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_RENDERER_DIR: rendererDir, KIOSK_DEVICES: 'none', KIOSK_CONTENT_SAMPLE: '0', KIOSK_PLATFORM_URL: 'http://127.0.0.1:9' }));
  host = await startNodeHost(services, rendererDir, 0, { technicianToken: 'technician-secret-fuzz' });
  await new Promise<void>((r) => contentServer.listen(0, '127.0.0.1', r));
  contentPort = (contentServer.address() as AddressInfo).port;
});
afterAll(async () => {
  await host?.close();
  await services?.stop();
  contentServer.close();
  removeDataDir(dataDir);
});

describe('hostile requests', () => {
  it('the content server survives 400 of them and still serves the repository', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => send(contentPort, asRaw(r, contentPort))), { numRuns: 400 });
    for (const p of ['/%', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/.hidden']) expect((await fetch(`http://127.0.0.1:${contentPort}${p}`)).status).toBe(404);
    const ok = await fetch(`http://127.0.0.1:${contentPort}/timestamp.json`);
    expect(await ok.text()).toBe('{"signed":{}}');
  });

  it('the kiosk host survives 400 of them and still answers', async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => send(host.port, asRaw(r, host.port))), { numRuns: 400 });
    const health = await fetch(`${host.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { app: string }).app).toBe('zhengwu-kiosk');
  });
});
