import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EnterpriseProfile } from '../../../../contract';
import { maskIdNumber, maskName } from '../../../../kernel/mask';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';
import { toDeviceSignal, type CardPerson, type DeviceSignal } from './device-events';
import { useCardOnReader } from './card-on-reader';

export type Role = 'legal_rep' | 'agent';
export type IdentifySource = 'id-card' | 'typed' | 'qr' | 'e-licence';
export type EnterpriseLookup = 'idle' | 'busy' | 'found' | 'not-found' | 'unavailable';

/** Standings the platform refuses applications for (platform-sim/state.ts: cancelled, revoked). */
export const inactiveStanding = (s: EnterpriseProfile['standing']): boolean => s === 'cancelled' || s === 'revoked';

/**
 * Who is at the kiosk: the person from the ID card (memory only, never persisted), the enterprise
 * profile fetched from the platform, and the role they act in. Wiped with the session.
 */
export const useIdentityStore = defineStore('identity', () => {
  const person = shallowRef<CardPerson | null>(null);
  const enterprise = shallowRef<EnterpriseProfile | null>(null);
  const creditCode = ref<string | null>(null);
  const lookup = ref<EnterpriseLookup>('idle');
  const role = ref<Role | null>(null);
  const sessionStarted = ref(false);
  /** The card was lifted while identified: the grace countdown is running. */
  const cardRemovedAt = ref<number | null>(null);
  const listeners = new Set<(s: DeviceSignal) => void>();
  const reader = useCardOnReader((s) => {
    for (const l of listeners) l(s);
  });

  const personMasked = computed(() => (person.value ? { name: maskName(person.value.name), idNumber: maskIdNumber(person.value.idNumber) } : null));
  /** The enterprise may file: found and active, or the platform could not be asked (filed without prefill, checked there). */
  const enterpriseUsable = computed(
    () => creditCode.value !== null && ((lookup.value === 'found' && !!enterprise.value && !inactiveStanding(enterprise.value.standing)) || lookup.value === 'unavailable'),
  );
  /** Everything filing needs: the person by ID card (real name), the role, and the enterprise unless the item creates it. */
  const readyToFile = (createsEnterprise: boolean): boolean => person.value !== null && role.value !== null && (createsEnterprise || enterpriseUsable.value);

  const reset = (): void => {
    person.value = null;
    enterprise.value = null;
    creditCode.value = null;
    lookup.value = 'idle';
    role.value = null;
    sessionStarted.value = false;
    cardRemovedAt.value = null;
    reader.sessionEnded();
  };
  registerSessionReset(reset, () => person.value !== null || creditCode.value !== null || role.value !== null);

  const beginSession = async (source: IdentifySource): Promise<void> => {
    if (sessionStarted.value) return;
    const r = await useBridge().call('session.begin', { source });
    sessionStarted.value = r.ok;
  };

  /** Tells the services who is here (they file applications in this name). */
  const syncServices = async (): Promise<{ ok: boolean; messageKey?: string; message?: string }> => {
    const input: { person?: { name: string; idNumber: string }; creditCode?: string } = {};
    if (person.value) input.person = { name: person.value.name, idNumber: person.value.idNumber };
    if (creditCode.value) input.creditCode = creditCode.value;
    const r = await useBridge().call('session.identify', input);
    return r.ok ? { ok: true } : { ok: false, ...(r.error.messageKey ? { messageKey: r.error.messageKey } : {}), message: r.error.details?.[0] ?? r.error.message };
  };

  const setPerson = async (p: CardPerson): Promise<void> => {
    await beginSession('id-card');
    person.value = p;
    cardRemovedAt.value = null;
    reader.adopted();
    await syncServices();
  };

  /** Looks the enterprise up on the platform; the code is kept even when the platform is down. */
  const setCreditCode = async (code: string, source: IdentifySource): Promise<{ ok: true } | { ok: false; code: string; message: string }> => {
    await beginSession(source);
    creditCode.value = code;
    enterprise.value = null;
    lookup.value = 'busy';
    await syncServices();
    const r = await useBridge().call('platform.enterprise', { creditCode: code });
    if (creditCode.value !== code) return { ok: false, code: 'superseded', message: 'another code was entered' };
    if (r.ok) {
      enterprise.value = r.value;
      lookup.value = 'found';
      return { ok: true };
    }
    lookup.value = r.error.code === 'not-found' ? 'not-found' : 'unavailable';
    return { ok: false, code: r.error.code, message: r.error.message };
  };

  // One subscription for the life of the app: card events matter on every screen.
  useBridge().subscribe((event) => {
    const signal = toDeviceSignal(event);
    if (!signal) return;
    if (signal.kind === 'card-removed' && person.value && cardRemovedAt.value === null) cardRemovedAt.value = Date.now();
    if (signal.kind === 'card-read' && cardRemovedAt.value !== null && person.value?.idNumber === signal.person.idNumber) cardRemovedAt.value = null;
    reader.seen(signal);
  });
  /**
   * Subscribes to device signals; the card now on the reader is replayed to the new listener (read
   * anew when this session has not seen it, e.g. after a session end or a restart of the screen).
   */
  const onSignal = (l: (s: DeviceSignal) => void): (() => void) => {
    listeners.add(l);
    reader.replayTo(l, () => listeners.has(l));
    return () => listeners.delete(l);
  };

  return {
    person,
    personMasked,
    enterprise,
    creditCode,
    lookup,
    role,
    cardRemovedAt,
    enterpriseUsable,
    readyToFile,
    cardPresent: reader.present,
    cardReading: reader.reading,
    takeCardReminder: reader.reminder,
    setPerson,
    setCreditCode,
    syncServices,
    onSignal,
    readCardOnReader: reader.refresh,
    remindTakeCardIfPresent: reader.remindIfPresent,
    reset,
  };
});
