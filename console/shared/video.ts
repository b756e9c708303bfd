import { z } from 'zod';
import { callId, callState, iceServers, videoSignal } from '../wire/video';

/**
 * 视频办事 in the console's own API: the queue of calls staff see (hall, kiosk, the item the person
 * was on — nothing personal), answering one, and the signalling of staff's page.
 */
export const queuedCall = z.object({
  id: callId,
  kioskId: z.string(),
  kioskLabel: z.string().nullable(),
  hallId: z.string().nullable(),
  hallName: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  state: callState,
  audioOnly: z.boolean(),
  requestedAt: z.string(),
  answeredBy: z.string().nullable(),
});
export type QueuedCall = z.infer<typeof queuedCall>;

export const callQueue = z.object({ calls: z.array(queuedCall), iceServers });
export type CallQueue = z.infer<typeof callQueue>;

export const staffSignals = z.object({
  state: callState,
  signals: z.array(z.object({ seq: z.number().int().positive(), signal: videoSignal })),
});
export type StaffSignals = z.infer<typeof staffSignals>;
export const staffSignalsQuery = z.object({ after: z.coerce.number().int().nonnegative().default(0) });
export const staffSend = z.object({ signals: z.array(videoSignal).min(1).max(40) }).strict();
export const callIdParams = z.object({ id: callId });
export const callAnswered = z.object({ answered: z.literal(true) });
