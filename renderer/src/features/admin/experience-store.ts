import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { RouteLocationNormalized } from 'vue-router';
import type { ExperienceRunView } from '../../../../contract';
import { useBridge } from '../../bridge';
import { i18n } from '../../i18n';
import { registerSessionReset, registerVisitKeeper } from '../../stores/session';

/** Route params that carry a public catalogue code (an item, a flow, a form, a stage, a 一件事 package). */
const SUBJECT_PARAMS = ['code', 'flowId', 'formId', 'stage', 'id'] as const;
const PUBLIC_CODE = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * A 政务服务体验员 run on the screen. The services hold the run and decide; the page says which screen it
 * shows — the route's name, its title in the kiosk's words (always Chinese, the hall's report
 * language) and a public code from the route's path. Never the query (a typed sentence, a receipt
 * number) and never a field's value. A walking run keeps the visit open (countdown, 退出) and ends with it.
 */
export const useExperienceStore = defineStore('experience', () => {
  const run = shallowRef<ExperienceRunView | null>(null);
  const active = computed(() => run.value?.state === 'active');
  let lastRoute: RouteLocationNormalized | null = null;

  const screen = (to: RouteLocationNormalized): void => {
    lastRoute = to;
    if (!active.value || to.meta.admin === true || typeof to.name !== 'string') return;
    const key = `experience.screens.${to.name}`;
    const title = i18n.global.te(key, 'zh-CN') ? i18n.global.t(key, {}, { locale: 'zh-CN' }) : undefined;
    const subject = SUBJECT_PARAMS.map((p) => to.params[p]).find((v): v is string => typeof v === 'string' && PUBLIC_CODE.test(v));
    void useBridge().call('experience.step', { screen: to.name, ...(title ? { title } : {}), ...(subject ? { subject } : {}) });
  };

  const set = (next: ExperienceRunView | null): void => {
    const started = next?.state === 'active' && !active.value;
    run.value = next;
    // Started while a screen already shows (admin mode just went home): that screen is the first step.
    if (started && lastRoute) screen(lastRoute);
  };

  const refresh = async (): Promise<void> => {
    const r = await useBridge().call('experience.status', {});
    if (r.ok) set(r.value.run);
  };

  /** The officer's note at this screen; the services mask what must not travel. Returns the refusal's key, if any. */
  const note = async (text: string): Promise<string | null> => {
    const r = await useBridge().call('experience.note', { text });
    if (r.ok) {
      run.value = r.value;
      return null;
    }
    return r.error.messageKey ?? 'experience.errors.other';
  };

  const end = async (): Promise<void> => {
    await useBridge().call('experience.end', {});
    run.value = null;
  };

  useBridge().subscribe((event) => {
    if (event.type === 'experience.run') set(event.run);
  });
  // A walking run keeps the visit open (countdown, 退出) though it holds nothing of a person; ending the
  // visit ends the run on the services' side, and here it only goes.
  registerVisitKeeper(() => active.value);
  registerSessionReset(() => {
    if (active.value) run.value = null;
  });

  return { run, active, screen, refresh, note, end };
});
