import type { KioskEvent } from '../../../../contract';

/**
 * Reads the device events the journey needs (ID card placed/removed/failed, QR scanned) from the
 * bridge's event stream. The devices area names them `card.*` and `scanner.*`; this adapter keeps
 * the screens independent of the exact payload layout while the devices contract settles.
 */
export interface CardPerson {
  readonly name: string;
  readonly idNumber: string;
  readonly address?: string;
  readonly validUntil?: string;
  readonly expired: boolean;
}

export type DeviceSignal =
  | { kind: 'card-read'; person: CardPerson }
  | { kind: 'card-failed'; reasonKey: string; reason: string }
  | { kind: 'card-removed' }
  | { kind: 'scanned'; text: string };

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function personOf(e: Loose): CardPerson | null {
  const card = ((e.card as Loose | undefined)?.card ?? e.card ?? e.person ?? e) as Loose;
  const name = str(card.name) ?? str(card.chineseName) ?? str(card.englishName);
  const idNumber = str(card.idNumber) ?? str(card.cardNumber) ?? str(card.number);
  if (!name || !idNumber) return null;
  const validUntil = str(card.validUntil);
  const expired = typeof e.expired === 'boolean' ? e.expired : typeof card.expired === 'boolean' ? card.expired : false;
  return { name, idNumber, expired, ...(str(card.address) ? { address: str(card.address)! } : {}), ...(validUntil ? { validUntil } : {}) };
}

export function toDeviceSignal(event: KioskEvent): DeviceSignal | null {
  const e = event as unknown as Loose;
  const type = String(e.type);
  if (type === 'card.removed') return { kind: 'card-removed' };
  if (type.startsWith('card.') && /error|fail|unreadable/.test(type)) {
    return { kind: 'card-failed', reasonKey: str(e.reasonKey) ?? 'card.unreadable', reason: str(e.reason) ?? str(e.message) ?? '' };
  }
  if (type.startsWith('card.')) {
    const person = personOf(e);
    return person ? { kind: 'card-read', person } : null;
  }
  if (type.startsWith('scanner.')) {
    const text = str(e.text) ?? str(e.data) ?? str(e.payload) ?? str(e.code);
    return text ? { kind: 'scanned', text } : null;
  }
  return null;
}
