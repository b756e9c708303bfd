import { z } from 'zod';
import { deviceStatus, sessionEndReason } from './api/system';
import { devicesEvents } from './events/devices';
import { contentEvents } from './events/content';
import { platformEvents } from './events/platform';
import { adminEvents } from './events/admin';
import { fleetEvents } from './events/fleet';
import { videoEvents } from './events/video';

/**
 * Every event the renderer may receive, one discriminated union so one schema validates the stream
 * on both hosts. Areas keep their members in `events/<area>.ts`.
 */
export const kioskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('device.status'), status: deviceStatus }),
  z.object({ type: z.literal('session.expired'), reason: sessionEndReason }),
  z.object({ type: z.literal('content.updated'), version: z.number().int() }),
  ...devicesEvents,
  ...contentEvents,
  ...platformEvents,
  ...adminEvents,
  ...fleetEvents,
  ...videoEvents,
]);
export type KioskEvent = z.infer<typeof kioskEvent>;
export type KioskEventType = KioskEvent['type'];
