import { randomBytes, randomUUID } from 'node:crypto';
import type { EvaluationPad, IdCardReader, PadKey, QrScanner, ReceiptPrinter, CardRead, CardError } from '../../hardware';
import type { SelfTestKind, SelfTestResult } from '../../contract/api/admin';
import type { CardView } from '../../contract/events/devices';
import type { PrintCondition } from '../../kernel/devices';
import { maskIdNumber, maskName } from '../../kernel/mask';
import { ratingByLevel, type RatingLevel } from '../../kernel/rating';
import type { Logger } from '../log/logger';

/** What a card test sees: a card, a card that could not be read, or nothing yet. */
export type CardOutcome = { kind: 'card'; read: CardRead } | { kind: 'error'; error: CardError };

/** The devices a self-test drives, handed over by the device manager. */
export interface SelfTestDevices {
  printer(): ReceiptPrinter | null;
  reader(): IdCardReader | null;
  pad(): EvaluationPad | null;
  scanner(): QrScanner | null;
  /** Prints the test receipt through the normal print path (profile, QR, cut). */
  printTest(): Promise<{ printed: boolean; condition: PrintCondition; reason: string }>;
  /** While diverted, card reads and scans go to the listener, not to the session or the screens. */
  divertCards(listener: (o: CardOutcome) => void): () => void;
  divertScans(listener: (text: string) => void): () => void;
}

export interface SelfTestOptions {
  /** How long a test waits for the technician (a card, a key, a scan); default 30 s. */
  readonly waitMs?: number;
  readonly redact: (text: string) => string;
}

const LEVELS: readonly RatingLevel[] = [5, 4, 3, 2, 1];

/** A card under test, masked as on every public screen and bound to nobody (it is not a session's person). */
export function maskedCard(read: CardRead): CardView {
  const c = read.card;
  return {
    holder: randomBytes(8).toString('hex'),
    cardType: c.cardType,
    nameMasked: maskName(c.name || c.englishName || ''),
    idNumberMasked: maskIdNumber(c.idNumber),
    sex: c.sex,
    validUntil: c.validUntil,
    expired: read.expired,
  };
}

class Cancelled extends Error {}

/**
 * The technician's device self-tests: one at a time, each reporting its progress (`publish`) until it
 * passes, fails or is cancelled. The printer prints a test receipt and shows the printer's answer; the
 * reader waits for a card and shows it masked; the pad lights each key in turn and waits for it; the
 * scanner waits for anything scanned.
 */
export class SelfTests {
  private current: { id: string; cancel: () => void } | null = null;

  constructor(
    private readonly devices: SelfTestDevices,
    private readonly publish: (r: SelfTestResult) => void,
    private readonly log: Logger,
    private readonly options: SelfTestOptions,
  ) {}

  private get waitMs(): number {
    return this.options.waitMs ?? 30_000;
  }

  /** Starts a test (cancelling one still running) and returns its first state. */
  start(kind: SelfTestKind): SelfTestResult {
    this.current?.cancel();
    const testId = randomUUID();
    const base: SelfTestResult = { testId, kind, outcome: 'running', detail: 'started', printer: null, card: null, cardError: null, pad: null, scan: null };
    const cleanups: Array<() => void | Promise<unknown>> = [];
    let cancelled = false;
    let wake: (() => void) | null = null;
    this.current = {
      id: testId,
      cancel: () => {
        cancelled = true;
        wake?.();
      },
    };
    /** Waits for `ready` to settle, the technician's time to run out, or a cancel. */
    const waitFor = <T>(register: (settle: (v: T) => void) => () => void, what: string): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => done(() => reject(new Error(`nothing within ${Math.round(this.waitMs / 1000)} s: ${what}`))), this.waitMs);
        const off = register((v) => done(() => resolve(v)));
        const done = (f: () => void): void => {
          clearTimeout(timer);
          off();
          wake = null;
          f();
        };
        wake = () => done(() => reject(new Cancelled()));
        if (cancelled) wake();
      });
    const step = (patch: Partial<SelfTestResult>): SelfTestResult => {
      const r = { ...base, ...patch };
      Object.assign(base, patch);
      this.publish(r);
      return r;
    };

    const run = async (): Promise<Partial<SelfTestResult>> => {
      switch (kind) {
        case 'printer': {
          if (!this.devices.printer()) return { outcome: 'failed', detail: 'no printer is assigned' };
          const r = await this.devices.printTest();
          return { outcome: r.printed ? 'passed' : 'failed', detail: r.reason, printer: { printed: r.printed, condition: r.condition } };
        }
        case 'card': {
          const reader = this.devices.reader();
          if (!reader || !['ready', 'busy'].includes(reader.status.state)) return { outcome: 'failed', detail: `the reader is ${reader?.status.state ?? 'not assigned'}` };
          const outcome = reader.cardPresent
            ? await reader.reread().then((o) => (o.kind === 'no-card' || o.kind === 'cannot-tell' ? null : o))
            : null;
          const got =
            outcome ??
            (await waitFor<CardOutcome>((settle) => {
              const off = this.devices.divertCards(settle);
              cleanups.push(off);
              step({ detail: 'waiting for a card on the reader' });
              return off;
            }, 'no card was placed on the reader'));
          if (got.kind === 'error') return { outcome: 'failed', detail: got.error.reason, cardError: got.error.reasonKey };
          return { outcome: 'passed', detail: got.read.expired ? 'card read (it has expired)' : 'card read', card: maskedCard(got.read) };
        }
        case 'pad': {
          const pad = this.devices.pad();
          if (!pad || pad.status.state !== 'ready') return { outcome: 'failed', detail: `the pad is ${pad?.status.state ?? 'not assigned'}` };
          await pad.buttonTest(true);
          cleanups.push(() => pad.buttonTest(false).catch(() => undefined));
          const pressed: number[] = [];
          for (const level of LEVELS) {
            await pad.showPrompt(`按键测试：请按“${ratingByLevel(level).zh}”\nKey test: press ${level}`);
            step({ detail: `waiting for key ${level}`, pad: { waitingFor: level, pressed: [...pressed] } });
            await waitFor<void>((settle) => pad.onKey((k: PadKey) => {
              if (!k.down) return;
              pressed.push(k.key);
              if (k.key === level) settle();
              else step({ detail: `key ${k.key} pressed, waiting for key ${level}`, pad: { waitingFor: level, pressed: [...pressed] } });
            }), `key ${level} was not pressed`);
          }
          await pad.showPrompt('按键测试通过\nKey test passed');
          return { outcome: 'passed', detail: 'every key answered', pad: { waitingFor: null, pressed } };
        }
        case 'scanner': {
          const scanner = this.devices.scanner();
          if (!scanner || scanner.status.state !== 'ready') return { outcome: 'failed', detail: `the scanner is ${scanner?.status.state ?? 'not assigned'}` };
          const text = await waitFor<string>((settle) => {
            step({ detail: 'waiting for a scan' });
            return this.devices.divertScans(settle);
          }, 'nothing was scanned');
          // A scanned code may carry personal data (a licence, a filing): shown redacted, like a log line.
          return { outcome: 'passed', detail: 'scanned', scan: { text: this.options.redact(text).slice(0, 200), length: [...text].length } };
        }
      }
    };

    void run()
      .catch((err: unknown) => (err instanceof Cancelled ? { outcome: 'cancelled' as const, detail: 'cancelled' } : { outcome: 'failed' as const, detail: err instanceof Error ? err.message : String(err) }))
      .then(async (end) => {
        // The devices are back in service before the result says so (the pad out of button test).
        for (const c of cleanups.reverse()) await c();
        if (this.current?.id === testId) this.current = null;
        const r = step(end);
        this.log.info('self-test finished', { kind, outcome: r.outcome, detail: r.detail });
      });
    return { ...base };
  }

  cancel(testId: string): boolean {
    if (this.current?.id !== testId) return false;
    this.current.cancel();
    return true;
  }

  /** Leaving admin mode ends whatever test still waits. */
  cancelAll(): void {
    this.current?.cancel();
  }
}
