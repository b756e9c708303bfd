import { Kep1Decoder, encodeFrame } from '../../../protocols/pad/frame';
import {
  CMD, EVT, NAK, RESPONSE, RESULT, decodeRequestRating, decodeSetReasons, encodeKey, encodePong, encodeRating, encodeSession, type PadReasonTable, type RatingLevel,
} from '../../../protocols/pad/messages';
import { ControlError, type ControlRoute } from '../control';
import type { DeviceLine } from '../../../transport/serial-transport';
import { garbage } from '../serial-end';

/** A KEP/1 evaluation pad (notes §3, §7): answers requests and retransmits events until ACKed. */
export function createPadSimulator(end: DeviceLine): Record<string, ControlRoute> {
  const decoder = new Kep1Decoder();
  let started = Date.now();
  let active: number | null = null;
  // A real pad offers only the reasons the host pushed; until then it has none to offer.
  let reasonTable: PadReasonTable | null = null;
  let eventSeq = 0x80;
  let corruptNext = false;
  // Button test (BUTTON_TEST on): every key is reported as a KEY event; the display shows the last prompt.
  let buttonTest = false;
  let prompt: string | null = null;
  const unacked = new Map<number, { frame: Buffer; tries: number; timer: NodeJS.Timeout }>();

  const send = (frame: Buffer): void => {
    const out = Buffer.from(frame);
    if (corruptNext) {
      corruptNext = false;
      out[out.length - 2] = out[out.length - 2]! ^ 0xff;
    }
    void end.send(out);
  };
  const respond = (seq: number, cmd: number, payload: Uint8Array = Buffer.alloc(0)): void =>
    send(encodeFrame({ seq, cmd: cmd | RESPONSE, payload }));
  const nak = (seq: number, code: number): void => send(encodeFrame({ seq, cmd: NAK, payload: Buffer.from([code]) }));

  /** Events go out every 500 ms until ACKed, up to 5 times (notes §3.5). */
  const sendEvent = (cmd: number, payload: Buffer): number => {
    const seq = eventSeq;
    eventSeq = eventSeq === 0xff ? 0x80 : eventSeq + 1;
    const frame = encodeFrame({ seq, cmd, payload });
    const entry = { frame, tries: 1, timer: setInterval(() => {
      if (entry.tries >= 5) {
        clearInterval(entry.timer);
        unacked.delete(seq);
        return;
      }
      entry.tries++;
      send(frame);
    }, 500) };
    unacked.set(seq, entry);
    send(frame);
    return seq;
  };

  end.onData((chunk) => {
    for (const d of decoder.push(chunk)) {
      if (d.kind === 'error') continue; // bad CRC: dropped silently, the host retries
      const { seq, cmd, payload } = d.message;
      if (cmd >= 0xc0 && cmd <= 0xdf) {
        const pending = unacked.get(seq);
        if (pending) {
          clearInterval(pending.timer);
          unacked.delete(seq);
        }
        continue;
      }
      switch (cmd) {
        case CMD.getInfo:
          respond(seq, cmd, Buffer.concat([Buffer.from([1]), Buffer.from('SIM-PAD;1.0.0;SIM0001', 'utf8')]));
          break;
        case CMD.ping:
          respond(seq, cmd, encodePong({ state: buttonTest ? 3 : active === null ? 0 : 2, pending: unacked.size, uptimeSeconds: Math.floor((Date.now() - started) / 1000) }));
          break;
        case CMD.showPrompt:
          prompt = payload.length > 0 ? payload.subarray(1).toString('utf8') : null;
          respond(seq, cmd, Buffer.from([RESULT.ok]));
          break;
        case CMD.buttonTest:
          if (payload.length !== 1) nak(seq, RESULT.badPayload);
          else if (payload[0] === 1 && active !== null) nak(seq, RESULT.busy);
          else {
            buttonTest = payload[0] === 1;
            if (!buttonTest) prompt = null;
            respond(seq, cmd, Buffer.from([RESULT.ok]));
          }
          break;
        case CMD.setVolume:
          respond(seq, cmd, Buffer.from([RESULT.ok]));
          break;
        case CMD.setReasons: {
          const table = decodeSetReasons(payload);
          if (!table) nak(seq, RESULT.badPayload);
          else {
            reasonTable = table;
            respond(seq, cmd, Buffer.from([RESULT.ok]));
          }
          break;
        }
        case CMD.requestRating: {
          const req = decodeRequestRating(payload);
          if (!req) nak(seq, RESULT.badPayload);
          else if (active !== null && active !== req.session) nak(seq, RESULT.busy);
          // Without the host's reason table the pad cannot collect a 差评's reason: wrong state.
          else if (req.reasonRequired && (reasonTable === null || reasonTable.entries.length === 0)) nak(seq, RESULT.busy);
          else {
            active = req.session;
            respond(seq, cmd, Buffer.from([RESULT.ok]));
          }
          break;
        }
        case CMD.cancelRating: {
          const session = payload.length === 4 ? payload.readUInt32BE(0) : -1;
          if (session !== active) nak(seq, RESULT.unknownSession);
          else {
            active = null;
            respond(seq, cmd, Buffer.from([RESULT.ok]));
          }
          break;
        }
        default:
          nak(seq, RESULT.unknownCommand);
      }
    }
  });

  return {
    'POST /pad/press': (body) => {
      const level = body.level;
      if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 5) throw new ControlError('level must be 1..5');
      const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r): r is number => Number.isInteger(r) && r >= 0 && r < 256) : [];
      const offered = new Set(reasonTable?.entries.map((e) => e.code) ?? []);
      const missing = reasons.filter((r) => !offered.has(r));
      if (missing.length > 0) throw new ControlError(`the pad offers no reason ${missing.join(', ')}: its table has ${offered.size === 0 ? 'not been set' : [...offered].join(', ')}`);
      const session = typeof body.session === 'number' ? body.session : active;
      if (session === null) throw new ControlError('no rating requested: the pad is not lit');
      active = null;
      const seq = sendEvent(EVT.rating, encodeRating({ session, level: level as RatingLevel, reasons }));
      return { session, level, reasons, seq };
    },
    /** A key pressed (and released) on the pad: reported as KEY events only in button test (level keys 1–5, confirm 16, back 17). */
    'POST /pad/key': (body) => {
      const key = body.key;
      if (typeof key !== 'number' || ![1, 2, 3, 4, 5, 0x10, 0x11].includes(key)) throw new ControlError('key must be 1..5, 16 (confirm) or 17 (back)');
      if (!buttonTest) throw new ControlError('the pad is not in button test: keys rate a lit session instead');
      sendEvent(EVT.key, encodeKey({ key, down: true }));
      sendEvent(EVT.key, encodeKey({ key, down: false }));
      return { key };
    },
    'POST /pad/timeout': () => {
      if (active === null) throw new ControlError('no rating requested');
      const session = active;
      active = null;
      return { session, seq: sendEvent(EVT.ratingTimeout, encodeSession(session)) };
    },
    /** A brief power loss: the pad restarts with its volatile state (reason table, lit session) gone. */
    'POST /pad/power-cycle': () => {
      started = Date.now();
      reasonTable = null;
      active = null;
      buttonTest = false;
      prompt = null;
      return { restarted: true };
    },
    'GET /pad/state': () => ({ activeSession: active, reasonTable, unacked: unacked.size, buttonTest, prompt, uptimeSeconds: Math.floor((Date.now() - started) / 1000) }),
    'POST /corrupt-next': () => {
      corruptNext = true;
      return { corruptNext };
    },
    'POST /garbage': (body) => {
      void end.send(garbage(typeof body.bytes === 'number' ? body.bytes : 16));
      return { sent: true };
    },
  };
}
