import { z } from 'zod';

/**
 * 视频办事: a 帮办 call that becomes a video call with hall staff. The kiosk's services relay the
 * WebRTC signalling of the kiosk page through the console (signed like every fleet call); staff's
 * page in the console signals through the console's operator API. The console keeps the call queue
 * (hall, kiosk, the item the person was on — never anything personal) and the signals of calls in
 * progress, nothing of the media: that flows between the two browsers (or through the hall's TURN).
 */
export const VIDEO_PATHS = {
  /** The person asked for video help: a call joins the queue. */
  request: '/fleet/v1/video/request',
  /** The kiosk's signals out, staff's signals in (the kiosk asks about once a second during a call). */
  exchange: '/fleet/v1/video/exchange',
} as const;

/** STUN/TURN servers as RTCPeerConnection takes them; none needed on a hall's own LAN (host candidates). */
export const iceServer = z
  .object({
    urls: z.array(z.string().regex(/^(stun|turn|turns):[^\s]+$/, 'a stun:, turn: or turns: URL').max(200)).min(1).max(4),
    username: z.string().max(200).optional(),
    credential: z.string().max(200).optional(),
  })
  .strict();
export type IceServer = z.infer<typeof iceServer>;
export const iceServers = z.array(iceServer).max(6);

export const callId = z.string().uuid();
const itemCode = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/);
const sdp = z.string().min(1).max(20_000);

/**
 * What travels between the two ends. `offer`/`answer`/`ice`: WebRTC; `mode`: the kiosk fell back to
 * audio only (poor network); `item-link` and `hint`: staff point the person to an item or tell them
 * what to put in a form field; `hangup`: either end left.
 */
export const videoSignal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), sdp }).strict(),
  z.object({ kind: z.literal('answer'), sdp }).strict(),
  z
    .object({
      kind: z.literal('ice'),
      candidate: z.string().max(1000),
      sdpMid: z.string().max(64).nullable(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
    })
    .strict(),
  z.object({ kind: z.literal('mode'), mode: z.enum(['video', 'audio']) }).strict(),
  z.object({ kind: z.literal('item-link'), itemCode, name: z.string().trim().min(1).max(80) }).strict(),
  z.object({ kind: z.literal('hint'), fieldId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(), text: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('hangup') }).strict(),
]);
export type VideoSignal = z.infer<typeof videoSignal>;
/** Signals only staff may send (the kiosk's own go the other way). */
export const STAFF_ONLY_SIGNALS: ReadonlySet<VideoSignal['kind']> = new Set(['answer', 'item-link', 'hint']);
export const KIOSK_ONLY_SIGNALS: ReadonlySet<VideoSignal['kind']> = new Set(['offer', 'mode']);

/**
 * waiting: in the queue; answered: a staff member took it; callback: the network could not carry the
 * call and the person asked to be helped at the kiosk instead; ended: over.
 */
export const callState = z.enum(['waiting', 'answered', 'callback', 'ended']);
export type CallState = z.infer<typeof callState>;

export const videoRequest = z
  .object({
    /** The item the person was on, and its name as the kiosk's content gives it. */
    item: z.object({ code: itemCode, name: z.string().trim().min(1).max(80) }).strict().nullable(),
    /** Asked for an audio call from the start (no camera at this kiosk, or the person's choice). */
    audioOnly: z.boolean(),
  })
  .strict();
export type VideoRequest = z.infer<typeof videoRequest>;
export const videoRequestAnswer = z.object({ callId, serverTime: z.string().max(40) });

export const videoExchange = z
  .object({
    callId,
    /** Signals received so far: only later ones are answered. */
    after: z.number().int().nonnegative(),
    signals: z.array(videoSignal).max(40),
    /** The person asked to be helped at the kiosk instead (poor network). */
    callback: z.boolean().optional(),
  })
  .strict();
export type VideoExchange = z.infer<typeof videoExchange>;
export const videoExchangeAnswer = z.object({
  state: callState,
  staffName: z.string().max(80).nullable(),
  signals: z.array(z.object({ seq: z.number().int().positive(), signal: videoSignal })).max(200),
  serverTime: z.string().max(40),
});
export type VideoExchangeAnswer = z.infer<typeof videoExchangeAnswer>;

/**
 * The masked mirror of the kiosk screen, sent by the kiosk page over the call's data channel once the
 * person consents (`stopped` when they take it back). Masked in the kiosk page before it is sent;
 * staff's page checks the shape and shows it as text only.
 */
export const mirrorBlock = z.object({
  role: z.enum(['heading', 'label', 'text', 'button', 'link', 'field']),
  text: z.string().max(200),
  /** Only ever empty or the mask: a field's value never leaves the kiosk. */
  value: z.enum(['', '＊＊＊']).optional(),
  fieldId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
});
export const mirrorMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('screen'), path: z.string().max(200), blocks: z.array(mirrorBlock).max(300) }),
  z.object({ type: z.literal('stopped') }),
]);
export type MirrorMessage = z.infer<typeof mirrorMessage>;
