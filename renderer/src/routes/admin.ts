import type { RouteRecordRaw } from 'vue-router';

/** Admin mode for hall technicians, opened by the hidden gesture; `admin` routes show even on the maintenance screen. */
export const routes: RouteRecordRaw[] = [{ path: '/admin', name: 'admin', component: () => import('../features/admin/AdminView.vue'), meta: { admin: true } }];
