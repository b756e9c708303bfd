import type { z } from 'zod';
import { fleetRefusal, type FleetRefusal } from '../../console/wire/protocol';
import { signedHeaders } from '../../platform-wire/signing';
import type { KioskSigningKey } from '../platform/keys';

export type FleetCallResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly refusal: FleetRefusal['error'] }
  | { readonly ok: false; readonly unreachable: string };

/**
 * Signed JSON calls to the fleet console, one at a time (the console keeps a replay window per
 * kiosk, so requests arrive in the order they were signed). Every answer, refusals included, carries
 * the console's time: the kiosk keeps its clock offset from it, signs with the console's time (a
 * kiosk whose clock is wrong is still heard, and shown as skewed) and reports nothing it measured
 * itself but its own clock.
 */
export class FleetClient {
  private queue: Promise<unknown> = Promise.resolve();
  private lastSignedAt = 0;
  /** The console's clock minus this kiosk's (ms), from the last answer; null before any. */
  offsetMs: number | null = null;

  constructor(
    readonly baseUrl: string,
    private readonly key: KioskSigningKey,
    private readonly o: { readonly fetch?: typeof fetch; readonly timeoutMs?: number } = {},
  ) {}

  call<T>(path: string, body: unknown, answer: z.ZodType<T>): Promise<FleetCallResult<T>> {
    const run = this.queue.then(() => this.send(path, body, answer));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async send<T>(path: string, body: unknown, answer: z.ZodType<T>): Promise<FleetCallResult<T>> {
    const url = new URL(path, `${this.baseUrl}/`);
    const text = JSON.stringify(body);
    const signedAt = Math.max(this.lastSignedAt + 1, Date.now() + (this.offsetMs ?? 0));
    this.lastSignedAt = signedAt;
    const sent = Date.now();
    let res: Response;
    try {
      res = await (this.o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(this.key, { method: 'POST', pathWithQuery: url.pathname + url.search, body: text, now: signedAt }) },
        body: text,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 15_000),
      });
    } catch (err) {
      return { ok: false, unreachable: err instanceof Error ? err.message : String(err) };
    }
    const received = Date.now();
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      return { ok: false, unreachable: `the console answered ${res.status} without JSON` };
    }
    const serverTime = Date.parse((json as { serverTime?: string } | null)?.serverTime ?? '');
    if (Number.isFinite(serverTime)) this.offsetMs = Math.round(serverTime - (sent + received) / 2);
    if (!res.ok) {
      const refusal = fleetRefusal.safeParse(json);
      // Signed too far ahead of the console (this kiosk's clock runs fast): the next signature follows the
      // console's time instead of staying above this one, or every later call would be stale too.
      if (refusal.success && refusal.data.error.code === 'stale' && this.offsetMs !== null) this.lastSignedAt = Math.min(this.lastSignedAt, Date.now() + this.offsetMs - 1);
      return refusal.success ? { ok: false, refusal: refusal.data.error } : { ok: false, unreachable: `the console answered ${res.status}` };
    }
    const parsed = answer.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, unreachable: 'the console answered something this kiosk does not understand' };
  }
}
