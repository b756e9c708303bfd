import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { startConsole, type RunningConsole } from '../../console/server/app';
import type { Clock } from '../../console/server/clock';
import { loadConsoleConfig } from '../../console/server/config';
import type { Database } from '../../console/server/db/database';
import { silentLog } from '../../console/server/log';
import { commandResultAnswer, enrolAnswer, FLEET_PATHS, heartbeatAnswer, type Heartbeat } from '../../console/wire/protocol';
import { FleetClient } from '../../services/fleet/client';
import type { KioskSigningKey } from '../../services/platform/keys';

export const ADMIN_PASSWORD = 'admin password for tests';

/** The console server in this process, on a free port, over the given database. */
export async function startTestConsole(db: Database, o: { clock?: Clock; beatSeconds?: number; webhookUrl?: string; sweeper?: boolean; env?: Record<string, string> } = {}): Promise<RunningConsole> {
  const config = loadConsoleConfig({
    CONSOLE_PORT: '0',
    CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    CONSOLE_BEAT_SECONDS: String(o.beatSeconds ?? 60),
    CONSOLE_SWEEP_SECONDS: '1',
    ...(o.webhookUrl ? { CONSOLE_WEBHOOK_URL: o.webhookUrl } : {}),
    ...o.env,
  });
  return startConsole(config, { db, log: silentLog, sweeper: o.sweeper ?? false, ...(o.clock ? { clock: o.clock } : {}) });
}

export interface Answer<T = any> {
  readonly status: number;
  readonly body: T;
}

/** An operator's browser session against the console's API: the session cookie and the CSRF token. */
export class Operator {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    readonly csrf: string,
  ) {}

  static async signIn(base: string, username: string, password: string): Promise<Operator> {
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await res.json()) as { csrfToken?: string; error?: unknown };
    if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
    return new Operator(base, res.headers.get('set-cookie')!.split(';')[0]!, body.csrfToken!);
  }

  async call<T = any>(method: string, path: string, body?: unknown, o: { csrf?: string | null } = {}): Promise<Answer<T>> {
    const csrf = o.csrf === undefined ? this.csrf : o.csrf;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as T };
  }
  /** A download (an attachment), as the browser would fetch it with the session cookie. */
  download = (path: string): Promise<Response> => fetch(`${this.base}${path}`, { headers: { cookie: this.cookie } });
  get = <T = any>(path: string): Promise<Answer<T>> => this.call<T>('GET', path);
  post = <T = any>(path: string, body: unknown = {}): Promise<Answer<T>> => this.call<T>('POST', path, body);

  /** Creates an operator (as an admin) and signs them in. */
  async create(username: string, role: string, halls: string[] = []): Promise<Operator> {
    const password = `${username} password 123`;
    const r = await this.post('/api/operators', { username, password, role, halls });
    if (r.status !== 200) throw new Error(`creating ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return Operator.signIn(this.base, username, password);
  }
}

export const ed25519Key = (kioskId: string): KioskSigningKey => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { kioskId, privateKey, publicKeySpkiBase64: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64') };
};

/** A healthy kiosk's heartbeat at `now`, with `change` applied. */
export const heartbeatOf = (change: Partial<Heartbeat> = {}, now = Date.now()): Heartbeat => ({
  sentAt: new Date(now).toISOString(),
  bootId: 'boot-1',
  uptimeSeconds: 100,
  appVersion: '0.1.0',
  content: { version: 5, expires: new Date(now + 30 * 86_400_000).toISOString(), lastRefresh: new Date(now).toISOString() },
  devices: [
    { role: 'idReader', state: 'ready', since: new Date(now - 3_600_000).toISOString() },
    { role: 'printer', state: 'ready', condition: 'ok', since: new Date(now - 3_600_000).toISOString() },
  ],
  outbox: { pending: 0, dead: 0 },
  lastError: null,
  sessionInProgress: false,
  ready: true,
  notReady: [],
  platformReachable: true,
  updates: { content: { offered: null, failed: null }, app: { offered: null, failed: null } },
  ...change,
});

/**
 * A kiosk's fleet link without the rest of the kiosk: the kiosk's own signed client (services/fleet)
 * over real HTTP, for console tests that need many kiosks or exact reports. End-to-end tests use
 * real kiosk processes instead.
 */
export class WireKiosk {
  readonly key: KioskSigningKey;
  readonly client: FleetClient;
  constructor(
    base: string,
    readonly id: string,
    readonly pairingCode: string,
  ) {
    this.key = ed25519Key(id);
    this.client = new FleetClient(base, this.key);
  }
  /** A console whose clock a test moved refuses the first signature as stale and tells the time: the kiosk's client then signs in its time, as a real kiosk does. */
  private async resynced<T>(call: () => Promise<T & ({ ok: true } | { ok: false; refusal?: { code: string } })>): Promise<T> {
    const r = await call();
    return !r.ok && 'refusal' in r && r.refusal?.code === 'stale' ? call() : r;
  }
  enrol = () =>
    this.resynced(() =>
      this.client.call(FLEET_PATHS.enrol, { kioskId: this.id, publicKeySpkiBase64: this.key.publicKeySpkiBase64, pairingCode: this.pairingCode, appVersion: '0.1.0', contentVersion: 5 }, enrolAnswer),
    );
  /** A heartbeat sent at `now` on the console's clock (so the kiosk's clock looks right unless a test says otherwise). */
  beat = (change: Partial<Heartbeat> = {}, now?: number) => this.resynced(() => this.client.call(FLEET_PATHS.heartbeat, heartbeatOf(change, now), heartbeatAnswer));
  report = (commandId: string, outcome: 'done' | 'failed', detail = '') =>
    this.resynced(() => this.client.call(FLEET_PATHS.commandResult, { commandId, outcome, detail }, commandResultAnswer));
}

/** Enrols a wire kiosk and approves it as `operator`; returns it approved. */
export async function enrolled(base: string, operator: Operator, id: string, code: string, hallId: string | null = null): Promise<WireKiosk> {
  const k = new WireKiosk(base, id, code);
  const e = await k.enrol();
  if (!e.ok || e.value.status !== 'pending') throw new Error(`enrolment of ${id}: ${JSON.stringify(e)}`);
  const a = await operator.post('/api/enrolments/approve', { pairingCode: code, hallId, label: null });
  if (a.status !== 200) throw new Error(`approval of ${id}: ${a.status} ${JSON.stringify(a.body)}`);
  return k;
}
