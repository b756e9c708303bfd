import {
  DEFAULT_PROFILE, EvaluationPad, IdCardReader, QrScanner, ReceiptPrinter, buildReceipt, testReceipt,
  probePorts, type DeviceRole, type DeviceStatus as HardwareStatus, type PhotoDecoder,
  type CardError, type PrinterProfile, type ProbeResult, type ReceiptTemplate, type RemovalDetect, type SupervisedDevice,
} from '../../hardware';
import type { DeviceConfigEntry, PrinterCondition } from '../../contract/api/devices';
import type { DeviceStatus } from '../../contract/api/system';
import type { CardView } from '../../contract/events/devices';
import type { CardPort } from '../session/area';
import type { EventBus } from '../bridge/event-bus';
import type { Logger } from '../log/logger';
import { ratingByLevel } from '../../kernel/rating';
import { PAD_REASON_TABLE, reasonsFromPadCodes } from './pad-reasons';
import { samePort } from './ports';
import type { CardOutcome, SelfTestDevices } from './self-tests';

/** One remembered status change of a device, for the technician's "last errors". */
export interface StatusChange {
  readonly at: string;
  readonly state: string;
  readonly condition: string | null;
  readonly reason: string;
}
const HISTORY = 10;

export type DevicesMode = 'simulated' | 'configured' | 'none';

/** Starts simulated devices (the demo profile); their ports are where the drivers connect. */
export type SimulatorLauncher = () => Promise<{ ports: ReadonlyArray<{ role: DeviceRole; path: string; baudRate: number }>; close(): Promise<void> }>;

export interface DeviceManagerOptions {
  readonly log: Logger;
  /** Present only in the demo profile: `simulated` mode is refused without it. */
  readonly simulators?: SimulatorLauncher;
  readonly bus: EventBus;
  /** The session binds every card the reader produces, and says what may be shown of it. */
  readonly cards: CardPort;
  readonly photoDecoder?: PhotoDecoder;
  /** Shorter timeouts and backoff (tests). */
  readonly fast?: boolean;
  /** How the ID card reader tells a lifted card (default unreliable: it cannot). */
  readonly readerRemoval?: RemovalDetect;
}

/**
 * Owns the four drivers (and, in simulated mode, the simulator processes on socat PTY pairs):
 * forwards their events to the bus, keeps their status for /healthz, and serves the bridge calls.
 */
export class DeviceManager {
  private drivers: Partial<Record<DeviceRole, SupervisedDevice>> = {};
  private simulated: { close(): Promise<void> } | null = null;
  private profile: PrinterProfile = DEFAULT_PROFILE;
  private mode: DevicesMode = 'simulated';
  private readonly sessions = new Map<number, string>();
  private nextSession = (Date.now() % 1_000_000) * 1000;
  private readonly history = new Map<DeviceRole, StatusChange[]>();
  /** While a technician tests the reader or the scanner, what it reads goes to the test, not to a session or a screen. */
  private cardDiversion: ((o: CardOutcome) => void) | null = null;
  private scanDiversion: ((text: string) => void) | null = null;
  private simulatorPorts: ReadonlyArray<{ role: DeviceRole; path: string; baudRate: number }> = [];

  constructor(private readonly o: DeviceManagerOptions) {}

  get currentMode(): DevicesMode {
    return this.mode;
  }

  /**
   * Starts the drivers for `mode`. Simulated devices (the demo's hardware) are started once and stay
   * while the drivers are restarted on another assignment: a technician assigning the simulators' ports
   * by hand must find them still there.
   */
  async start(mode: DevicesMode, entries: readonly DeviceConfigEntry[]): Promise<void> {
    this.mode = mode;
    // In the demo the simulators are the kiosk's hardware: running whatever the drivers are pointed at.
    if (mode !== 'none') await this.ensureSimulators();
    if (mode === 'simulated') {
      if (!this.o.simulators) throw new Error('simulated devices are for the demo profile only');
      for (const p of this.simulatorPorts) this.startDriver({ role: p.role, path: p.path, baudRate: p.baudRate as DeviceConfigEntry['baudRate'] });
    } else if (mode === 'configured') {
      for (const e of entries) this.startDriver(e);
    }
    this.o.log.info('devices started', { mode, roles: Object.keys(this.drivers) });
  }

  private async ensureSimulators(): Promise<void> {
    if (this.simulated || !this.o.simulators) return;
    const sims = await this.o.simulators();
    this.simulated = sims;
    this.simulatorPorts = sims.ports;
  }

  /** Stops the drivers only (a probe, a new assignment, safe mode); simulators keep running. */
  async stopDrivers(): Promise<void> {
    await Promise.all(Object.values(this.drivers).map((d) => d.stop()));
    this.drivers = {};
  }

  /** Stops the drivers on another assignment and starts them again. */
  async restart(mode: DevicesMode, entries: readonly DeviceConfigEntry[]): Promise<void> {
    await this.stopDrivers();
    await this.start(mode, entries);
  }

  async stop(): Promise<void> {
    await this.stopDrivers();
    await this.simulated?.close();
    this.simulated = null;
    this.simulatorPorts = [];
  }

  /** Ports the OS list does not show: the simulators' PTYs (demo), and every port a driver uses. */
  extraPorts(): string[] {
    return [...new Set([...this.simulatorPorts.map((p) => p.path), ...Object.values(this.drivers).map((d) => d.status.port)])];
  }

  /** The last status changes of a device, newest first. */
  historyOf(role: DeviceRole): StatusChange[] {
    return [...(this.history.get(role) ?? [])].reverse();
  }

  statuses(): DeviceStatus[] {
    const simulated = this.mode === 'simulated';
    return (['idReader', 'printer', 'pad', 'scanner'] as const).map((role) => {
      const d = this.drivers[role];
      if (!d) return { role, state: 'absent', reason: 'not configured', simulated, since: new Date(0).toISOString() };
      return this.toContract(d.status);
    });
  }

  private toContract(s: HardwareStatus): DeviceStatus {
    // A simulator assigned by hand (configured mode in the demo) is still a simulator.
    const simulated = this.mode === 'simulated' || this.simulatorPorts.some((p) => samePort(p.path, s.port));
    return { ...s, simulated };
  }

  private startDriver(e: DeviceConfigEntry): void {
    const fast = this.o.fast ?? false;
    const backoff = fast ? { initialMs: 100, maxMs: 500 } : { initialMs: 500, maxMs: 10_000 };
    const base = { path: e.path, baudRate: e.baudRate, backoff };
    const { bus, log } = this.o;
    let driver: SupervisedDevice;
    switch (e.role) {
      case 'idReader': {
        const reader = new IdCardReader({
          ...base,
          removalDetect: this.o.readerRemoval ?? 'unreliable',
          ...(this.o.photoDecoder ? { photoDecoder: this.o.photoDecoder } : {}),
        });
        reader.onCard((read) => {
          if (this.cardDiversion) return this.cardDiversion({ kind: 'card', read });
          bus.publish({ type: 'card.read', card: this.o.cards.presented(read) });
        });
        reader.onRemoved(() => {
          if (!this.cardDiversion) bus.publish({ type: 'card.removed' });
        });
        reader.onCardError((err) => {
          if (this.cardDiversion) return this.cardDiversion({ kind: 'error', error: err });
          bus.publish({ type: 'card.error', reasonKey: err.reasonKey, message: err.reason });
        });
        driver = reader;
        break;
      }
      case 'printer':
        if (e.profile) this.profile = e.profile;
        driver = new ReceiptPrinter({ ...base, ...(fast ? { statusIntervalMs: 1000 } : {}) });
        break;
      case 'pad': {
        const pad = new EvaluationPad({ ...base, reasonTable: PAD_REASON_TABLE, ...(fast ? { heartbeatMs: 300, timeoutMs: 400, retries: 1 } : {}) });
        pad.onRating((r) => {
          const { reasons, unknown } = reasonsFromPadCodes(r.reasons);
          if (unknown.length > 0) log.warn('pad sent reason codes outside its table', { codes: unknown, tableVersion: PAD_REASON_TABLE.version });
          bus.publish({ type: 'pad.rating', transactionId: this.sessions.get(r.session) ?? null, level: r.level, levelName: ratingByLevel(r.level).zh, reasons });
          this.sessions.delete(r.session);
        });
        pad.onRestarted((why) => log.info('evaluation pad restarted: reason table (and a lit rating) given again', { why }));
        pad.onRatingTimeout((session) => {
          bus.publish({ type: 'pad.ratingTimeout', transactionId: this.sessions.get(session) ?? null });
          this.sessions.delete(session);
        });
        driver = pad;
        break;
      }
      case 'scanner': {
        const scanner = new QrScanner(base);
        scanner.onScan((s) => {
          if (this.scanDiversion) return this.scanDiversion(s.text);
          bus.publish({ type: 'scanner.scan', text: s.text });
        });
        scanner.onScanError((err) => log.warn('scanner input refused', { error: err.error, detail: err.detail }));
        driver = scanner;
        break;
      }
    }
    driver.onStatus((s) => {
      log.info('device status', { role: s.role, state: s.state, condition: s.condition, reason: s.reason });
      if (s.state !== 'busy') {
        const list = [...(this.history.get(s.role) ?? []), { at: s.since, state: s.state, condition: s.condition ?? null, reason: s.reason }];
        this.history.set(s.role, list.slice(-HISTORY));
      }
      bus.publish({ type: 'device.status', status: this.toContract(s) });
    });
    this.drivers[e.role] = driver;
    driver.start();
  }

  async print(template: ReceiptTemplate): Promise<{ printed: boolean; condition: PrinterCondition; reason: string; previewSvg: string }> {
    const built = buildReceipt(template, this.profile);
    const printer = this.drivers.printer as ReceiptPrinter | undefined;
    if (!printer) return { printed: false, condition: 'absent', reason: 'no printer configured', previewSvg: built.svg };
    const result = await printer.print(built.escpos);
    const reason = result.printed ? 'printed' : result.reason;
    if (!result.printed) this.o.log.warn('receipt not printed', { condition: result.condition, reason });
    return { printed: result.printed, condition: result.condition, reason, previewSvg: built.svg };
  }

  async requestRating(transactionId: string, timeoutSeconds: number, reasonRequired: boolean): Promise<{ requested: boolean; reason: string }> {
    const pad = this.drivers.pad as EvaluationPad | undefined;
    if (!pad || pad.status.state !== 'ready') return { requested: false, reason: pad ? `pad ${pad.status.state}: ${pad.status.reason}` : 'no pad configured' };
    const session = (this.nextSession = (this.nextSession + 1) >>> 0);
    try {
      await pad.requestRating(session, { timeoutSeconds, reasonRequired });
      this.sessions.set(session, transactionId);
      return { requested: true, reason: 'pad lit' };
    } catch (err) {
      return { requested: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  async cancelRating(transactionId: string): Promise<{ cancelled: boolean; reason: string }> {
    const pad = this.drivers.pad as EvaluationPad | undefined;
    const session = [...this.sessions].find(([, tx]) => tx === transactionId)?.[0];
    if (session === undefined) return { cancelled: false, reason: 'no open rating for this transaction' };
    this.sessions.delete(session);
    if (!pad || pad.status.state !== 'ready') return { cancelled: false, reason: pad ? `pad ${pad.status.state}` : 'no pad configured' };
    try {
      await pad.cancelRating(session);
      return { cancelled: true, reason: 'pad switched off' };
    } catch (err) {
      return { cancelled: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Reads the card on the reader again (see IdCardReader.reread); the answer goes to the caller only. */
  async rereadCard(): Promise<
    | { outcome: 'card'; card: CardView }
    | { outcome: 'error'; reasonKey: CardError['reasonKey']; message: string }
    | { outcome: 'no-card' }
    | { outcome: 'unavailable'; reason: string }
  > {
    const reader = this.drivers.idReader as IdCardReader | undefined;
    if (!reader) return { outcome: 'unavailable', reason: 'no ID card reader configured' };
    if (reader.status.state !== 'ready' && reader.status.state !== 'busy') return { outcome: 'unavailable', reason: `reader ${reader.status.state}` };
    const o = await reader.reread();
    if (o.kind === 'no-card') return { outcome: 'no-card' };
    // A card may lie there unseen: nothing is known, not "no card" (the screen keeps what it knows).
    if (o.kind === 'cannot-tell') return { outcome: 'unavailable', reason: 'the reader does not find a card it has read until the card is lifted and placed again' };
    if (o.kind === 'error') return { outcome: 'error', reasonKey: o.error.reasonKey, message: o.error.reason };
    return { outcome: 'card', card: this.o.cards.presented(o.read) };
  }

  /** Switches the pad off for every rating still open: a session reset leaves nothing waiting on it. */
  async cancelAllRatings(): Promise<void> {
    await Promise.all([...new Set(this.sessions.values())].map((tx) => this.cancelRating(tx).catch(() => undefined)));
  }

  /** Whether the pad waits for a rating (a person is being asked). */
  get ratingOpen(): boolean {
    return this.sessions.size > 0;
  }

  async probe(): Promise<ProbeResult[]> {
    const inUse = new Set(Object.values(this.drivers).map((d) => d.status.port));
    return probePorts({ skip: inUse, extraPaths: [...inUse] });
  }

  /**
   * A technician's probe: the drivers let go of their ports, every port is asked which device it is,
   * then the drivers start again as they were (nobody is using the kiosk in admin mode).
   */
  async probeAll(paths: readonly string[], entries: readonly DeviceConfigEntry[]): Promise<ProbeResult[]> {
    const mode = this.mode;
    await this.stopDrivers();
    try {
      return await probePorts({ extraPaths: [...paths] });
    } finally {
      await this.start(mode, entries);
    }
  }

  /** The devices as a self-test drives them. */
  selfTestDevices(kioskId: string): SelfTestDevices {
    const driver = <T>(role: DeviceRole): T | null => (this.drivers[role] as T | undefined) ?? null;
    return {
      printer: () => driver<ReceiptPrinter>('printer'),
      reader: () => driver<IdCardReader>('idReader'),
      pad: () => driver<EvaluationPad>('pad'),
      scanner: () => driver<QrScanner>('scanner'),
      printTest: async () => {
        const r = await this.print(testReceipt(kioskId, new Date()));
        return { printed: r.printed, condition: r.condition, reason: r.reason };
      },
      divertCards: (listener) => {
        this.cardDiversion = listener;
        return () => {
          if (this.cardDiversion === listener) this.cardDiversion = null;
        };
      },
      divertScans: (listener) => {
        this.scanDiversion = listener;
        return () => {
          if (this.scanDiversion === listener) this.scanDiversion = null;
        };
      },
    };
  }
}
