import type { CardView, KioskEvent } from '../../../../contract';

/**
 * The device events the journey reacts to, as the screens use them: a card read (masked: the
 * services keep the card), a card that could not be read, a card lifted, a code scanned.
 */
export type DeviceSignal =
  | { kind: 'card-read'; card: CardView }
  | { kind: 'card-failed'; reasonKey: string; reason: string }
  | { kind: 'card-removed' }
  | { kind: 'scanned'; text: string };

export function toDeviceSignal(event: KioskEvent): DeviceSignal | null {
  switch (event.type) {
    case 'card.read':
      return { kind: 'card-read', card: event.card };
    case 'card.error':
      return { kind: 'card-failed', reasonKey: event.reasonKey, reason: event.message };
    case 'card.removed':
      return { kind: 'card-removed' };
    case 'scanner.scan':
      return { kind: 'scanned', text: event.text };
    default:
      return null;
  }
}
