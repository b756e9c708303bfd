import { kioskEvent, type KioskEvent } from '../../contract';

type Listener = (event: KioskEvent) => void;

/** Fan-out of bridge events to every connected renderer; each event is checked against the contract. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  publish(event: KioskEvent): void {
    const valid = kioskEvent.parse(event);
    for (const l of [...this.listeners]) {
      try {
        l(valid);
      } catch {
        // One broken subscriber (a closed connection) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
