import type { Heartbeat } from '../../wire/protocol';

/** A device silent or failing for this long is a problem (shorter: a reconnect in progress). */
export const DEVICE_GRACE_MS = 5 * 60_000;
/** Content whose update metadata expires within this is a problem before it becomes one. */
export const CONTENT_EXPIRY_WARNING_MS = 3 * 86_400_000;

const PRINTER_FAULTS = new Set(['cover-open', 'offline', 'cutter-error', 'error']);

export interface Assessment {
  /** Sorted problem codes (`<kind>` or `<kind>:<subject>`), see console/shared/problems.ts. */
  readonly problems: string[];
  /** The console's clock minus the kiosk's, as this beat shows it (includes the network delay). */
  readonly clockOffsetMs: number;
}

/** What is wrong with a kiosk, from one heartbeat and the time it arrived. */
export function assess(beat: Heartbeat, receivedAt: number, clockSkewMs: number): Assessment {
  const sent = Date.parse(beat.sentAt);
  const clockOffsetMs = Number.isFinite(sent) ? Math.round(receivedAt - sent) : 0;
  const problems = new Set<string>();
  if (!beat.ready) problems.add('not-ready');
  for (const d of beat.devices) {
    if (d.role === 'printer' && d.state !== 'absent') {
      if (d.condition === 'paper-out') problems.add('paper-out');
      else if (d.condition === 'paper-near-end') problems.add('paper-near-end');
      else if (d.condition && PRINTER_FAULTS.has(d.condition)) problems.add('printer-fault');
    }
    if (d.state === 'disconnected' || d.state === 'error') {
      // `since` is on the kiosk's clock: brought onto the console's before it is compared.
      const since = Date.parse(d.since) + clockOffsetMs;
      if (!Number.isFinite(since) || receivedAt - since >= DEVICE_GRACE_MS) problems.add(`device-disconnected:${d.role}`);
    }
  }
  if (beat.outbox.dead > 0) problems.add('dead-letters');
  if (beat.content.expires) {
    const expires = Date.parse(beat.content.expires);
    if (expires <= receivedAt) problems.add('content-expired');
    else if (expires - receivedAt <= CONTENT_EXPIRY_WARNING_MS) problems.add('content-expiring');
  }
  if (Math.abs(clockOffsetMs) > clockSkewMs) problems.add('clock-skew');
  if (beat.updates.content.failed) problems.add('update-failed:content');
  if (beat.updates.app.failed) problems.add('update-failed:app');
  return { problems: [...problems].sort(), clockOffsetMs };
}
