import { z } from 'zod';
import { callSignal, videoCallState } from '../api/video';

/** Events of a video call (视频办事): its state as the console has it, and staff's signals. */
export const videoEvents = [
  z.object({ type: z.literal('video.state'), callId: z.string(), state: videoCallState, staffName: z.string().nullable() }),
  z.object({ type: z.literal('video.signal'), callId: z.string(), signal: callSignal }),
] as const satisfies readonly z.ZodObject[];
