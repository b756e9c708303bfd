import { createRouter, createWebHistory } from 'vue-router';
import type { Permission } from '../../shared/roles';
import { allowed, loadSession, session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Screens only some roles may open (the server refuses their actions anyway). */
    permission?: Permission;
    public?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/kiosks' },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignIn.vue'), meta: { public: true } },
    { path: '/kiosks', name: 'kiosks', component: () => import('./views/Kiosks.vue') },
    { path: '/kiosks/:id', name: 'kiosk', component: () => import('./views/KioskDetail.vue'), props: true },
    { path: '/enrol', name: 'enrol', component: () => import('./views/Enrol.vue') },
    { path: '/alerts', name: 'alerts', component: () => import('./views/Alerts.vue') },
    { path: '/rollouts', name: 'rollouts', component: () => import('./views/Rollouts.vue') },
    { path: '/rollouts/:id', name: 'rollout', component: () => import('./views/RolloutDetail.vue'), props: true },
    { path: '/cases', name: 'cases', component: () => import('./views/Cases.vue') },
    { path: '/evaluation', name: 'evaluation', component: () => import('./views/Evaluation.vue') },
    { path: '/unfound-sentences', name: 'unfound-sentences', component: () => import('./views/UnfoundSentences.vue'), meta: { permission: 'sentences.read' } },
    // 体验员走查: the runs, and one run's report by its id; read like the ledger and the statistics.
    { path: '/experience-runs/:runId?', name: 'experience-runs', component: () => import('./views/ExperienceRuns.vue'), props: true },
    { path: '/video-calls', name: 'video-calls', component: () => import('./views/VideoCalls.vue'), meta: { permission: 'video.answer' } },
    { path: '/halls', name: 'halls', component: () => import('./views/Halls.vue') },
    { path: '/operators', name: 'operators', component: () => import('./views/Operators.vue'), meta: { permission: 'operators.manage' } },
    { path: '/audit', name: 'audit', component: () => import('./views/Audit.vue'), meta: { permission: 'audit.read' } },
    { path: '/:rest(.*)*', redirect: '/kiosks' },
  ],
});

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  if (to.meta.public) return true;
  if (!session.operator) return { name: 'sign-in', query: { next: to.fullPath } };
  if (to.meta.permission && !allowed(to.meta.permission)) return { name: 'kiosks' };
  return true;
});
