import { z } from 'zod';
import { selfTestResult } from '../api/admin';
import { experienceRunView } from '../api/experience';

/** Events of admin mode and recovery. Nothing personal: a card under test is masked. */
export const adminEvents = [
  /** A self-test moved on (a key pressed, a card read) or ended. */
  z.object({ type: z.literal('admin.selfTest'), result: selfTestResult }),
  /** The admin session ended: idle minute, logout, or a person's session opened. */
  z.object({ type: z.literal('admin.ended'), reason: z.enum(['idle', 'logout', 'person']) }),
  /** The kiosk page should load itself again (a technician asked for it, or recovery changed what it shows). */
  /** A 体验员 run was set up, started, moved on (a screen, a note) or ended (null). */
  z.object({ type: z.literal('experience.run'), run: experienceRunView.nullable() }),
  z.object({ type: z.literal('kiosk.reload'), reason: z.enum(['technician', 'recovery', 'safe-mode']) }),
] as const satisfies readonly z.ZodObject[];
