import type { Logger } from '../log/logger';
import type { PlatformClient, PlatformFailure, PlatformResult } from './client';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxKind, type OutboxStore, type ParkedReason } from './outbox-store';

export interface SenderOptions {
  /** Delay after the first failure; doubles each attempt up to `maxDelayMs`, with jitter. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Failed attempts after which an entry is parked as a dead letter for technicians. */
  readonly maxAttempts?: number;
  /** Idle poll interval of the loop when nothing is due. */
  readonly pollMs?: number;
  readonly requestTimeoutMs?: number;
  readonly random?: () => number;
  /** Called when an entry is parked as a dead letter (the platform refused it, or the sender gave up). */
  readonly onParked?: (p: Parked) => void;
}

export type Delivered = { entry: OutboxEntry; result: Record<string, unknown> };
export type Parked = { entry: OutboxEntry; reason: ParkedReason; refusalCode: string | null };

/** Sends one payload of a kind and reduces the answer to its non-personal summary. */
type Deliver = (client: PlatformClient, payload: unknown, key: string, timeoutMs: number) => Promise<PlatformResult<Record<string, unknown>>>;

const summarise = <T>(r: PlatformResult<T>, pick: (v: T) => Record<string, unknown>): PlatformResult<Record<string, unknown>> =>
  r.ok ? { ok: true, value: pick(r.value), replayed: r.replayed } : r;

const DELIVER: Record<OutboxKind, Deliver> = {
  application: async (c, p, k, t) =>
    summarise(await c.fileApplication(p, k, t), (v) => ({
      applicationNumber: v.applicationNumber,
      promisedDate: v.promisedDate,
      status: v.status,
      acceptedAt: v.acceptedAt,
      decision: v.decision,
      slipNumber: v.slipNumber,
      toProvide: v.toProvide,
      handledBy: v.handledBy,
    })),
  evaluation: async (c, p, k, t) =>
    summarise(await c.evaluate(p, k, t), (v) => ({ evaluationId: v.evaluationId, followUpRequired: v.followUpRequired, callBackBy: v.callBackBy })),
  feedback: async (c, p, k, t) => summarise(await c.feedback(p, k, t), (v) => ({ feedbackId: v.feedbackId, handlingWindow: v.handlingWindow })),
  help: async (c, p, k, t) => summarise(await c.requestHelp(p, k, t), (v) => ({ helpId: v.helpId, status: v.status })),
  // A number issued here while the platform was down joins the hall's queue.
  ticket: async (c, p, k, t) => summarise(await c.takeTicket(p, k, t), (v) => ({ ticketNumber: v.ticketNumber, reconciled: v.reconciled })),
};

/** Exponential backoff with "equal jitter": half fixed, half random, so retries from many kiosks spread out. */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

const describe = (f: PlatformFailure): string => `${f.kind}${f.status ? ` ${f.status}` : ''}${f.code ? ` ${f.code}` : ''}: ${f.message}`;

/**
 * Delivers outbox entries in order per kind. One pass at a time; `kick()` starts a pass now
 * (after an enqueue), otherwise the loop polls. A failure delays only its own kind.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly waiters = new Map<string, Array<(d: Delivered | null) => void>>();
  private readonly o: Required<Omit<SenderOptions, 'onParked'>>;
  private readonly onParked: (p: Parked) => void;

  constructor(
    private readonly store: OutboxStore,
    private readonly client: () => PlatformClient | null,
    private readonly log: Logger,
    private readonly onDelivered: (d: Delivered) => void,
    options: SenderOptions = {},
  ) {
    this.o = {
      baseDelayMs: options.baseDelayMs ?? 2_000,
      maxDelayMs: options.maxDelayMs ?? 5 * 60_000,
      maxAttempts: options.maxAttempts ?? 10,
      pollMs: options.pollMs ?? 1_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 8_000,
      random: options.random ?? Math.random,
    };
    this.onParked = options.onParked ?? (() => {});
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    for (const list of this.waiters.values()) for (const w of list) w(null);
    this.waiters.clear();
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((e: unknown) => this.log.error('outbox pass failed', { error: e instanceof Error ? e : String(e) }))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => this.kick(), this.o.pollMs);
          this.timer.unref();
        }
      });
  }

  /** Resolves with the delivery of `receiptId`; null when it was parked instead, or nothing happened within `ms`. */
  waitFor(receiptId: string, ms: number): Promise<Delivered | null> {
    return new Promise((resolve) => {
      const list = this.waiters.get(receiptId) ?? [];
      const t = setTimeout(() => {
        const l = this.waiters.get(receiptId);
        if (l) this.waiters.set(receiptId, l.filter((x) => x !== done));
        resolve(null);
      }, ms);
      const done = (d: Delivered | null): void => {
        clearTimeout(t);
        resolve(d);
      };
      list.push(done);
      this.waiters.set(receiptId, list);
    });
  }

  /** Delivers every due head of every kind, each kind until it empties or fails. */
  private async pass(): Promise<void> {
    const client = this.client();
    if (!client) return;
    await Promise.all(OUTBOX_KINDS.map((kind) => this.drainKind(kind, client)));
  }

  private async drainKind(kind: OutboxKind, client: PlatformClient): Promise<void> {
    while (!this.stopped) {
      const head = this.store.head(kind);
      if (!head || head.entry.nextAttemptAt > Date.now()) return;
      const { entry } = head;
      if ('unreadable' in head) {
        this.store.markFailed(entry.seq, `cannot decrypt the stored write: ${head.unreadable}`, 0, { reason: 'unreadable' });
        this.log.error('outbox entry unreadable, parked as dead letter', { kind, receiptId: entry.receiptId });
        this.parked(entry, 'unreadable', null);
        continue;
      }
      const r = await DELIVER[kind](client, head.payload, entry.idempotencyKey, this.o.requestTimeoutMs);
      if (r.ok) {
        if (this.store.markDelivered(entry.seq, r.value)) {
          const d = { entry, result: r.value };
          this.log.info('outbox entry delivered', { kind, receiptId: entry.receiptId, attempts: entry.attempts + 1, replayed: r.replayed });
          this.onDelivered(d);
          for (const w of this.waiters.get(entry.receiptId) ?? []) w(d);
          this.waiters.delete(entry.receiptId);
        }
        continue;
      }
      const attempts = entry.attempts + 1;
      const reason: ParkedReason | null = !r.failure.retryable ? 'refused' : attempts >= this.o.maxAttempts ? 'gave-up' : null;
      const delay = backoffDelay(attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      // Kept only in the shape of the platform's code vocabulary (e.g. enterprise-not-active), so no
      // echoed input can ride along with it.
      const refusalCode = reason === 'refused' && r.failure.code && /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(r.failure.code) ? r.failure.code : null;
      // The platform's message could echo what was sent: stored and logged only after redaction.
      this.store.markFailed(
        entry.seq,
        this.log.redactor.redact(describe(r.failure)),
        Date.now() + delay,
        reason ? { reason, ...(refusalCode ? { refusalCode } : {}) } : null,
      );
      if (!reason) {
        this.log.warn('outbox delivery failed, will retry', { kind, receiptId: entry.receiptId, attempts, retryInMs: delay, error: describe(r.failure) });
        return; // keep the order of this kind: nothing behind it goes first
      }
      this.log.error('outbox entry parked as dead letter', { kind, receiptId: entry.receiptId, attempts, reason, error: describe(r.failure) });
      this.parked(entry, reason, refusalCode);
    }
  }

  /** Tells whoever waits for the entry (it will not be delivered) and the area (to tell the person). */
  private parked(entry: OutboxEntry, reason: ParkedReason, refusalCode: string | null): void {
    const stored = this.store.get(entry.receiptId) ?? entry;
    this.onParked({ entry: stored, reason, refusalCode });
    for (const w of this.waiters.get(entry.receiptId) ?? []) w(null);
    this.waiters.delete(entry.receiptId);
  }
}
