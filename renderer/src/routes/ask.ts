import type { RouteRecordRaw } from 'vue-router';

/** 问一问 (智能导办): a sentence in the person's own words. Query: q (asked at once). */
export const routes: RouteRecordRaw[] = [{ path: '/ask', name: 'ask', component: () => import('../features/ask/AskView.vue') }];
