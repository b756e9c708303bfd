import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useBridge } from './bridge';
import { i18n } from './i18n';
import { router } from './router';
import { useExperienceStore } from './features/admin/experience-store';
import { installApplicantGuard } from './features/identify/applicant-guard';
import { useIdentityStore } from './features/identity/store';
import { useDevicesStore } from './stores/devices';
import { useKioskStore } from './stores/kiosk';
import { useSessionStore } from './stores/session';

// Before the router starts: the first navigation (a reload on a form) is guarded too.
installApplicantGuard(router);
const app = createApp(App).use(createPinia()).use(router).use(i18n);

useBridge().subscribe((event) => {
  if (event.type === 'device.status') useDevicesStore().update(event.status);
  // The fleet console's "restart the renderer" (the services send it only while nobody is at the kiosk).
  if (event.type === 'fleet.restartRenderer') window.location.reload();
});
void useKioskStore().load();
// Listening from the start: a card placed before the identify screen opens is not missed.
const identity = useIdentityStore();
const session = useSessionStore();
const experience = useExperienceStore();
// Where the visit was, for 继续办理 on the home screen (memory only, wiped with the session).
router.afterEach((to, from) => {
  // Help is a stop on the way, not where the visit was: 继续办理 goes back to the step before it.
  if (to.name !== 'home' && to.name !== 'help') session.resumePath = to.fullPath;
  // The restart notice belongs to the screen the renderer started on.
  if (from.matched.length > 0) session.restartEndedVisit = false;
  // A 体验员 run walking records the screen (its name, title and public code only).
  experience.screen(to);
});

// A fresh renderer (first start, reload, restart after a crash) starts from a clean session on both
// sides before anyone can touch it; a card still on the reader is then read as a new read.
const settle = <T>(p: Promise<T>, ms: number): Promise<unknown> => Promise.race([p, new Promise((r) => setTimeout(r, ms))]);
void settle(session.startClean(), 5_000).finally(() => {
  app.mount('#app');
  // A run set up in admin mode before this screen (re)started is still waiting for admin mode to end.
  void experience.refresh();
  void identity.readCardOnReader().then(() => {
    // A card nobody's visit explains (left after an earlier visit ended): ask for it to be taken,
    // unless the screen is identification, which takes it as the card of the person there.
    if (!session.restartEndedVisit && router.currentRoute.value.name !== 'identify') identity.remindTakeCardIfPresent();
  });
});
