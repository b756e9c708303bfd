import type { RouteRecordRaw } from 'vue-router';

/** The services around the journey: evaluation, help, 办不成事 反映, queue, appointments, 就近办, policies, 一件事. */
export const routes: RouteRecordRaw[] = [
  /** Query: itemCode, applicationNumber?, receiptId? (the submit screen navigates here). */
  { path: '/evaluate', name: 'evaluate', component: () => import('../features/evaluate/EvaluateView.vue') },
  { path: '/help', name: 'help', component: () => import('../features/help/HelpView.vue') },
  /** 办不成事 反映. Query: itemCode? (the matter it is about). */
  { path: '/feedback', name: 'feedback', component: () => import('../features/feedback/FeedbackView.vue') },
  /** 投诉: file one under a number, or (query lookup=1) look one up by its number. Query: itemCode? */
  { path: '/complaint', name: 'complaint', component: () => import('../features/complaint/ComplaintView.vue') },
  { path: '/queue', name: 'queue', component: () => import('../features/queue/QueueView.vue') },
  /** Query: itemCode? (preselects the item). */
  { path: '/appointments', name: 'appointments', component: () => import('../features/appointments/AppointmentsView.vue') },
  /** Query: itemCode? (only points that handle it). */
  { path: '/service-points', name: 'service-points', component: () => import('../features/service-points/ServicePointsView.vue') },
  { path: '/policies', name: 'policies', component: () => import('../features/policies/PoliciesView.vue') },
  { path: '/packages', name: 'packages', component: () => import('../features/packages/PackagesView.vue') },
  { path: '/packages/:id', name: 'package', component: () => import('../features/packages/PackageView.vue'), props: true },
];
