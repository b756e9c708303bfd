import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { ApiError } from './api';
import { session } from './session';

/**
 * Runs a call of a screen and keeps its error in words: a refusal for the role says so, an ended
 * session goes back to sign-in, anything else shows the server's message.
 */
export function useAction(): { error: Ref<string | null>; busy: Ref<boolean>; run: <T>(f: () => Promise<T>) => Promise<T | undefined> } {
  const { t } = useI18n();
  const router = useRouter();
  const error = ref<string | null>(null);
  const busy = ref(false);
  const run = async <T>(f: () => Promise<T>): Promise<T | undefined> => {
    error.value = null;
    busy.value = true;
    try {
      return await f();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && err.code === 'signed-out') {
        session.operator = null;
        await router.push({ name: 'sign-in', query: { next: router.currentRoute.value.fullPath } });
        return undefined;
      }
      error.value = err instanceof ApiError && err.code === 'forbidden' ? t('app.forbidden') : t('app.error', { message: err instanceof Error ? err.message : String(err) });
      return undefined;
    } finally {
      busy.value = false;
    }
  };
  return { error, busy, run };
}
