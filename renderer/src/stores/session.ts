import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionEndReason } from '../../../electron/contract';
import { useBridge } from '../bridge';
import { usePreferencesStore } from './preferences';

type Reset = () => void;
const sessionScopedResets = new Set<Reset>();

/**
 * Stores that hold anything of the person at the kiosk register their reset here; ending the
 * session runs every one of them, so the next person sees nothing of the previous one.
 */
export function registerSessionReset(reset: Reset): () => void {
  sessionScopedResets.add(reset);
  return () => sessionScopedResets.delete(reset);
}

export const useSessionStore = defineStore('session', () => {
  const lastEndReason = ref<SessionEndReason | null>(null);

  /** Wipes the session on both sides; the caller routes home. */
  const end = async (reason: SessionEndReason): Promise<void> => {
    for (const reset of sessionScopedResets) reset();
    usePreferencesStore().reset();
    lastEndReason.value = reason;
    await useBridge().call('session.end', { reason });
  };
  return { lastEndReason, end };
});
