/**
 * The devices' vocabulary, shared by the hardware layer that produces it, the bridge that carries it
 * and the screens that word it: one list of each, so the layers cannot drift apart.
 */

export const DEVICE_ROLES = ['idReader', 'printer', 'pad', 'scanner'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];

/** Factory speeds of the devices the product supports (a technician may choose another). */
export const DEFAULT_BAUD: Readonly<Record<DeviceRole, number>> = { idReader: 115200, printer: 115200, pad: 115200, scanner: 9600 };

export const DEVICE_STATES = ['absent', 'connecting', 'ready', 'busy', 'error', 'disconnected'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** What a printer reports of itself (ESC/POS status); the first that applies wins. */
export const PRINTER_CONDITIONS = ['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'cutter-error', 'error'] as const;
export type PrinterCondition = (typeof PRINTER_CONDITIONS)[number];

/** A print's outcome: the printer's own condition, or why no printer could be asked. */
export const PRINT_CONDITIONS = [...PRINTER_CONDITIONS, 'disconnected', 'absent'] as const;
export type PrintCondition = (typeof PRINT_CONDITIONS)[number];

/** Conditions in which a receipt still prints. */
export const canPrint = (c: PrintCondition | undefined): boolean => c === 'ok' || c === 'paper-near-end';

/** Why an ID card could not be read, as i18n keys. */
export const CARD_ERROR_KEYS = ['card.unreadable', 'card.unsupportedType', 'card.authFailed', 'card.malformed'] as const;
export type CardErrorKey = (typeof CARD_ERROR_KEYS)[number];

/** A device's state change, with a reason a technician can read (English). */
export interface DeviceStatus {
  readonly role: DeviceRole;
  readonly state: DeviceState;
  /** Typed sub-state a technician can act on, e.g. paper-out, cover-open. */
  readonly condition?: string;
  readonly reason: string;
  readonly port?: string;
  readonly since: string;
}
