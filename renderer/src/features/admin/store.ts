import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AdminStatus, KioskError, MethodInput, MethodName, MethodOutput, Result, SelfTestResult } from '../../../../contract';
import { useBridge } from '../../bridge';

/** Admin methods that need the admin session (everything but status and login). */
type AuthedMethod = Extract<MethodName, `admin.${string}`> & Exclude<MethodName, 'admin.status' | 'admin.login' | 'admin.rendererRestarted'>;
type AuthedInput<M extends AuthedMethod> = Omit<MethodInput<M>, 'adminSession'>;

/** A refusal as the screen words it: the i18n key and its first detail (attempts left, lockout ms). */
export interface AdminRefusal {
  readonly key: string;
  readonly detail: string | null;
}
const refusal = (e: KioskError): AdminRefusal => ({ key: e.messageKey ?? 'admin.errors.other', detail: e.details?.[0] ?? null });

/**
 * Admin mode on the screen. The services hold the admin session and decide; the page keeps only the
 * token they handed out (memory only: a reload or restart leaves admin mode), sends it with every admin
 * call, and forgets it when the services say the session ended (idle minute, logout, a person).
 */
export const useAdminStore = defineStore('admin', () => {
  const token = shallowRef<string | null>(null);
  const status = ref<AdminStatus | null>(null);
  /** Why the last admin session ended, for the login screen to say. */
  const ended = ref<'idle' | 'logout' | 'person' | null>(null);
  const selfTest = ref<SelfTestResult | null>(null);
  /** The last self-test state heard for a test this screen did not yet know it had started. */
  let latestElsewhere: SelfTestResult | null = null;
  let lastTouch = 0;

  const refreshStatus = async (): Promise<void> => {
    const r = await useBridge().call('admin.status', {});
    if (r.ok) status.value = r.value;
  };

  const login = async (pin: string): Promise<AdminRefusal | null> => {
    const r = await useBridge().call('admin.login', { pin });
    await refreshStatus();
    if (!r.ok) return refusal(r.error);
    token.value = r.value.adminSession;
    ended.value = null;
    lastTouch = Date.now();
    return null;
  };

  /** An admin call with the session; a refusal because the session is gone returns the page to login. */
  const call = async <M extends AuthedMethod>(method: M, input: AuthedInput<M>): Promise<Result<MethodOutput<M>>> => {
    const r = await useBridge().call(method, { ...input, adminSession: token.value ?? undefined } as MethodInput<M>);
    if (!r.ok && (r.error.messageKey === 'admin.errors.notInAdmin' || r.error.messageKey === 'admin.errors.personSession')) {
      token.value = null;
      ended.value = r.error.messageKey === 'admin.errors.personSession' ? 'person' : 'idle';
    }
    return r;
  };

  const logout = async (): Promise<void> => {
    if (token.value) await call('admin.logout', {});
    token.value = null;
    ended.value = 'logout';
  };

  /** The technician is at the screen: keeps the idle minute from running out (at most one call in 15 s). */
  const touch = (): void => {
    if (!token.value || Date.now() - lastTouch < 15_000) return;
    lastTouch = Date.now();
    void call('admin.touch', {});
  };

  useBridge().subscribe((event) => {
    if (event.type === 'admin.ended' && token.value) {
      token.value = null;
      ended.value = event.reason;
      selfTest.value = null;
    }
    if (event.type === 'admin.selfTest') {
      if (selfTest.value?.testId === event.result.testId) selfTest.value = event.result;
      else latestElsewhere = event.result;
    }
  });

  /**
   * A test just started: its first step may have been published before the call that started it
   * answered (the pad answers in milliseconds), so a newer state already heard wins over the answer.
   */
  const selfTestStarted = (first: SelfTestResult): void => {
    selfTest.value = latestElsewhere?.testId === first.testId ? latestElsewhere : first;
    latestElsewhere = null;
  };

  return { token, status, ended, selfTest, selfTestStarted, refreshStatus, login, call, logout, touch };
});

export const refusalText = refusal;
