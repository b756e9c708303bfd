import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { CardView, EnterpriseProfile, PersonLinks } from '../../../../contract';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';
import { toDeviceSignal, type DeviceSignal } from './device-events';
import { useCardOnReader } from './card-on-reader';

export type Role = 'legal_rep' | 'agent';
export type IdentifySource = 'id-card' | 'typed' | 'qr' | 'e-licence';
export type EnterpriseLookup = 'idle' | 'busy' | 'found' | 'not-found' | 'unavailable';

/** Standings the platform refuses applications for (platform-sim/state.ts: cancelled, revoked). */
export const inactiveStanding = (s: EnterpriseProfile['standing']): boolean => s === 'cancelled' || s === 'revoked';

/**
 * Who is at the kiosk, as this screen knows it: the card on the reader (masked; the services hold the
 * card and file in its holder's name), the enterprise profile fetched from the platform, and the role
 * the person acts in. Wiped with the session. Identity is never sent back to the services.
 */
export const useIdentityStore = defineStore('identity', () => {
  const person = shallowRef<CardView | null>(null);
  const enterprise = shallowRef<EnterpriseProfile | null>(null);
  const creditCode = ref<string | null>(null);
  const lookup = ref<EnterpriseLookup>('idle');
  const role = ref<Role | null>(null);
  /** What the platform links to the card holder: their enterprises (one tap each) and their mobile (prefill). */
  const linked = shallowRef<PersonLinks | null>(null);
  let linkedHolder: string | null = null;
  const sessionStarted = ref(false);
  /** The card was lifted while identified: the grace countdown is running. */
  const cardRemovedAt = ref<number | null>(null);
  const listeners = new Set<(s: DeviceSignal) => void>();
  const reader = useCardOnReader((s) => {
    for (const l of listeners) l(s);
  });

  const personMasked = computed(() => (person.value ? { name: person.value.nameMasked, idNumber: person.value.idNumberMasked } : null));
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
    linked.value = null;
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

  /** Tells the services what the person chose: the enterprise and the role (the person is the card on the reader). */
  const syncServices = async (): Promise<{ ok: boolean; messageKey?: string; message?: string }> => {
    const input: { creditCode?: string; role?: Role } = {};
    if (creditCode.value) input.creditCode = creditCode.value;
    if (role.value) input.role = role.value;
    let r = await useBridge().call('session.identify', input);
    if (r.ok && r.value.person === null && person.value !== null) {
      // The services no longer hold the card (their side of the visit ended): read the card on the reader again.
      await reader.refresh();
      r = await useBridge().call('session.identify', input);
    }
    if (!r.ok) return { ok: false, ...(r.error.messageKey ? { messageKey: r.error.messageKey } : {}), message: r.error.details?.[0] ?? r.error.message };
    // The services are the authority on who is here: no card there, nobody here.
    person.value = r.value.person;
    return { ok: true };
  };

  const setPerson = async (p: CardView): Promise<void> => {
    await beginSession('id-card');
    person.value = p;
    cardRemovedAt.value = null;
    reader.adopted();
    await syncServices();
    await loadLinked(p.holder);
  };

  /** Asks the platform (by the card the services hold) what it links to this card holder; nothing when it cannot. */
  const loadLinked = async (holder: string): Promise<void> => {
    if (linked.value && linkedHolder === holder) return;
    linked.value = null;
    linkedHolder = holder;
    const r = await useBridge().call('platform.myEnterprises', {});
    if (r.ok && person.value?.holder === holder) linked.value = r.value;
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
    if (signal.kind === 'card-read' && cardRemovedAt.value !== null && person.value?.holder === signal.card.holder) cardRemovedAt.value = null;
    reader.seen(signal);
  });
  useBridge().onStreamOpen?.(reader.streamOpened);
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
    linked,
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
    /** The person says the card is taken (a reader that cannot see it lifted). */
    dismissTakeCardReminder: reader.dismissReminder,
    reset,
  };
});
