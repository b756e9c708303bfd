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

/** 投诉 categories a person picks at the kiosk (the console's complaint queue sorts by them). */
export const complaintCategory = z.enum(['attitude', 'delay', 'misconduct', 'wrong-guidance', 'environment', 'other']);
export type ComplaintCategory = z.infer<typeof complaintCategory>;
/** A complaint's number (TS + China date + six letters or digits), what the person keeps to look it up. */
export const complaintNumber = z.string().trim().toUpperCase().regex(/^TS\d{6}-[0-9A-Z]{6}$/);

export const complaintStatus = z.object({
  number: z.string(),
  /** `queued`: still in this kiosk's outbox; `open`: the hall has it; `answered`: read the answer; `closed`: handled. */
  state: z.enum(['queued', 'open', 'answered', 'closed']),
  openedAt: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type ComplaintStatus = z.infer<typeof complaintStatus>;

/** Bridge methods of the fleet area: `fleet.status` for technicians (see TECHNICIAN_METHODS), complaints for the person. */
export const fleetApi = {
  'fleet.status': method(z.object({}).strict(), fleetStatus),
  /** 投诉: committed to the kiosk's outbox towards the hall's console; the number is the person's to keep. */
  'complaint.file': method(
    z
      .object({
        category: complaintCategory,
        description: z.string().trim().min(1).max(1000),
        happenedAt: z.string().max(40).optional(),
        itemCode: z.string().max(64).optional(),
        windowId: z.string().max(64).optional(),
        /** Only with consent to be called back; erased by the console after the case and its retention. */
        contactMobile: z.string().regex(/^1\d{10}$/).optional(),
      })
      .strict(),
    z.object({ number: z.string(), status: z.enum(['queued', 'delivered']) }),
  ),
  /** A complaint's progress and answer by its number, at any kiosk of the console (like 办件查询). */
  'complaint.lookup': method(z.object({ number: complaintNumber }).strict(), complaintStatus),
};
