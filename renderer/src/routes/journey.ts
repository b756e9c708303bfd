import type { RouteRecordRaw } from 'vue-router';

/** The core enterprise journey: identify → find → guided flow → form → review → 免证办 → submit → progress. */
export const routes: RouteRecordRaw[] = [
  { path: '/identify', name: 'identify', component: () => import('../features/identify/IdentifyView.vue') },
  { path: '/search', name: 'search', component: () => import('../features/search/SearchView.vue') },
  { path: '/stage/:stage', name: 'stage', component: () => import('../features/search/SearchView.vue') },
  { path: '/item/:code', name: 'item', component: () => import('../features/item/ItemView.vue') },
  // The guided flow is open to anyone (walk it, print its list, go home); filing from it identifies first.
  { path: '/flow/:flowId', name: 'flow', component: () => import('../features/flow/FlowView.vue') },
  // Screens of an application: the applicant guard (features/identify) sends the person to identify first.
  { path: '/form/:formId', name: 'form', component: () => import('../features/form/FormView.vue'), meta: { requiresApplicant: true } },
  { path: '/review', name: 'review', component: () => import('../features/form/ReviewView.vue') },
  /** 高拍仪: captures the pages of one material of the application under way. */
  { path: '/capture/:materialId', name: 'capture', component: () => import('../features/capture/CaptureView.vue') },
  { path: '/ecert', name: 'ecert', component: () => import('../features/ecert/EcertView.vue') },
  { path: '/submit', name: 'submit', component: () => import('../features/submit/SubmitView.vue') },
  { path: '/progress', name: 'progress', component: () => import('../features/progress/ProgressView.vue') },
  /** 我的办件: the card holder's filings, those waiting here and their saved drafts (暂存). */
  { path: '/my-cases', name: 'my-cases', component: () => import('../features/progress/MyCasesView.vue') },
];
