import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  applicationProgress,
  applicationReceipt,
  appointment,
  crossRegionTarget,
  enterpriseProfile,
  personLinks,
  laborContracts,
  helpStatus,
  queueTicket,
} from '../../platform-wire/model';
import {
  PLATFORM_HEADERS,
  certificateList,
  evaluationAck,
  feedbackAck,
  filedApplicationAnswer,
  filedApplicationList,
  issuerKeyList,
  platformErrorBody,
  platformHealth,
  slotList,
  windowList,
} from '../../platform-wire/protocol';
import { signedHeaders } from '../../platform-wire/signing';
import type { KioskSigningKey } from './keys';

/** Why a platform call failed, and whether trying again later can help. */
export interface PlatformFailure {
  readonly kind: 'network' | 'timeout' | 'http' | 'malformed' | 'auth';
  readonly status?: number;
  readonly code?: string;
  readonly message: string;
  readonly retryable: boolean;
}

export type PlatformResult<T> = { ok: true; value: T; replayed: boolean } | { ok: false; failure: PlatformFailure };

export interface PlatformClientOptions {
  readonly baseUrl: string;
  readonly key: KioskSigningKey;
  readonly timeoutMs?: number;
  /** Called after every exchange, so health can tell whether the platform is reachable. */
  readonly onReachability?: (reachable: boolean) => void;
}

/**
 * Typed, signed HTTP client of the provincial platform. Every answer is checked against its schema:
 * a malformed answer is a `malformed` failure, never an exception. Every write carries an
 * idempotency key so a retry is never filed twice.
 */
export class PlatformClient {
  constructor(private readonly options: PlatformClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    schema: S,
    opts: { body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<PlatformResult<z.output<S>>> {
    const body = opts.body === undefined ? '' : JSON.stringify(opts.body);
    const idempotencyKey = method === 'POST' ? (opts.idempotencyKey ?? randomUUID()) : undefined;
    const headers: Record<string, string> = {
      ...signedHeaders(this.options.key, { method, pathWithQuery, body, ...(idempotencyKey ? { idempotencyKey } : {}) }),
      accept: 'application/json',
    };
    if (body) headers['content-type'] = 'application/json';

    let res: Response;
    let raw: string;
    try {
      res = await fetch(this.options.baseUrl + pathWithQuery, {
        method,
        headers,
        body: body || undefined,
        signal: AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs ?? 8_000),
      });
      raw = await res.text();
    } catch (e) {
      this.options.onReachability?.(false);
      const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return {
        ok: false,
        failure: { kind: timeout ? 'timeout' : 'network', message: timeout ? 'the platform did not answer in time' : 'the platform cannot be reached', retryable: true },
      };
    }
    this.options.onReachability?.(true);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return { ok: false, failure: { kind: 'malformed', status: res.status, message: 'the platform answered something that is not JSON', retryable: true } };
    }
    if (!res.ok) {
      const e = platformErrorBody.safeParse(json);
      const code = e.success ? e.data.error.code : undefined;
      const permanent = res.status >= 400 && res.status < 500 && ![401, 408, 425, 429].includes(res.status);
      return {
        ok: false,
        failure: {
          kind: res.status === 401 ? 'auth' : 'http',
          status: res.status,
          ...(code ? { code } : {}),
          message: e.success ? e.data.error.message : `platform answered HTTP ${res.status}`,
          retryable: !permanent,
        },
      };
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, failure: { kind: 'malformed', status: res.status, message: 'the platform answer does not match the expected schema', retryable: true } };
    }
    return { ok: true, value: parsed.data, replayed: res.headers.get(PLATFORM_HEADERS.replayed) === 'true' };
  }

  health = () => this.request('GET', '/v1/health', platformHealth, { timeoutMs: 2_000 });
  enterprise = (code: string) => this.request('GET', `/v1/enterprises/${encodeURIComponent(code)}`, enterpriseProfile);
  certificates = (holder: string) => this.request('GET', `/v1/certificates?holder=${encodeURIComponent(holder)}`, certificateList);
  issuerKeys = () => this.request('GET', '/v1/certificates/issuer-keys', issuerKeyList);
  progress = (no: string) => this.request('GET', `/v1/applications/${encodeURIComponent(no)}/progress`, applicationProgress);
  helpStatus = (id: string) => this.request('GET', `/v1/help-requests/${encodeURIComponent(id)}`, helpStatus);
  windows = () => this.request('GET', '/v1/queue/windows', windowList);
  slots = (itemCode: string, date?: string) =>
    this.request('GET', `/v1/appointments/slots?itemCode=${encodeURIComponent(itemCode)}${date ? `&date=${date}` : ''}`, slotList);

  fileApplication = (body: unknown, key: string, timeoutMs?: number) =>
    this.request('POST', '/v1/applications', applicationReceipt, { body, idempotencyKey: key, timeoutMs });
  evaluate = (body: unknown, key: string, timeoutMs?: number) =>
    this.request('POST', '/v1/evaluations', evaluationAck, { body, idempotencyKey: key, timeoutMs });
  feedback = (body: unknown, key: string, timeoutMs?: number) =>
    this.request('POST', '/v1/feedback', feedbackAck, { body, idempotencyKey: key, timeoutMs });
  requestHelp = (body: unknown, key: string, timeoutMs?: number) =>
    this.request('POST', '/v1/help-requests', helpStatus, { body, idempotencyKey: key, timeoutMs });
  takeTicket = (body: unknown, key: string, timeoutMs?: number) => this.request('POST', '/v1/queue/tickets', queueTicket, { body, idempotencyKey: key, timeoutMs });
  bySlip = (slip: string) => this.request('GET', `/v1/applications?slip=${encodeURIComponent(slip)}`, filedApplicationAnswer);
  /** 我的办件: the ID number goes in the (signed, TLS) body, never in a URL that proxies log. */
  casesOf = (applicantIdNumber: string) => this.request('POST', '/v1/applications/query', filedApplicationList, { body: { applicantIdNumber } });
  /** The card holder's enterprises and real-name mobile: the ID number goes in the body, never in a URL. */
  personLinks = (idNumber: string) => this.request('POST', '/v1/persons/links', personLinks, { body: { idNumber } });
  /** An enterprise's unregistered e-labour contracts, for a person who acts for it (the platform checks). */
  laborContracts = (creditCode: string, idNumber: string) =>
    this.request('POST', '/v1/enterprises/labor-contracts', laborContracts, { body: { creditCode, idNumber } });
  crossRegionTarget = (itemCode: string, address: string) =>
    this.request('GET', `/v1/cross-region/targets?itemCode=${encodeURIComponent(itemCode)}&address=${encodeURIComponent(address)}`, crossRegionTarget);
  book = (body: unknown, key: string) => this.request('POST', '/v1/appointments', appointment, { body, idempotencyKey: key });
  cancel = (id: string, key: string) =>
    this.request('POST', `/v1/appointments/${encodeURIComponent(id)}/cancel`, appointment, { body: {}, idempotencyKey: key });
}
