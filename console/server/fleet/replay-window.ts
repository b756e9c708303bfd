/** How many recent nonces a kiosk's row remembers. */
export const NONCE_MEMORY = 32;

export interface ReplayWindow {
  /** `<signed ms>:<nonce>` of recent accepted requests. */
  readonly recent: readonly string[];
  /** Nothing signed before this is accepted (ms). */
  readonly floor: number;
}

/**
 * Admits a signed request once. The signature check already refuses anything older than the skew
 * window; within it, a nonce seen before is a replay. Entries older than the window are forgotten
 * (their requests are refused as stale anyway); past `NONCE_MEMORY` entries the oldest is dropped and
 * the floor rises past its time, so nothing signed before it is accepted again. Null: a replay.
 */
export function admit(w: ReplayWindow, signedAt: number, nonce: string, now: number, skewMs: number): ReplayWindow | null {
  if (signedAt < w.floor) return null;
  const entries = w.recent.map((e) => {
    const i = e.indexOf(':');
    return { at: Number(e.slice(0, i)), nonce: e.slice(i + 1) };
  });
  if (entries.some((e) => e.nonce === nonce)) return null;
  const live = entries.filter((e) => e.at >= now - skewMs).concat({ at: signedAt, nonce });
  live.sort((a, b) => a.at - b.at);
  let floor = w.floor;
  // The forgotten entry's own time is below the floor too: its request can never come back.
  while (live.length > NONCE_MEMORY) floor = Math.max(floor, live.shift()!.at + 1);
  return { recent: live.map((e) => `${e.at}:${e.nonce}`), floor };
}
