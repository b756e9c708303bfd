import { Kep1Decoder, encodeFrame, type Kep1Frame } from '../../protocols/pad/frame';
import {
  CMD, EVT, NAK, PROMPT, RESPONSE, RESULT, decodeKey, decodePong, decodeRating, encodePrompt, encodeRequestRating, encodeSession, encodeSetReasons,
  type PadKey, type PadRating, type PadReasonTable,
} from '../../protocols/pad/messages';
import { NoAnswerError, Requester } from '../../transport/requester';
import type { SerialLink } from '../../transport/serial-link';
import { SupervisedDevice, type SupervisorOptions } from '../supervisor';

export interface PadOptions extends SupervisorOptions {
  /** Response timeout (default 300 ms) and resends of the same frame (default 3), notes §3.5. */
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** PING period (default 5 s); three missed PONGs mean the pad is gone. */
  readonly heartbeatMs?: number;
  /**
   * The bad-rating reasons the pad offers, pushed at every (re)connect (notes §5): the pad keeps no
   * policy of its own, so a pad without a table cannot collect the reason a 差评 needs.
   */
  readonly reasonTable?: PadReasonTable;
}

/**
 * Estimates of the pad's boot time (the kiosk's clock minus the uptime the pad reports, in whole
 * seconds) lie within a second plus the answer's delay after the true boot; one later than the
 * earliest by more is a restart. A mistaken restart costs only the table pushed again.
 */
const RESTART_TOLERANCE_MS = 1_200;

export class PadRequestError extends Error {
  constructor(readonly result: number, what: string) {
    super(`${what} refused by pad (result ${result})`);
  }
}

/** KEP/1 evaluation pad: requests with SEQ-matched responses, ACKed events, PING heartbeat. */
export class EvaluationPad extends SupervisedDevice {
  private readonly decoder = new Kep1Decoder();
  private requester: Requester<Kep1Frame> | null = null;
  private seq = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private missed = 0;
  private readonly rated = new Set<number>();
  private info = '';
  /** When the pad last booted, on the kiosk's monotonic clock (null until it first reported its uptime). */
  private bootedAt: number | null = null;
  /** The session lit on the pad: a pad that restarted forgot it and is lit again. */
  private lit: { session: number; timeoutSeconds: number; reasonRequired: boolean } | null = null;

  constructor(private readonly opts: PadOptions) {
    super('pad', opts);
  }

  onRating(l: (r: PadRating) => void): this {
    return this.on('rating', l);
  }
  onRatingTimeout(l: (session: number) => void): this {
    return this.on('rating-timeout', l);
  }
  /** The pad restarted (its reason table and any lit session were lost) and was set up again. */
  onRestarted(l: (why: string) => void): this {
    return this.on('restarted', l);
  }
  /** Key presses and releases, sent by the pad only while it is in button test (`buttonTest(true)`). */
  onKey(l: (k: PadKey) => void): () => void {
    this.on('key', l);
    return () => this.off('key', l);
  }

  protected onData(chunk: Buffer): void {
    for (const d of this.decoder.push(chunk)) {
      if (d.kind === 'error') continue;
      const f = d.message;
      if (f.cmd >= EVT.rating && f.cmd <= 0x5f) this.onEvent(f);
      else this.requester?.deliver(f);
    }
  }

  private onEvent(f: Kep1Frame): void {
    const link = this.link;
    const ack = (result: number): void => void link?.write(encodeFrame({ seq: f.seq, cmd: f.cmd | RESPONSE, payload: Buffer.from([result]) })).catch(() => undefined);
    if (f.cmd === EVT.rating) {
      const rating = decodeRating(f.payload);
      if (!rating) return ack(RESULT.badPayload);
      ack(RESULT.ok);
      if (this.lit?.session === rating.session) this.lit = null;
      // Idempotent by session: a retransmission whose ACK was lost is counted once.
      if (this.rated.has(rating.session)) return;
      this.rated.add(rating.session);
      if (this.rated.size > 1000) this.rated.delete(this.rated.values().next().value!);
      this.emit('rating', rating);
    } else if (f.cmd === EVT.ratingTimeout) {
      ack(RESULT.ok);
      if (f.payload.length === 4 && this.lit?.session === f.payload.readUInt32BE(0)) this.lit = null;
      if (f.payload.length === 4) this.emit('rating-timeout', f.payload.readUInt32BE(0));
    } else if (f.cmd === EVT.key) {
      const key = decodeKey(f.payload);
      ack(key ? RESULT.ok : RESULT.badPayload);
      if (key) this.emit('key', key);
    } else {
      ack(RESULT.ok);
      if (f.cmd === EVT.fault) this.emit('fault', f.payload[0] ?? 0);
    }
  }

  private request(cmd: number, payload: Uint8Array, what: string): Promise<Kep1Frame> {
    const r = this.requester;
    if (!r) return Promise.reject(new Error('pad not connected'));
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0x7f;
    return r.request(encodeFrame({ seq, cmd, payload }), {
      what,
      timeoutMs: this.opts.timeoutMs ?? 300,
      retries: this.opts.retries ?? 3,
      accepts: (f) => f.seq === seq && (f.cmd === (cmd | RESPONSE) || f.cmd === NAK),
    });
  }

  protected async handshake(link: SerialLink): Promise<void> {
    this.decoder.reset();
    this.requester = new Requester((b) => link.write(b));
    const info = await this.request(CMD.getInfo, Buffer.alloc(0), 'GET_INFO');
    this.info = info.payload.subarray(1).toString('utf8');
    await this.pushReasons();
    // The uptime now is the baseline: a restart before the first heartbeat is still seen as one.
    this.bootedAt = null;
    const pong = decodePong((await this.request(CMD.ping, Buffer.alloc(0), 'PING')).payload);
    if (pong) this.restartedSince(pong.uptimeSeconds);
  }

  private async pushReasons(): Promise<void> {
    const table = this.opts.reasonTable;
    if (!table) return;
    const set = await this.request(CMD.setReasons, encodeSetReasons(table), 'SET_REASONS');
    const result = set.payload[0] ?? RESULT.badPayload;
    if (set.cmd === NAK || result !== RESULT.ok) throw new PadRequestError(result, `reason table v${table.version}`);
  }

  /**
   * Whether the pad booted again since its last answer: its boot time (now minus its uptime) moved
   * later than the earliest estimate of the current boot (from the connect on, so a restart before the
   * first heartbeat is seen, and a stall between heartbeats hides nothing).
   */
  private restartedSince(uptimeSeconds: number): boolean {
    const booted = performance.now() - uptimeSeconds * 1000;
    const restarted = this.bootedAt !== null && booted - this.bootedAt > RESTART_TOLERANCE_MS;
    // The earliest estimate of one boot is the closest to it; a restart (or clocks drifted apart) starts anew.
    this.bootedAt = restarted || this.bootedAt === null ? booted : Math.min(this.bootedAt, booted);
    return restarted;
  }

  /** A pad that restarted lost its reason table and its lit session: both are given back. */
  private async setUpAgain(why: string): Promise<void> {
    await this.pushReasons();
    const lit = this.lit;
    if (lit) await this.lightSession(lit);
    this.emit('restarted', why);
  }

  private checkRestart(pong: { state: number; pending: number; uptimeSeconds: number }, gen: number): void {
    // A restart shows in the uptime; one too soon after the last boot to show does show as a lit session
    // gone dark — unless the pad still holds an event for us (the rating itself, not yet through).
    const restarted = this.restartedSince(pong.uptimeSeconds);
    const forgotSession = this.lit !== null && pong.state === 0 && pong.pending === 0;
    if (!restarted && !forgotSession) return;
    this.setUpAgain(restarted ? 'uptime restarted' : 'the lit session was forgotten').catch((err: unknown) => {
      if (this.generation === gen) this.lost(`pad restarted and refused to be set up again: ${String(err)}`);
    });
  }

  protected override readyStatus(): { reason: string } {
    const table = this.opts.reasonTable;
    const reasons = table ? `; reason table v${table.version} with ${table.entries.length} reasons` : '';
    return { reason: `pad answered (${this.info || 'no info'})${reasons}` };
  }

  protected whenReady(): void {
    const gen = this.generation;
    this.missed = 0;
    this.heartbeat = setInterval(() => {
      this.request(CMD.ping, Buffer.alloc(0), 'PING')
        .then((f) => {
          const pong = decodePong(f.payload);
          if (!pong) return;
          this.missed = 0;
          this.checkRestart(pong, gen);
        })
        .catch((err) => {
          if (this.generation !== gen) return;
          if (++this.missed >= 3 || !(err instanceof NoAnswerError)) this.lost(`pad missed ${this.missed} heartbeat(s): ${String(err)}`);
        });
    }, this.opts.heartbeatMs ?? 5000);
  }

  protected whenDown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.requester = null;
    this.lit = null;
  }

  private async lightSession(s: { session: number; timeoutSeconds: number; reasonRequired: boolean }): Promise<void> {
    const f = await this.request(CMD.requestRating, encodeRequestRating(s.session, s.timeoutSeconds, s.reasonRequired), 'REQUEST_RATING');
    const result = f.payload[0] ?? 0xff;
    if (f.cmd === NAK || result !== RESULT.ok) throw new PadRequestError(result, 'REQUEST_RATING');
    this.lit = s;
  }

  /**
   * Lights the pad for one session (no level is pre-selected on the pad). Refused as busy or in the
   * wrong state, the pad may have restarted unseen and lost its reason table (it cannot collect a
   * 差评's reason without one): the table is given again and the request repeated once.
   */
  async requestRating(session: number, options: { timeoutSeconds?: number; reasonRequired?: boolean } = {}): Promise<void> {
    const s = { session, timeoutSeconds: options.timeoutSeconds ?? 60, reasonRequired: options.reasonRequired ?? true };
    try {
      await this.lightSession(s);
    } catch (err) {
      if (!(err instanceof PadRequestError) || err.result !== RESULT.busy || !this.opts.reasonTable) throw err;
      await this.pushReasons();
      await this.lightSession(s);
      this.emit('restarted', 'refused a rating request: its reason table was given again');
    }
  }

  /** Enters or leaves button test: the pad reports every key as a KEY event instead of rating. */
  async buttonTest(enter: boolean): Promise<void> {
    const f = await this.request(CMD.buttonTest, Buffer.from([enter ? 1 : 0]), 'BUTTON_TEST');
    if (f.cmd === NAK || f.payload[0] !== RESULT.ok) throw new PadRequestError(f.payload[0] ?? 0xff, 'BUTTON_TEST');
  }

  /** Shows a free message on the pad's display (`\n` breaks the line). */
  async showPrompt(text: string, mode: number = PROMPT.message): Promise<void> {
    const f = await this.request(CMD.showPrompt, encodePrompt(mode, text), 'SHOW_PROMPT');
    if (f.cmd === NAK || f.payload[0] !== RESULT.ok) throw new PadRequestError(f.payload[0] ?? 0xff, 'SHOW_PROMPT');
  }

  async cancelRating(session: number): Promise<void> {
    if (this.lit?.session === session) this.lit = null;
    const f = await this.request(CMD.cancelRating, encodeSession(session), 'CANCEL_RATING');
    if (f.cmd === NAK || f.payload[0] !== RESULT.ok) throw new PadRequestError(f.payload[0] ?? 0xff, 'CANCEL_RATING');
  }
}
