import { createResponseDecoder, encodeCommand, type SamResponse } from '../../protocols/idcard/frame';
import { SAM, SW3, describeSw3 } from '../../protocols/idcard/commands';
import { chinaToday } from '../../../kernel/china-date';
import type { CardErrorKey } from '../../../kernel/devices';
import { decodeTextBlock, isExpired, type IdCardRecord } from '../../protocols/idcard/text-block';
import { NoAnswerError, Requester } from '../../transport/requester';
import type { SerialLink } from '../../transport/serial-link';
import { SupervisedDevice, sleep, type SupervisorOptions } from '../supervisor';
import type { DecodedPhoto, PhotoDecoder } from './photo';

export interface CardRead {
  readonly card: IdCardRecord;
  readonly expired: boolean;
  /** Decoded photo if a decoder is plugged in; the raw WLT stays in memory only. */
  readonly photo: DecodedPhoto | null;
  readonly wlt: Buffer;
}

/** Why a card could not be read; `reasonKey` is an i18n key. */
export interface CardError {
  readonly reasonKey: CardErrorKey;
  readonly reason: string;
}

export interface IdReaderOptions extends SupervisorOptions {
  /**
   * Delay between find attempts while no card is present (default 100 ms): half of it is, on average, what a
   * person waits after placing the card, and a find is a 10-byte frame (under 1 ms of a 115200 Bd line).
   */
  readonly pollIntervalMs?: number;
  /** Find/select timeout (default 300 ms) and read timeout (default 1100 ms), per the notes §4. */
  readonly commandTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly retries?: number;
  readonly photoDecoder?: PhotoDecoder;
  /** Today in China time, injectable for tests of the expiry check. */
  readonly today?: () => string;
  /** Poll for cards on its own (default true); false leaves reads to `readOnce()` (benchmarks, technician test read). */
  readonly autoPoll?: boolean;
  /** How this reader model tells a lifted card (default `unreliable`, see `RemovalDetect`). */
  readonly removalDetect?: RemovalDetect;
}

/**
 * Whether the reader's "no card" after a read means the card was lifted. `reliable`: the reader finds
 * a card lying on it again, so 80 means it left. `unreliable` (many models, notes §4): after a read it
 * answers 80 until the card has left the field, so removal cannot be seen at all; only a card found
 * again after an 80 is a card placed (the same one put back, or another).
 */
export type RemovalDetect = 'reliable' | 'unreliable';

/** `cannot-tell`: the reader does not find a card it has read; one may lie there all the same. */
export type ReadOutcome = { kind: 'card'; read: CardRead } | { kind: 'error'; error: CardError } | { kind: 'no-card' } | { kind: 'cannot-tell' };

/**
 * SAM serial ID card reader: checks the SAM at connect, then polls find → select → read, reports the
 * card, and waits until the card is lifted (find answers 80) before looking for the next one.
 */
export class IdCardReader extends SupervisedDevice {
  private readonly decoder = createResponseDecoder();
  private requester: Requester<SamResponse> | null = null;
  private samId: string | null = null;
  /** A card was found and is still on the reader (read or not). */
  private present = false;
  /** Callers of `reread()` waiting for the poll loop to read the present card again. */
  private rereadWaiters: Array<(o: ReadOutcome) => void> = [];

  constructor(private readonly opts: IdReaderOptions) {
    super('idReader', opts);
  }

  onCard(l: (r: CardRead) => void): this {
    return this.on('card', l);
  }
  onRemoved(l: () => void): this {
    return this.on('removed', l);
  }
  onCardError(l: (e: CardError) => void): this {
    return this.on('card-error', l);
  }

  get samIdentifier(): string | null {
    return this.samId;
  }

  get removalDetect(): RemovalDetect {
    return this.opts.removalDetect ?? 'unreliable';
  }

  /** Whether a card is on the reader (found and not lifted since). */
  get cardPresent(): boolean {
    return this.present;
  }

  /**
   * Reads the card on the reader again, as if it had just been placed (a new session must learn of a
   * card that stayed on the reader). The poll loop does the read, so it never interleaves with polling;
   * resolves `no-card` when none is present, and after `timeoutMs` if the loop does not get to it.
   */
  reread(timeoutMs = 5_000): Promise<ReadOutcome> {
    if (!this.present || (this.status.state !== 'ready' && this.status.state !== 'busy')) return Promise.resolve({ kind: 'no-card' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => done({ kind: 'no-card' }), timeoutMs);
      const done = (o: ReadOutcome): void => {
        clearTimeout(timer);
        this.rereadWaiters = this.rereadWaiters.filter((w) => w !== done);
        resolve(o);
      };
      this.rereadWaiters.push(done);
    });
  }

  private answerRereads(o: ReadOutcome): void {
    for (const w of [...this.rereadWaiters]) w(o);
  }

  protected onData(chunk: Buffer): void {
    for (const d of this.decoder.push(chunk)) {
      // Frame errors are dropped; the request times out and is resent (bounded retries).
      if (d.kind === 'message') this.requester?.deliver(d.message);
    }
  }

  protected async handshake(link: SerialLink): Promise<void> {
    this.decoder.reset();
    this.requester = new Requester((b) => link.write(b));
    const status = await this.command(SAM.samStatus, 'SAM status check');
    if (status.sw3 !== SW3.ok) throw new Error(`SAM status check failed: ${describeSw3(status.sw3)}`);
    const id = await this.command(SAM.samId, 'read SAM ID');
    this.samId = id.sw3 === SW3.ok ? formatSamId(id.data) : null;
  }

  protected override readyStatus(): { reason: string } {
    return { reason: `SAM answered${this.samId ? ` (SAM ${this.samId})` : ''}` };
  }

  protected whenReady(): void {
    if (this.opts.autoPoll ?? true) void this.pollLoop(this.generation);
  }

  /** One find → select → read cycle; throws NoAnswerError if the reader does not answer. */
  async readOnce(): Promise<ReadOutcome> {
    const find = await this.command(SAM.findCard, 'find card');
    if (find.sw3 !== SW3.cardFound) return { kind: 'no-card' };
    return this.readPresentCard();
  }

  protected whenDown(): void {
    this.requester = null;
    this.present = false;
    this.answerRereads({ kind: 'no-card' });
  }

  private command(cp: readonly [number, number], what: string, timeoutMs?: number): Promise<SamResponse> {
    const r = this.requester;
    if (!r) return Promise.reject(new Error('reader not connected'));
    return r.request(encodeCommand(cp[0], cp[1]), {
      what,
      timeoutMs: timeoutMs ?? this.opts.commandTimeoutMs ?? 300,
      retries: this.opts.retries ?? 2,
      accepts: () => true,
    });
  }

  private async pollLoop(gen: number): Promise<void> {
    const interval = this.opts.pollIntervalMs ?? 100;
    try {
      while (this.generation === gen) {
        const find = await this.command(SAM.findCard, 'find card');
        if (find.sw3 !== SW3.cardFound) {
          await sleep(interval);
          continue;
        }
        this.present = true;
        let outcome = await this.readPresentCard();
        if (outcome.kind === 'card') this.emit('card', outcome.read);
        if (outcome.kind === 'error') this.emit('card-error', outcome.error);
        // Asked while the first read ran: that read is the answer.
        this.answerRereads(outcome);
        if (this.removalDetect === 'unreliable') {
          // Removal cannot be seen: the next event is a card placed (found again after an 80).
          while ((await this.waitForPlacement(gen, interval)) === 'placed') {
            outcome = await this.readPresentCard();
            if (outcome.kind === 'card') this.emit('card', outcome.read);
            if (outcome.kind === 'error') this.emit('card-error', outcome.error);
            this.answerRereads(outcome);
          }
          return;
        }
        while (this.generation === gen && (await this.waitForRemoval(gen, interval)) === 'reread') {
          outcome = await this.readPresentCard();
          this.answerRereads(outcome);
        }
        this.present = false;
        this.answerRereads({ kind: 'no-card' });
      }
    } catch (err) {
      if (this.generation !== gen) return;
      this.lost(err instanceof NoAnswerError ? `reader stopped answering (${err.message})` : `reader link failed: ${String(err)}`);
    }
  }

  private async readPresentCard(): Promise<ReadOutcome> {
    this.setStatus('busy', 'reading card');
    try {
      const select = await this.command(SAM.selectCard, 'select card');
      if (select.sw3 !== SW3.ok) return { kind: 'error', error: cardError(select.sw3) };
      const read = await this.command(SAM.readTextPhoto, 'read text and photo', this.opts.readTimeoutMs ?? 1100);
      if (read.sw3 !== SW3.ok) return { kind: 'error', error: cardError(read.sw3) };
      const parsed = parseReadData(read.data);
      if (!parsed) return { kind: 'error', error: { reasonKey: 'card.malformed', reason: 'read reply lengths do not match its data' } };
      const text = decodeTextBlock(parsed.text);
      if (!text.ok) {
        const reasonKey = text.error === 'unsupported-card-type' ? 'card.unsupportedType' : 'card.malformed';
        return { kind: 'error', error: { reasonKey, reason: text.detail } };
      }
      const photo = this.opts.photoDecoder ? await this.opts.photoDecoder.decode(parsed.photo).catch(() => null) : null;
      const today = this.opts.today?.() ?? chinaToday();
      return { kind: 'card', read: { card: text.card, expired: isExpired(text.card, today), photo, wlt: parsed.photo } };
    } finally {
      if (this.status.state === 'busy') this.setStatus('ready', 'card read finished');
    }
  }

  /**
   * For a reader that cannot tell a lifted card (`unreliable`): polls until a card is found again after
   * an 80 ('placed'). A card found with no 80 in between is the one just read, lying there (a reader
   * that does find it again). A re-read asked for meanwhile reads it if the reader finds it, and is
   * otherwise answered `cannot-tell`: the card may well lie there.
   */
  private async waitForPlacement(gen: number, interval: number): Promise<'placed' | 'stopped'> {
    let left = false;
    while (this.generation === gen) {
      const find = await this.command(SAM.findCard, 'find card (waiting for a placement)');
      const found = find.sw3 === SW3.cardFound;
      // A card placed is announced to everyone, even when a re-read is waiting too (the loop's read answers it).
      if (found && left) return 'placed';
      if (this.rereadWaiters.length > 0) {
        if (found) {
          this.answerRereads(await this.readPresentCard());
          continue;
        }
        this.answerRereads({ kind: 'cannot-tell' });
      }
      if (!found) left = true;
      await sleep(interval);
    }
    return 'stopped';
  }

  /** Polls until the card is lifted ('removed'), or a re-read is asked for while it lies there ('reread'). */
  private async waitForRemoval(gen: number, interval: number): Promise<'removed' | 'reread' | 'stopped'> {
    while (this.generation === gen) {
      const find = await this.command(SAM.findCard, 'find card (waiting for removal)');
      if (find.sw3 === SW3.findFailed) {
        this.present = false;
        this.emit('removed');
        return 'removed';
      }
      if (this.rereadWaiters.length > 0) return 'reread';
      await sleep(interval);
    }
    return 'stopped';
  }
}

/** Splits `30 01` reply data using its length fields (never fixed offsets alone, notes §5). */
export function parseReadData(data: Buffer): { text: Buffer; photo: Buffer } | null {
  if (data.length < 4) return null;
  const textLen = (data[0]! << 8) | data[1]!;
  const photoLen = (data[2]! << 8) | data[3]!;
  if (data.length < 4 + textLen + photoLen) return null;
  return { text: data.subarray(4, 4 + textLen), photo: Buffer.from(data.subarray(4 + textLen, 4 + textLen + photoLen)) };
}

/** `b0.b2-U32(4)-U32(8)-U32(12)`, little-endian words (notes §4, [V1]). */
export function formatSamId(d: Buffer): string | null {
  if (d.length < 16) return null;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d[0]!)}.${two(d[2]!)}-${d.readUInt32LE(4)}-${String(d.readUInt32LE(8)).padStart(9, '0')}-${String(d.readUInt32LE(12)).padStart(9, '0')}`;
}

const cardError = (sw3: number): CardError => ({
  reasonKey:
    sw3 === SW3.unknownCardType ? 'card.unsupportedType' : sw3 === SW3.cardAuthFailed || sw3 === SW3.verifyError ? 'card.authFailed' : 'card.unreadable',
  reason: describeSw3(sw3),
});
