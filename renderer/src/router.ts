import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

/** Each feature declares its routes in `routes/<feature>.ts`; they are merged here. */
const featureRoutes = Object.values(
  import.meta.glob<{ routes: RouteRecordRaw[] }>('./routes/*.ts', { eager: true }),
).flatMap((m) => m.routes);

export const router = createRouter({
  history: createWebHistory(),
  routes: [...featureRoutes, { path: '/:pathMatch(.*)*', redirect: '/' }],
});
