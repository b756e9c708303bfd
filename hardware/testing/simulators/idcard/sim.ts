import { SAM, SW3 } from '../../../protocols/idcard/commands';
import { createCommandDecoder, encodeResponse } from '../../../protocols/idcard/frame';
import { ControlError, type ControlRoute } from '../control';
import { SAMPLE_CARDS, SAMPLE_CARD_NAMES, dummyWlt, type SampleCardName } from '../sample-cards';
import type { DeviceLine } from '../../../transport/serial-transport';
import { garbage } from '../serial-end';

export interface IdReaderSimOptions {
  /**
   * Like many real readers (notes §4): after a read, find answers 80 until the card has left the
   * field, so a card lying there cannot be told from no card. Default: the reader finds it again.
   */
  readonly wontRefind?: boolean;
}

/** SAM ID reader state machine (notes §4, §10) on a device line: a PTY end or a mock port. */
export function createIdReaderSimulator(end: DeviceLine, options: IdReaderSimOptions = {}): Record<string, ControlRoute> {
  const decoder = createCommandDecoder();
  let card: SampleCardName | null = null;
  let wontRefind = options.wontRefind ?? false;
  /** The card on the reader was read and has not left the field since (a "won't re-find" reader ignores it). */
  let readSinceInserted = false;
  /** Find commands answered: a test waits on the host's polling, never on the clock. */
  let finds = 0;
  /** After a swap the reader reports one "no card" so the host sees the old card leave. */
  let swapPending = false;
  /** A card lifted and put back before the host polled: the host must still see it leave. */
  let liftedUnseen = false;
  let corruptNext = false;
  const samId = Buffer.from([5, 0, 1, 0, 0x6d, 0x38, 0x33, 0x01, 0x15, 0xcd, 0x5b, 0x07, 0x15, 0xcd, 0x5b, 0x07]);

  const reply = (sw3: number, data?: Uint8Array): void => {
    const frame = encodeResponse(sw3, data);
    if (corruptNext) {
      corruptNext = false;
      frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    }
    void end.send(frame);
  };

  end.onData((chunk) => {
    for (const d of decoder.push(chunk)) {
      if (d.kind === 'error') {
        if (d.error === 'checksum') reply(SW3.checksumError);
        continue;
      }
      const { cmd, para } = d.message;
      const is = (c: readonly [number, number]): boolean => cmd === c[0] && para === c[1];
      if (is(SAM.samStatus) || is(SAM.resetSam)) reply(SW3.ok);
      else if (is(SAM.samId)) reply(SW3.ok, samId);
      else if (is(SAM.findCard)) {
        finds += 1;
        liftedUnseen = false;
        if (swapPending) {
          swapPending = false;
          reply(SW3.findFailed);
        } else reply(card && !(wontRefind && readSinceInserted) ? SW3.cardFound : SW3.findFailed);
      } else if (is(SAM.selectCard)) reply(card ? SW3.ok : SW3.selectFailed);
      else if (is(SAM.readTextPhoto) || is(SAM.readTextPhotoFingerprint)) {
        const sample = card ? SAMPLE_CARDS[card] : null;
        if (!sample) reply(SW3.readFailed);
        else if (!sample.text) reply(SW3.readFailed);
        else {
          const fp = is(SAM.readTextPhotoFingerprint);
          const lens = Buffer.from([0x01, 0x00, 0x04, 0x00, ...(fp ? [0x00, 0x00] : [])]);
          readSinceInserted = true;
          reply(SW3.ok, Buffer.concat([lens, sample.text, dummyWlt(sample.name.length)]));
        }
      } else reply(SW3.commandError);
    }
  });

  return {
    'POST /card/insert': (body) => {
      const name = body.card;
      if (typeof name !== 'string' || !SAMPLE_CARD_NAMES.includes(name as SampleCardName)) {
        throw new ControlError(`card must be one of ${SAMPLE_CARD_NAMES.join(', ')}`);
      }
      if (card !== null || liftedUnseen) swapPending = true;
      liftedUnseen = false;
      card = name as SampleCardName;
      readSinceInserted = false;
      return { inserted: card };
    },
    'POST /card/remove': () => {
      if (card !== null) liftedUnseen = true;
      card = null;
      swapPending = false;
      readSinceInserted = false;
      return { removed: true };
    },
    /** `{ "refind": false }`: the reader answers 80 after a read until the card leaves the field (notes §4). */
    'POST /card/refind': (body) => {
      if (typeof body.refind !== 'boolean') throw new ControlError('refind must be true or false');
      wontRefind = !body.refind;
      return { refind: !wontRefind };
    },
    'GET /card/state': () => ({ card, refind: !wontRefind, readSinceInserted, finds }),
    'GET /card/samples': () => SAMPLE_CARD_NAMES.map((n) => ({ card: n, description: SAMPLE_CARDS[n].description })),
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
