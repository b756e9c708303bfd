import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EnterpriseProfile } from '../../../../electron/contract';
import { maskIdNumber, maskName } from '../../../../electron/contract/domain/mask';
import { useBridge } from '../../bridge';
import { registerSessionReset } from '../../stores/session';
import { toDeviceSignal, type CardPerson, type DeviceSignal } from './device-events';

export type Role = 'legal_rep' | 'agent';
export type IdentifySource = 'id-card' | 'typed' | 'qr' | 'e-licence';

/**
 * Who is at the kiosk: the person from the ID card (memory only, never persisted), the enterprise
 * profile fetched from the platform, and the role they act in. Wiped with the session.
 */
export const useIdentityStore = defineStore('identity', () => {
  const person = shallowRef<CardPerson | null>(null);
  const enterprise = shallowRef<EnterpriseProfile | null>(null);
  const creditCode = ref<string | null>(null);
  const role = ref<Role | null>(null);
  const sessionStarted = ref(false);
  /** The card was lifted while identified: the grace countdown is running. */
  const cardRemovedAt = ref<number | null>(null);
  const listeners = new Set<(s: DeviceSignal) => void>();
  /**
   * The card now on the reader (read or failed), so a screen that opens after the card was placed
   * still sees it. Memory only, and dropped with the session like everything else of the person.
   */
  let cardOnReader: DeviceSignal | null = null;

  const personMasked = computed(() => (person.value ? { name: maskName(person.value.name), idNumber: maskIdNumber(person.value.idNumber) } : null));

  const reset = (): void => {
    person.value = null;
    enterprise.value = null;
    creditCode.value = null;
    role.value = null;
    sessionStarted.value = false;
    cardRemovedAt.value = null;
    cardOnReader = null;
  };
  registerSessionReset(reset);

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
    await syncServices();
  };

  type EnterpriseLookup = { ok: true } | { ok: false; code: string; message: string };
  /** Looks the enterprise up on the platform; the code is kept even when the platform is down. */
  const setCreditCode = async (code: string, source: IdentifySource): Promise<EnterpriseLookup> => {
    await beginSession(source);
    creditCode.value = code;
    enterprise.value = null;
    await syncServices();
    const r = await useBridge().call('platform.enterprise', { creditCode: code });
    if (r.ok) {
      enterprise.value = r.value;
      return { ok: true };
    }
    return { ok: false, code: r.error.code, message: r.error.message };
  };

  // One subscription for the life of the app: card events matter on every screen.
  useBridge().subscribe((event) => {
    const signal = toDeviceSignal(event);
    if (!signal) return;
    if (signal.kind === 'card-read' || signal.kind === 'card-failed') cardOnReader = signal;
    if (signal.kind === 'card-removed') cardOnReader = null;
    if (signal.kind === 'card-removed' && person.value && cardRemovedAt.value === null) cardRemovedAt.value = Date.now();
    if (signal.kind === 'card-read' && cardRemovedAt.value !== null && person.value?.idNumber === signal.person.idNumber) cardRemovedAt.value = null;
    for (const l of listeners) l(signal);
  });
  /** Subscribes to device signals; a card already on the reader is replayed to the new listener. */
  const onSignal = (l: (s: DeviceSignal) => void): (() => void) => {
    listeners.add(l);
    const current = cardOnReader;
    if (current) queueMicrotask(() => listeners.has(l) && l(current));
    return () => listeners.delete(l);
  };

  return { person, personMasked, enterprise, creditCode, role, cardRemovedAt, setPerson, setCreditCode, syncServices, onSignal, reset };
});
