import { z } from 'zod';
import { CARD_ERROR_KEYS, PRINT_CONDITIONS } from '../../kernel/devices';
import { method } from './define';
import { cardView } from '../events/devices';
import { deviceRole, deviceStatus } from './system';

/** A kiosk receipt as data; the services turn it into printer bytes and an SVG preview. */
export const receiptTemplate = z
  .object({
    title: z.string().min(1).max(64),
    subtitle: z.string().max(64).optional(),
    /** Key/value rows, e.g. 办件编号 / GD2026112500012. */
    fields: z.array(z.object({ label: z.string().min(1).max(32), value: z.string().max(200) }).strict()).max(30).default([]),
    /** Free text lines, wrapped to the paper width on character boundaries. */
    text: z.array(z.string().max(500)).max(50).default([]),
    /** QR payload, e.g. the progress-query URL. */
    qr: z.string().min(1).max(500).optional(),
    /** CODE128 data: printable ASCII only. */
    barcode: z.string().regex(/^[\x20-\x7e]{1,40}$/).optional(),
    /** A stamp line such as 已办结. */
    stamp: z.string().min(1).max(16).optional(),
    footer: z.array(z.string().max(200)).max(10).default([]),
  })
  .strict();
export type ReceiptTemplate = z.infer<typeof receiptTemplate>;

/** Printer condition as typed states; `disconnected`/`absent` when the printer cannot be reached. */
export const printerCondition = z.enum(PRINT_CONDITIONS);
export type PrinterCondition = z.infer<typeof printerCondition>;

export const printerProfile = z
  .object({
    paperWidth: z.union([z.literal(58), z.literal(80)]),
    encoding: z.enum(['gb18030', 'gbk']),
    qrNative: z.boolean(),
    cutter: z.boolean(),
  })
  .strict();

/** One configured device: which serial port and speed a role uses. */
export const deviceConfigEntry = z
  .object({
    role: deviceRole,
    path: z.string().min(1).max(256),
    baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]),
    /** Printer only. */
    profile: printerProfile.optional(),
  })
  .strict();
export type DeviceConfigEntry = z.infer<typeof deviceConfigEntry>;

export const probedPort = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  /** The device that answered on this port, or null when nothing recognisable answered. */
  role: deviceRole.nullable(),
  baudRate: z.number().int().nullable(),
  detail: z.string(),
});

/** Bridge methods of the devices area. `devices.probe` and `devices.configure` are technician screens only. */
export const devicesApi = {
  'devices.status': method(z.object({}).strict(), z.object({ devices: z.array(deviceStatus) })),
  /** Lists serial ports and identifies which device answers on each (technician). */
  'devices.probe': method(z.object({}).strict(), z.object({ ports: z.array(probedPort) })),
  /** Saves the role → port mapping and restarts the drivers on it (technician). */
  'devices.configure': method(
    z.object({ devices: z.array(deviceConfigEntry).max(4) }).strict(),
    z.object({ devices: z.array(deviceConfigEntry), mode: z.enum(['simulated', 'configured']) }),
  ),
  /** Prints a receipt; always returns the SVG preview so the UI can show it when the printer cannot print. */
  'printer.print': method(
    z.object({ receipt: receiptTemplate }).strict(),
    z.object({ printed: z.boolean(), condition: printerCondition, reason: z.string(), previewSvg: z.string() }),
  ),
  /** Lights the evaluation pad for one transaction (no level is pre-selected). */
  'pad.requestRating': method(
    z
      .object({
        transactionId: z.string().min(1).max(64),
        timeoutSeconds: z.number().int().min(5).max(120).default(60),
        reasonRequired: z.boolean().default(true),
      })
      .strict(),
    z.object({ requested: z.boolean(), reason: z.string() }),
  ),
  /** Switches the pad off again when the person rated on screen or left the evaluation. */
  'pad.cancelRating': method(
    z.object({ transactionId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean(), reason: z.string() }),
  ),
  /**
   * Reads the card now on the reader again, as if it had just been placed: a fresh renderer, or a
   * new session, learns of a card that stayed on the reader, and its holder is the session's person again.
   */
  'card.reread': method(
    z.object({}).strict(),
    z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('card'), card: cardView }),
      z.object({ outcome: z.literal('error'), reasonKey: z.enum(CARD_ERROR_KEYS), message: z.string() }),
      z.object({ outcome: z.literal('no-card') }),
      z.object({ outcome: z.literal('unavailable'), reason: z.string() }),
    ]),
  ),
} satisfies Record<string, ReturnType<typeof method>>;
