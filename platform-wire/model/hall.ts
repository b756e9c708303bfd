import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

/** 帮办 help request: a staff member is paged and answers (or comes to the kiosk). */
export const helpRequest = z.object({
  topic: z.enum(['how-to-apply', 'materials', 'device-problem', 'identity', 'other']),
  message: z.string().max(500).default(''),
  itemCode: z.string().optional(),
  kioskLocation: z.string().optional(),
  creditCode: z.string().length(18).optional(),
  contactName: z.string().optional(),
  contactMobile: z.string().optional(),
  requestedAt: z.string(),
});
export type HelpRequest = z.infer<typeof helpRequest>;

export const helpStatus = z.object({
  helpId: z.string(),
  status: z.enum(['paged', 'answered', 'closed']),
  staffName: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type HelpStatus = z.infer<typeof helpStatus>;

/** Window types of the hall (综合窗口 etc.) used for 取号. */
export const windowType = z.enum(['comprehensive', 'enterprise-start', 'tax', 'social-security', 'certificate-pickup', 'help-desk']);
export type WindowType = z.infer<typeof windowType>;

export const queueTicket = z.object({
  ticketNumber: z.string(), // e.g. A012
  windowType,
  waitingAhead: z.number().int().nonnegative(),
  estimatedWaitMinutes: z.number().int().nonnegative(),
  issuedAt: z.string(),
  /** Set when the ticket was issued for a checked-in appointment (priority). */
  appointmentId: z.string().nullable().default(null),
  /** A number a kiosk issued from its own range while the platform was down, since taken into the queue. */
  reconciled: z.boolean().default(false),
});
export type QueueTicket = z.infer<typeof queueTicket>;

/**
 * The card holder a ticket or a booking is bound to: the window sees who the number belongs to.
 * Personal data: sealed in the kiosk's outbox while it waits, never logged.
 */
export const holderRef = z.object({ idNumber: z.string().length(18), name: z.string().min(1) });

/** 取号: a ticket now, or (`local`) one a kiosk issued from its own range while the platform was down. */
export const queueTicketRequest = z.object({
  windowType,
  appointmentId: z.string().optional(),
  holder: holderRef.optional(),
  local: z.object({ number: z.string().regex(/^[A-Z][0-9]{3,4}$/), issuedAt: z.string() }).optional(),
});
export type QueueTicketRequest = z.infer<typeof queueTicketRequest>;

/** 预约: a slot for an item, bound to the card holder or to a phone number (for the reminder and the check-in). */
export const appointmentRequest = z.object({
  slotId: z.string(),
  itemCode: z.string(),
  creditCode: z.string().length(18).optional(),
  contactMobile: z.string().optional(),
  holder: holderRef.optional(),
});

export const appointmentSlot = z.object({
  slotId: z.string(),
  itemCode: z.string(),
  windowType,
  date: isoDate,
  start: hhmm,
  end: hhmm,
  capacity: z.number().int().positive(),
  remaining: z.number().int().nonnegative(),
  /** 延时/错时 service outside normal hours. */
  extendedHours: z.boolean().default(false),
});
export type AppointmentSlot = z.infer<typeof appointmentSlot>;

export const appointment = z.object({
  appointmentId: z.string(),
  checkInCode: z.string(), // shown/printed; scanned on arrival
  slot: appointmentSlot,
  status: z.enum(['booked', 'cancelled']),
  bookedAt: z.string(),
});
export type Appointment = z.infer<typeof appointment>;
