import { z } from 'zod';
import { method } from './define';

/**
 * The kiosk's link to the operators' fleet console, as a hall technician sees it. `pairingCode` is
 * what an operator types into the console to let this kiosk in; it is shown while the kiosk waits.
 */
export const fleetStatus = z.object({
  /** `off`: no console configured (KIOSK_FLEET_URL unset). */
  state: z.enum(['off', 'enrolling', 'pending', 'approved', 'revoked', 'refused']),
  consoleUrl: z.string().nullable(),
  kioskId: z.string(),
  pairingCode: z.string().nullable(),
  hall: z.object({ id: z.string(), name: z.string() }).nullable(),
  label: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  lastBeatAt: z.string().nullable(),
  /** Why the console last refused this kiosk (e.g. `revoked`, `key-mismatch`), or why it could not be reached. */
  lastProblem: z.string().nullable(),
  /** The console's clock minus this kiosk's, as last measured (ms). */
  clockOffsetMs: z.number().int().nullable(),
  offers: z.object({ content: z.number().int().nullable(), app: z.string().nullable() }),
  commandsRun: z.number().int().nonnegative(),
});
export type FleetStatus = z.infer<typeof fleetStatus>;

/** Bridge methods of the fleet area (technicians only: see TECHNICIAN_METHODS). */
export const fleetApi = {
  'fleet.status': method(z.object({}).strict(), fleetStatus),
};
