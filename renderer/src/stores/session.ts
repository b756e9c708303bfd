import { defineStore } from 'pinia';
import { computed, ref, shallowReactive } from 'vue';
import { useRouter } from 'vue-router';
import type { SessionEndReason } from '../../../contract';
import { useBridge } from '../bridge';
import { usePreferencesStore } from './preferences';

type Reset = () => void;
type Holds = () => boolean;
const sessionScopedResets = new Set<Reset>();
/** Reactive, so the idle timer and the logout button follow stores that come and go. */
const holders = shallowReactive(new Set<Holds>());

/**
 * Stores that hold anything of the person at the kiosk register their reset here; ending the
 * session runs every one of them, so the next person sees nothing of the previous one. `holds`
 * says whether the store holds something right now: while any does, the visit is in progress (the
 * idle countdown runs and the logout button shows, on every screen).
 */
export function registerSessionReset(reset: Reset, holds?: Holds): () => void {
  sessionScopedResets.add(reset);
  if (holds) holders.add(holds);
  return () => {
    sessionScopedResets.delete(reset);
    if (holds) holders.delete(holds);
  };
}

const keepers = shallowReactive(new Set<Holds>());
/**
 * Something that is nobody's data but keeps the visit open (a 体验员 run walking): the countdown runs and
 * 退出 shows as in a person's visit, without the home screen offering to resume one.
 */
export function registerVisitKeeper(keeps: Holds): () => void {
  keepers.add(keeps);
  return () => keepers.delete(keeps);
}

const subjects = new Set<() => string | null>();
/** A store that knows which item the visit is about (an application under way) says so here. */
export function registerVisitSubject(itemCode: () => string | null): () => void {
  subjects.add(itemCode);
  return () => subjects.delete(itemCode);
}

/** A visit the person ended themselves, and the item it was about: the home screen asks whether it got done. */
export interface EndedVisit {
  readonly endedAt: number;
  readonly itemCode: string | null;
}

export const useSessionStore = defineStore('session', () => {
  const router = useRouter();
  const lastEndReason = ref<SessionEndReason | null>(null);
  /** A restarted screen ended a visit that was in progress: the person is told so once. */
  const restartEndedVisit = ref(false);
  /** Where the visit was before the person went home (in memory, wiped with the session). */
  const resumePath = ref<string | null>(null);
  /** Only the item's code (public catalogue data), never anything of the person. */
  const endedVisit = ref<EndedVisit | null>(null);
  const prefs = usePreferencesStore();

  /** Something of the person is held (identity, enterprise, draft, help call …). */
  const holdsPerson = computed(() => [...holders].some((h) => h()));
  /** The visit is open: the person's data, or display settings they changed (reset for the next person). */
  const visitInProgress = computed(() => holdsPerson.value || !prefs.isDefault || [...keepers].some((k) => k()));

  const resetRenderer = (): void => {
    for (const reset of sessionScopedResets) reset();
    prefs.reset();
    resumePath.value = null;
  };

  /** Wipes the session on both sides; the caller routes home. */
  const end = async (reason: SessionEndReason): Promise<void> => {
    // The item the person was on: the page's own (/item/:code), else the application under way.
    const code = router?.currentRoute.value.params.code;
    const itemCode = typeof code === 'string' && code ? code : ([...subjects].map((s) => s()).find((c) => c) ?? null);
    endedVisit.value = reason === 'logout' ? { endedAt: Date.now(), itemCode } : null;
    resetRenderer();
    restartEndedVisit.value = false;
    lastEndReason.value = reason;
    await useBridge().call('session.end', { reason });
  };

  /**
   * A renderer that (re)starts begins from a clean session on both sides: whatever the services
   * still hold (a previous screen's identity, a lit pad, an open help call) is ended, never adopted.
   */
  const startClean = async (): Promise<void> => {
    const r = await useBridge().call('session.end', { reason: 'renderer-start' });
    if (r.ok && r.value.hadSession) {
      restartEndedVisit.value = true;
      lastEndReason.value = 'renderer-start';
    }
  };

  const forgetEndedVisit = (): void => {
    endedVisit.value = null;
  };

  return { lastEndReason, restartEndedVisit, resumePath, endedVisit, forgetEndedVisit, holdsPerson, visitInProgress, end, startClean };
});
