import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PLATFORM_HEADERS } from '../platform-wire/protocol';
import { KioskAuthenticator } from './auth';
import { FaultSwitch, faultSpec } from './faults';
import { materialsPage, progressPage } from './public-pages';
import { PlatformState, type Answer } from './state';

export interface SimulatorOptions {
  port?: number;
  /** Kiosk public keys (SPKI DER base64) allowed to call, by kiosk id. */
  kioskKeys?: Record<string, string>;
  helpAutoAnswerMs?: number;
}

export interface RunningSimulator {
  readonly url: string;
  readonly state: PlatformState;
  readonly faults: FaultSwitch;
  close(): Promise<void>;
}

interface StoredWrite {
  readonly requestHash: string;
  readonly answer: Answer;
}

/** An application may carry captured material pages (platform-wire PAGE_LIMITS: 3.5 MB of JPEG, base64 on the wire). */
const MAX_BODY = 6_000_000;

/** Starts the simulated platform on 127.0.0.1 (loopback only). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new PlatformState({ helpAutoAnswerMs: options.helpAutoAnswerMs ?? 15_000 });
  const auth = new KioskAuthenticator();
  for (const [id, key] of Object.entries(options.kioskKeys ?? {})) auth.register(id, key);
  const faults = new FaultSwitch();
  const writes = new Map<string, StoredWrite>();
  const stats = { requests: 0, filed: {} as Record<string, number>, replayed: 0, authRefused: {} as Record<string, number>, faulted: 0 };
  const hanging = new Set<ServerResponse>();
  // A platform whose clock is off (POST /_control/clock): its Date header and its check of request times follow it.
  let clockOffsetMs = 0;
  const platformNow = (): number => Date.now() + clockOffsetMs;

  const send = (res: ServerResponse, a: Answer, extra: Record<string, string> = {}): void => {
    const text = JSON.stringify(a.body);
    res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...(clockOffsetMs ? { date: new Date(platformNow()).toUTCString() } : {}), ...extra });
    res.end(text);
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown, kioskId: string | null = null): { answer: Answer; kind?: string } => {
    const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [v1, a, b, c] = seg;
    if (v1 !== 'v1') return { answer: { status: 404, body: { error: { code: 'not-found', message: 'unknown path' } } } };
    if (method === 'GET') {
      if (a === 'enterprises' && b && !c) return { answer: state.enterprise(b) };
      if (a === 'certificates' && b === 'issuer-keys') return { answer: state.issuerKeys() };
      if (a === 'certificates' && !b) return { answer: state.certificatesOf(query.get('holder') ?? '') };
      if (a === 'applications' && b && c === 'progress') return { answer: state.progress(b) };
      if (a === 'applications' && !b && query.has('slip')) return { answer: state.bySlip(query.get('slip') ?? '') };
      if (a === 'cross-region' && b === 'targets') return { answer: state.crossRegionTarget(query.get('itemCode') ?? '', query.get('address') ?? '') };
      if (a === 'help-requests' && b) return { answer: state.helpStatus(b) };
      if (a === 'queue' && b === 'windows') return { answer: state.windowList() };
      if (a === 'appointments' && b === 'slots') return { answer: state.slotsFor(query.get('itemCode') ?? '', query.get('date')) };
    }
    if (method === 'POST') {
      if (a === 'applications' && !b) return { answer: state.fileApplication(body, kioskId), kind: 'applications' };
      if (a === 'applications' && b === 'query') return { answer: state.casesOf(body) };
      if (a === 'persons' && b === 'links') return { answer: state.personLinks(body) };
      if (a === 'enterprises' && b === 'labor-contracts') return { answer: state.laborContracts(body) };
      if (a === 'evaluations') return { answer: state.evaluate(body), kind: 'evaluations' };
      if (a === 'feedback') return { answer: state.report(body), kind: 'feedback' };
      if (a === 'help-requests' && !b) return { answer: state.requestHelp(body), kind: 'help' };
      if (a === 'queue' && b === 'tickets') return { answer: state.takeTicket(body), kind: 'tickets' };
      if (a === 'appointments' && !b) return { answer: state.book(body), kind: 'appointments' };
      if (a === 'appointments' && b && c === 'cancel') return { answer: state.cancel(b), kind: 'cancellations' };
    }
    return { answer: { status: 404, body: { error: { code: 'not-found', message: `no route ${method} ${path}` } } } };
  };

  const control = (method: string, path: string, body: unknown, res: ServerResponse): void => {
    const seg = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/_control/stats') {
      return send(res, { status: 200, body: { ...stats, idempotencyKeys: writes.size, fault: faults.current, kiosks: auth.kiosks } });
    }
    if (method === 'GET' && path === '/_control/records') {
      return send(res, {
        status: 200,
        body: {
          applications: [...state.applications.values()].map((p) => ({ ...p, request: state.applicationRequests.get(p.applicationNumber) ?? null })),
          evaluations: state.evaluations,
          feedback: state.feedbacks,
          help: [...state.help.values()],
          tickets: state.tickets,
          writes: [...writes.entries()].map(([key, w]) => ({ key, status: w.answer.status })),
        },
      });
    }
    if (method === 'POST' && path === '/_control/faults') {
      const spec = faultSpec.safeParse(body);
      if (!spec.success) return send(res, { status: 400, body: { error: { code: 'invalid-fault', message: spec.error.message } } });
      faults.set(spec.data);
      return send(res, { status: 200, body: faults.current });
    }
    if (method === 'DELETE' && path === '/_control/faults') {
      faults.clear();
      for (const r of hanging) r.destroy();
      hanging.clear();
      return send(res, { status: 200, body: faults.current });
    }
    if (method === 'POST' && path === '/_control/clock') {
      const offset = (body as { offsetMs?: unknown } | null)?.offsetMs;
      if (typeof offset !== 'number' || !Number.isFinite(offset)) return send(res, { status: 400, body: { error: { code: 'invalid-request', message: 'offsetMs (number) required' } } });
      clockOffsetMs = Math.round(offset);
      return send(res, { status: 200, body: { offsetMs: clockOffsetMs } });
    }
    if (method === 'POST' && path === '/_control/kiosks') {
      const b = body as { kioskId?: unknown; publicKeySpkiBase64?: unknown } | null;
      if (typeof b?.kioskId !== 'string' || typeof b.publicKeySpkiBase64 !== 'string') {
        return send(res, { status: 400, body: { error: { code: 'invalid-request', message: 'kioskId and publicKeySpkiBase64 required' } } });
      }
      auth.register(b.kioskId, b.publicKeySpkiBase64);
      return send(res, { status: 200, body: { registered: b.kioskId } });
    }
    if (method === 'POST' && seg[1] === 'applications' && seg[2] && seg[3] === 'advance') return send(res, state.advance(seg[2], body));
    if (method === 'POST' && seg[1] === 'help' && seg[2] && seg[3] === 'answer') return send(res, state.answerHelp(seg[2], body));
    if (method === 'POST' && seg[1] === 'enterprises' && seg[2] && seg[3] === 'standing') return send(res, state.setStanding(seg[2], body));
    return send(res, { status: 404, body: { error: { code: 'not-found', message: 'unknown control path' } } });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    // 'down' resets the connection before the request is even read, like an unreachable platform.
    const fault = url.pathname.startsWith('/_control/') ? null : faults.take(url.pathname);
    if (fault?.mode === 'down') {
      stats.faulted += 1;
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return send(res, { status: 413, body: { error: { code: 'too-large', message: 'body too large' } } });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    let body: unknown = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, { status: 400, body: { error: { code: 'invalid-json', message: 'body is not JSON' } } });
      }
    }
    if (url.pathname.startsWith('/_control/')) return control(method, url.pathname, body, res);
    // The public pages a phone opens from a kiosk's QR code: unsigned, read-only, nothing personal.
    if (method === 'GET' && (url.pathname === '/public/progress' || url.pathname === '/public/materials')) {
      const p = (url.pathname === '/public/progress' ? progressPage : materialsPage)(state.publicData(), url.searchParams);
      res.writeHead(p.status, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(p.html);
    }
    if (url.pathname === '/v1/health') return send(res, { status: 200, body: { ok: true, time: new Date(platformNow()).toISOString() } });
    stats.requests += 1;

    const refused = auth.check(method, url.pathname + url.search, req.headers, raw, platformNow());
    if (refused) {
      stats.authRefused[refused] = (stats.authRefused[refused] ?? 0) + 1;
      return send(res, { status: 401, body: { error: { code: refused, message: `request refused: ${refused}` } } });
    }
    if (fault?.mode === 'timeout') {
      stats.faulted += 1;
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault?.mode === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.mode === 'error') {
      stats.faulted += 1;
      return send(res, { status: fault.status, body: { error: { code: 'platform-error', message: 'injected platform failure' } } });
    }

    let answer: Answer;
    let replayed = false;
    if (method === 'POST') {
      const key = req.headers[PLATFORM_HEADERS.idempotencyKey];
      if (typeof key !== 'string' || key.length < 8) {
        return send(res, { status: 400, body: { error: { code: 'idempotency-key-required', message: 'every write needs an Idempotency-Key' } } });
      }
      // Keys are UUIDs, unique on their own: not scoped by kiosk id, so a kiosk that is
      // re-provisioned under a new id while entries are in flight still cannot file twice.
      const storeKey = key;
      const requestHash = createHash('sha256').update(`${url.pathname}\n`).update(raw).digest('hex');
      const stored = writes.get(storeKey);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          return send(res, { status: 422, body: { error: { code: 'idempotency-conflict', message: 'this key was used for a different request' } } });
        }
        stats.replayed += 1;
        answer = stored.answer;
        replayed = true;
      } else {
        const kioskHeader = req.headers[PLATFORM_HEADERS.kioskId];
        const r = route(method, url.pathname, url.searchParams, body, typeof kioskHeader === 'string' ? kioskHeader : null);
        answer = r.answer;
        if (answer.status < 500) writes.set(storeKey, { requestHash, answer });
        if (r.kind && answer.status < 300) stats.filed[r.kind] = (stats.filed[r.kind] ?? 0) + 1;
      }
    } else {
      answer = route(method, url.pathname, url.searchParams, body).answer;
    }

    if (fault?.mode === 'duplicate') {
      // The platform did the work but the answer never arrives: the kiosk must retry safely.
      stats.faulted += 1;
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'malformed' && answer.status < 300) {
      stats.faulted += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (fault.malformed === 'truncated') return void res.end(JSON.stringify(answer.body).slice(0, 12));
      if (fault.malformed === 'not-json') return void res.end('<html>502 Bad Gateway</html>');
      return void res.end(JSON.stringify({ result: 'ok', data: [1, 2, 3] }));
    }
    send(res, answer, replayed ? { [PLATFORM_HEADERS.replayed]: 'true' } : {});
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: 'internal', message: e instanceof Error ? e.message : 'error' } } });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
