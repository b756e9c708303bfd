import { z } from 'zod';
import { method } from './define';

/**
 * 视频办事 over the bridge: the kiosk page's side of a video call with hall staff. The services relay
 * the page's WebRTC signalling to the fleet console (signed, over the kiosk's own link) and push
 * staff's signals back as `video.signal` events. The same shapes as the console's wire protocol
 * (console/wire/video.ts), which the contract may not import: the services check they agree.
 */
export const rtcIceServer = z
  .object({ urls: z.array(z.string().max(200)).min(1).max(4), username: z.string().max(200).optional(), credential: z.string().max(200).optional() })
  .strict();
export type RtcIceServer = z.infer<typeof rtcIceServer>;

const sdp = z.string().min(1).max(20_000);
export const callSignal = z.discriminatedUnion('kind', [
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
  z.object({ kind: z.literal('item-link'), itemCode: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/), name: z.string().trim().min(1).max(80) }).strict(),
  z.object({ kind: z.literal('hint'), fieldId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(), text: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('hangup') }).strict(),
]);
export type CallSignal = z.infer<typeof callSignal>;

/** waiting: in the hall's queue; answered: staff took it; callback: staff will come to the kiosk; ended. */
export const videoCallState = z.enum(['waiting', 'answered', 'callback', 'ended']);
export type VideoCallState = z.infer<typeof videoCallState>;

export const videoApi = {
  /** Queue a video (or audio-only) call with the hall's staff, with the item the person was on. */
  'video.start': method(
    z.object({ itemCode: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).optional(), audioOnly: z.boolean().default(false) }).strict(),
    z.object({ callId: z.string(), iceServers: z.array(rtcIceServer) }),
  ),
  /** The page's WebRTC signals (offer, ICE candidates, a fall back to audio) for staff. */
  'video.send': method(z.object({ callId: z.string().uuid(), signals: z.array(callSignal).min(1).max(40) }).strict(), z.object({ queued: z.number().int() })),
  /** The network cannot carry the call: the person is helped at the kiosk instead (staff see a call-back request). */
  'video.callback': method(z.object({ callId: z.string().uuid() }).strict(), z.object({ state: videoCallState })),
  'video.hangup': method(z.object({ callId: z.string().uuid() }).strict(), z.object({ state: videoCallState })),
};
