import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, fail, isMethodName, TECHNICIAN_METHODS } from '../contract';
import type { KioskServices } from '../services/kiosk-services';
import { SECURITY_HEADERS } from '../services/security/csp';
import { resolveStatic } from '../services/security/static-files';
import { isTechnicianToken } from '../services/security/technician-token';
import { FailureThrottle } from './failure-throttle';
import { isOwnRequest } from './origin-guard';
import { CAPABILITY_HEADER, CAPABILITY_QUERY, PageCapability } from './page-capability';

export const MAX_BODY_BYTES = 1024 * 1024;
const tooLarge = fail('invalid-request', `request body larger than ${MAX_BODY_BYTES} bytes`);

export interface NodeHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
};
const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void =>
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', extra);

/** The body, or `too-large` as soon as it passes the limit (the rest is drained, not read into memory). */
const readBody = (req: IncomingMessage): Promise<string | 'too-large'> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      resolve('too-large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        resolve('too-large');
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * The plain-Node host: serves the built renderer on loopback and implements the bridge contract over
 * HTTP (POST /api/<method>) and Server-Sent Events (GET /events), through the same validated
 * dispatcher the Electron shell uses over IPC. Only the page it served can call it: the page carries
 * a per-start capability that every call and the event stream must present.
 */
export async function startNodeHost(
  services: KioskServices,
  rendererDir: string,
  port: number,
  options: { technicianToken?: string; ready?: Promise<void> } = {},
): Promise<NodeHost> {
  const ready = options.ready ?? Promise.resolve();
  let boundPort = port;
  const capability = new PageCapability();
  const log = services.log.child('host');
  const technicianThrottle = new FailureThrottle({ limit: 5, windowMs: 60_000, lockoutMs: 30_000, maxLockoutMs: 15 * 60_000 });
  let lastRefusalLogged = -Infinity;
  /** A refused caller is logged once a minute at most, whatever it sends. */
  const refused = (res: ServerResponse, what: string): void => {
    if (Date.now() - lastRefusalLogged >= 60_000) {
      lastRefusalLogged = Date.now();
      log.warn('request refused: no page capability', { what });
    }
    sendJson(res, 403, fail('forbidden', 'request refused: not from this kiosk\'s page'));
  };

  // The port is claimed before the services start (they open sockets of their own, which could take it);
  // a request that comes meanwhile waits for them.
  const server = http.createServer((req, res) => {
    void ready.then(() => handle(req, res)).catch((err: unknown) => {
      log.error('host request failed', { error: err instanceof Error ? err : String(err) });
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'internal error'));
      else res.end();
    });
  });
  // A client that asks before sending (Expect: 100-continue) hears at once that its body is too large.
  server.on('checkContinue', (req, res) => {
    if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return sendJson(res, 413, tooLarge);
    res.writeContinue();
    server.emit('request', req, res);
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  /** Technician: a valid token (throttled after failures); null when none was presented. */
  const technicianCheck = (req: IncomingMessage): boolean | 'locked' | null => {
    const presented = header(req, 'x-kiosk-technician');
    if (presented === undefined || options.technicianToken === undefined) return null;
    if (technicianThrottle.locked().locked) return 'locked';
    if (isTechnicianToken(presented, options.technicianToken)) {
      technicianThrottle.succeed();
      return true;
    }
    if (technicianThrottle.fail()) log.warn('wrong technician token');
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return sendJson(res, 400, fail('invalid-request', 'malformed URL'));
    }
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
      const method = url.pathname.slice(HTTP_API_PREFIX.length);
      const technician = technicianCheck(req);
      if (technician === 'locked') {
        const { retryAfterMs } = technicianThrottle.locked();
        return sendJson(res, 429, fail('forbidden', 'too many wrong technician tokens; wait'), { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) });
      }
      if (technician === false) return sendJson(res, 403, fail('forbidden', 'wrong technician token'));
      const fromPage = capability.matches(header(req, CAPABILITY_HEADER));
      const technicianCall = technician === true && isMethodName(method) && TECHNICIAN_METHODS.has(method);
      if (!fromPage && !technicianCall) return refused(res, 'api');
      if (!(header(req, 'content-type') ?? '').startsWith('application/json')) {
        return sendJson(res, 415, fail('invalid-request', 'JSON body required'));
      }
      const raw = await readBody(req);
      if (raw === 'too-large') {
        // The rest of the body is read and dropped by Node after this answer, so the client reads the 413.
        return sendJson(res, 413, tooLarge);
      }
      let payload: unknown;
      try {
        payload = raw === '' ? {} : JSON.parse(raw);
      } catch {
        return sendJson(res, 400, fail('invalid-request', 'body is not valid JSON'));
      }
      return sendJson(res, 200, await services.dispatch(method, payload, { via: 'http', technician: technician === true }));
    }
    if (url.pathname === HTTP_EVENTS_PATH && req.method === 'GET') {
      // EventSource cannot set headers: the page passes its capability in the query.
      if (!capability.matches(url.searchParams.get(CAPABILITY_QUERY))) return refused(res, 'events');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const push = (event: unknown): boolean => res.write(`data: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = services.bus.subscribe(push);
      // A change between the page's first status snapshot and this stream opening would otherwise be
      // missed until the next change: every new stream starts with the devices' current status.
      for (const status of services.health().devices) push({ type: 'device.status', status });
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
    const body = file.type.startsWith('text/html') ? Buffer.from(capability.inject(file.body.toString('utf8'))) : file.body;
    send(res, 200, req.method === 'HEAD' ? '' : body, file.type, {
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} on 127.0.0.1 is already in use (another kiosk running?); set KIOSK_PORT to a free port`) : err),
    );
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
