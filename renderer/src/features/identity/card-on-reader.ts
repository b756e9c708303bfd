import { ref } from 'vue';
import { useBridge } from '../../bridge';
import { toDeviceSignal, type DeviceSignal } from './device-events';

/**
 * The card lying on the reader, as this screen knows it. Whether a card lies there is no personal
 * data and outlives a session (the reminder to take it depends on it); what was read from it is
 * kept for this session only, so a screen that opens later still sees the card. A session that has
 * not seen the card (after a session end, or a restarted screen) asks the reader to read it again:
 * it is then a new read, never data carried over.
 */
export function useCardOnReader(deliver: (s: DeviceSignal) => void) {
  /** A card lies on the reader. */
  const present = ref(false);
  /** The reader is reading the card again for this session. */
  const reading = ref(false);
  /** Remind the person to take their card: the session ended (or the screen started) with it on the reader. */
  const reminder = ref(false);
  let current: DeviceSignal | null = null;
  /** Counts reader signals, so a re-read answer older than the last signal is dropped. */
  let seq = 0;
  let pending: Promise<void> | null = null;
  /** The reader was asked at least once (the screen's first read). */
  let asked = false;

  const seen = (s: DeviceSignal): void => {
    if (s.kind === 'card-read' || s.kind === 'card-failed') {
      seq += 1;
      current = s;
      present.value = true;
    } else if (s.kind === 'card-removed') {
      seq += 1;
      current = null;
      present.value = false;
      reminder.value = false;
    }
    deliver(s);
  };

  const refresh = (): Promise<void> => {
    if (pending) return pending;
    asked = true;
    const at = seq;
    reading.value = true;
    pending = (async () => {
      const r = await useBridge().call('card.reread', {});
      reading.value = false;
      pending = null;
      if (!r.ok || seq !== at || r.value.outcome === 'unavailable') return;
      const v = r.value;
      if (v.outcome === 'no-card') {
        present.value = false;
        reminder.value = false;
        current = null;
        return;
      }
      const signal: DeviceSignal | null =
        v.outcome === 'card' ? toDeviceSignal({ type: 'card.read', card: v.card }) : toDeviceSignal({ type: 'card.error', reasonKey: v.reasonKey, message: v.message });
      if (signal) seen(signal);
    })();
    return pending;
  };

  /** Gives a new listener the card on the reader: the one seen this session, or a fresh read of it. */
  const replayTo = (l: (s: DeviceSignal) => void, stillListening: () => boolean): void => {
    const c = current;
    if (c) queueMicrotask(() => stillListening() && l(c));
    else if (present.value) void refresh();
  };

  return {
    present,
    reading,
    reminder,
    seen,
    refresh,
    replayTo,
    /**
     * The event stream (re)opened: a card placed while it was down was announced to nobody. When this
     * screen knows of no card, it asks the reader, as the missed announcement would have told it.
     */
    streamOpened: (): void => {
      // Before the screen's first read (it comes once the screen has started clean) there is nothing to catch up.
      if (!asked) return;
      const unknown = (): boolean => !current && !present.value;
      // A read under way may have asked before the card was placed: ask again after it.
      if (unknown()) void (pending ?? Promise.resolve()).then(() => (unknown() ? refresh() : undefined));
    },
    /** The session ended: forget what was read; remind the person if the card is still there. */
    sessionEnded: (): void => {
      current = null;
      reminder.value = present.value;
    },
    /** The card was taken into a new session (identified): no reminder. */
    adopted: (): void => {
      reminder.value = false;
    },
    /** After the screen started: a card found on the reader that no ended visit explains. */
    remindIfPresent: (): void => {
      reminder.value = present.value;
    },
    /** The person says they took the card (a reader that cannot see it lifted): no more reminder, nothing lies there. */
    dismissReminder: (): void => {
      reminder.value = false;
      present.value = false;
      current = null;
    },
  };
}
