import fs from 'node:fs';
import path from 'node:path';

/**
 * Drives the device simulators a running kiosk started, through their loopback control channels
 * (see hardware/simulators/*\/sim.ts for the actions). The kiosk lists them in
 * `<dataDir>/simulators.json`; the reader below accepts the listing as an object keyed by device
 * (`{ "idReader": { "control": "http://127.0.0.1:…" }, … }`, optionally under `devices`) or as an
 * array of `{ role | device, control }` (as `{ simulators: [...] }`, which the devices area writes).
 */
/** Polls `probe` until it returns a truthy value (usable in beforeAll, unlike expect.poll). */
export async function waitUntil<T>(probe: () => T | Promise<T>, timeoutMs: number, message: string, intervalMs = 250): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export type SimDevice = 'idReader' | 'printer' | 'pad' | 'scanner';
export type SampleCard = 'valid' | 'longTerm' | 'expired' | 'foreign' | 'hkmt' | 'unsupported' | 'unreadable';

export interface Simulators {
  readonly controls: Readonly<Partial<Record<SimDevice, string>>>;
  /** Control URL of one device; throws with the listing when the kiosk did not start it. */
  url(device: SimDevice): string;
}

const DEVICES: readonly SimDevice[] = ['idReader', 'printer', 'pad', 'scanner'];

function parseListing(raw: unknown): Partial<Record<SimDevice, string>> {
  const out: Partial<Record<SimDevice, string>> = {};
  const take = (device: unknown, entry: unknown): void => {
    if (typeof device !== 'string' || !(DEVICES as readonly string[]).includes(device)) return;
    const control = typeof entry === 'string' ? entry : (entry as { control?: unknown } | null)?.control;
    if (typeof control === 'string') out[device as SimDevice] = control.replace(/\/$/, '');
  };
  const root = (raw as { devices?: unknown } | null)?.devices ?? (raw as { simulators?: unknown } | null)?.simulators ?? raw;
  if (Array.isArray(root)) for (const e of root) take((e as { device?: unknown; role?: unknown }).device ?? (e as { role?: unknown }).role, e);
  else if (root && typeof root === 'object') for (const [k, v] of Object.entries(root)) take(k, v);
  return out;
}

/** Waits (up to `timeoutMs`) for `<dataDir>/simulators.json` and reads the control URLs from it. */
export async function readSimulators(dataDir: string, timeoutMs = 30_000): Promise<Simulators> {
  const file = path.join(dataDir, 'simulators.json');
  let controls: Partial<Record<SimDevice, string>> = {};
  await waitUntil(
    () => {
      try {
        controls = parseListing(JSON.parse(fs.readFileSync(file, 'utf8')));
      } catch {
        controls = {};
      }
      return Object.keys(controls).length > 0;
    },
    timeoutMs,
    `${file} lists no simulators`,
  );
  return {
    controls,
    url(device) {
      const u = controls[device];
      if (!u) throw new Error(`no ${device} simulator in ${file}: ${JSON.stringify(controls)}`);
      return u;
    },
  };
}

/** Calls one control action, e.g. `simControl(url, 'POST', '/card/insert', { card: 'valid' })`. */
export async function simControl<T = unknown>(base: string, method: 'GET' | 'POST', route: string, body: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    ...(method === 'GET' ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('image/')) return Buffer.from(await res.arrayBuffer()) as T;
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${route} failed (${res.status}): ${JSON.stringify(json)}`);
  return json;
}

// --- ID card reader -------------------------------------------------------------------------

/** Places a sample card on the reader (`valid`, `expired`, `unreadable`, …). */
export const insertCard = (sims: Simulators, card: SampleCard = 'valid'): Promise<unknown> =>
  simControl(sims.url('idReader'), 'POST', '/card/insert', { card });
/** Takes the card off the reader. */
export const removeCard = (sims: Simulators): Promise<unknown> => simControl(sims.url('idReader'), 'POST', '/card/remove');
/** Takes the card off and waits until the kiosk has asked the reader since, and so seen it gone (its polling, not the clock). */
export async function liftCard(sims: Simulators): Promise<void> {
  await removeCard(sims);
  const state = (): Promise<{ finds: number }> => simControl<{ finds: number }>(sims.url('idReader'), 'GET', '/card/state');
  const asked = (await state()).finds;
  await waitUntil(async () => (await state()).finds > asked, 20_000, 'the kiosk did not poll the reader after the card was lifted', 50);
}

// --- QR scanner -----------------------------------------------------------------------------

/** The scanner reads `text` as if a QR code had been held in front of it. */
export const scanCode = (sims: Simulators, text: string): Promise<unknown> => simControl(sims.url('scanner'), 'POST', '/scanner/scan', { text });

// --- evaluation pad -------------------------------------------------------------------------

/**
 * The person rates on the pad: `level` 1..5 (5 = 非常满意 … 1 = 非常不满意, see the pad protocol) and,
 * for a bad rating, the indices of the reasons chosen from the pad's reason table. Fails when the
 * kiosk has not lit the pad (no rating requested).
 */
export const padPress = (sims: Simulators, level: number, reasons: number[] = []): Promise<{ session: number; level: number; reasons: number[] }> =>
  simControl(sims.url('pad'), 'POST', '/pad/press', { level, reasons });
/** The person walks away from the lit pad. */
export const padTimeout = (sims: Simulators): Promise<unknown> => simControl(sims.url('pad'), 'POST', '/pad/timeout');
/** The pad's session state (active session, reason table shown, unacknowledged frames). */
export const padState = <T = { activeSession: unknown; reasonTable: unknown; unacked: number }>(sims: Simulators): Promise<T> =>
  simControl<T>(sims.url('pad'), 'GET', '/pad/state');

// --- receipt printer ------------------------------------------------------------------------

export type PrinterCondition = 'paper-out' | 'paper-near-end' | 'paper-back' | 'cover-open' | 'cover-close' | 'offline' | 'online' | 'reset';
/** Puts the printer into a condition (paper out, cover open, offline …) or back. */
export const setPrinter = (sims: Simulators, condition: PrinterCondition): Promise<unknown> =>
  simControl(sims.url('printer'), 'POST', `/printer/${condition}`);
/** Printer flags and the number of receipts printed so far. */
export const printerStatus = <T = { flags: Record<string, boolean>; printed: number; unknownCommands: number }>(sims: Simulators): Promise<T> =>
  simControl<T>(sims.url('printer'), 'GET', '/printer/status');

export interface PrintedReceipt {
  /** Decoded text lines of the last receipt. */
  readonly text: string;
  /** QR payloads found in the receipt (GS ( k), if the simulator reports them. */
  readonly qr: string[];
  readonly raw: unknown;
}

/** The last receipt, as decoded by the printer simulator (text plus any QR payloads). */
export async function lastPrinted(sims: Simulators): Promise<PrintedReceipt> {
  const raw = await simControl<unknown>(sims.url('printer'), 'GET', '/printer/last');
  const r = (raw ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(r.lines) ? (r.lines as unknown[]).map(String).join('\n') : null;
  const text = typeof r.text === 'string' ? r.text : (lines ?? JSON.stringify(raw));
  const qrField = r.qr ?? r.qrCodes ?? r.qrs;
  const qr = Array.isArray(qrField)
    ? qrField.map((q) => (typeof q === 'string' ? q : String((q as { data?: unknown; text?: unknown }).data ?? (q as { text?: unknown }).text ?? '')))
    : typeof qrField === 'string'
      ? [qrField]
      : [];
  return { text, qr, raw };
}

/** Receipt text without the paper's line wrapping and column padding: to look for a sentence or a label and its value. */
export const unwrapped = (text: string): string => text.replace(/\s+/g, '');

/** Polls until the printer simulator has printed more than `before` receipts, then returns the last one. */
export async function waitForPrint(sims: Simulators, before: number, timeoutMs = 20_000): Promise<PrintedReceipt> {
  await waitUntil(async () => (await printerStatus(sims)).printed > before, timeoutMs, 'the printer simulator printed nothing new');
  return lastPrinted(sims);
}

// --- any device -----------------------------------------------------------------------------

/** The device goes silent (as if unplugged) or comes back. */
export const unplug = (sims: Simulators, device: SimDevice): Promise<unknown> => simControl(sims.url(device), 'POST', '/unplug');
export const replug = (sims: Simulators, device: SimDevice): Promise<unknown> => simControl(sims.url(device), 'POST', '/replug');
