/** Beyond this, signed requests and TUF expiry checks go wrong: the kiosk says its clock is off. */
export const CLOCK_SKEW_LIMIT_MS = 60_000;

export interface ClockReading {
  readonly source: 'platform' | 'content';
  readonly url: string;
  readonly offsetMs: number | null;
  readonly latencyMs: number | null;
  readonly at: string;
  readonly error: string | null;
}

/**
 * Reads a server's clock from the `Date` header of any answer (even an error page carries one) and
 * compares it with the kiosk's at the request's midpoint. The header has whole seconds, so the offset
 * is good to about a second plus half the latency: plenty to tell a clock a minute off.
 */
export async function readServerClock(source: ClockReading['source'], url: string, timeoutMs = 5_000, now: () => number = Date.now): Promise<ClockReading> {
  const sent = now();
  try {
    const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const received = now();
    await res.body?.cancel().catch(() => undefined);
    const header = res.headers.get('date');
    const server = header ? Date.parse(header) : NaN;
    const latencyMs = received - sent;
    if (Number.isNaN(server)) return { source, url, offsetMs: null, latencyMs, at: new Date(received).toISOString(), error: 'no Date header' };
    // The header is truncated to the second: its middle is half a second later.
    const offsetMs = Math.round(server + 500 - (sent + latencyMs / 2));
    return { source, url, offsetMs, latencyMs, at: new Date(received).toISOString(), error: null };
  } catch (err) {
    return { source, url, offsetMs: null, latencyMs: null, at: new Date(now()).toISOString(), error: err instanceof Error ? err.message : String(err) };
  }
}

export const isSkewed = (r: Pick<ClockReading, 'offsetMs'>): boolean => r.offsetMs !== null && Math.abs(r.offsetMs) > CLOCK_SKEW_LIMIT_MS;
