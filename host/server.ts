import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, fail } from '../contract';
import type { KioskServices } from '../services/kiosk-services';
import { SECURITY_HEADERS } from '../services/security/csp';
import { isTechnicianToken } from '../services/security/technician-token';
import { isOwnRequest } from './origin-guard';
import { resolveStatic } from '../services/security/static-files';

const MAX_BODY_BYTES = 1024 * 1024;

export interface NodeHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
};
const sendJson = (res: ServerResponse, status: number, value: unknown): void =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');

const readBody = (req: IncomingMessage): Promise<string | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * The plain-Node host: serves the built renderer on loopback and implements the bridge contract over
 * HTTP (POST /api/<method>) and Server-Sent Events (GET /events), through the same validated
 * dispatcher the Electron shell uses over IPC.
 */
export async function startNodeHost(
  services: KioskServices,
  rendererDir: string,
  port: number,
  options: { technicianToken?: string } = {},
): Promise<NodeHost> {
  let boundPort = port;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      services.log.error('host request failed', { error: err instanceof Error ? err : String(err) });
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'internal error'));
      else res.end();
    });
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith(HTTP_API_PREFIX);
    if (!isOwnRequest(req, boundPort, { requireOrigin: isApi })) {
      sendJson(res, 403, fail('forbidden', 'request refused: not from this kiosk'));
      return;
    }
    if (url.pathname === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, services.health());
      return;
    }
    if (isApi) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid-request', 'use POST'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, fail('invalid-request', 'JSON body required'));
      }
      const raw = await readBody(req);
      if (raw === null) return sendJson(res, 413, fail('invalid-request', 'request body too large'));
      let payload: unknown;
      try {
        payload = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return sendJson(res, 400, fail('invalid-request', 'body is not valid JSON'));
      }
      const method = url.pathname.slice(HTTP_API_PREFIX.length);
      const header = req.headers['x-kiosk-technician'];
      const technician = options.technicianToken !== undefined && isTechnicianToken(typeof header === 'string' ? header : undefined, options.technicianToken);
      return sendJson(res, 200, await services.dispatch(method, payload, { via: 'http', technician }));
    }
    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const send = (event: unknown): boolean => res.write(`data: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = services.bus.subscribe(send);
      // A change between the page's first status snapshot and this stream opening would otherwise be
      // missed until the next change: every new stream starts with the devices' current status.
      for (const status of services.health().devices) send({ type: 'device.status', status });
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('invalid-request', 'method not allowed'));
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'not found', 'text/plain; charset=utf-8');
    send(res, 200, req.method === 'HEAD' ? '' : file.body, file.type, {
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
