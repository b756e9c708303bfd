import type { Router } from 'vue-router';
import { useBridge } from '../../bridge';
import { useDraftStore } from '../form/draft';
import { useIdentityStore } from '../identity/store';

/** Whether filing the item creates the enterprise (the draft's item, or the catalogue's). */
async function createsEnterprise(code: string | null): Promise<boolean> {
  if (!code) return false;
  const draft = useDraftStore();
  if (draft.item?.code === code) return draft.item.createsEnterprise;
  const r = await useBridge().call('content.item', { code });
  return r.ok && r.value.item.createsEnterprise;
}

/**
 * Screens of an application (routes with `meta.requiresApplicant`) open only when everything filing
 * needs is there; otherwise the person is taken to 身份核验 first, which brings them back here. So a
 * form is never filled for nothing, whatever way it was reached (item, policy, reload, history).
 */
export function installApplicantGuard(router: Router): void {
  router.beforeEach(async (to) => {
    if (to.meta.requiresApplicant !== true) return true;
    const identity = useIdentityStore();
    const itemCode = typeof to.query.item === 'string' && to.query.item ? to.query.item : (useDraftStore().item?.code ?? null);
    if (identity.readyToFile(false)) return true;
    if (identity.person && identity.role && (await createsEnterprise(itemCode))) return true;
    return { name: 'identify', query: { next: to.fullPath, ...(itemCode ? { item: itemCode } : {}) } };
  });
}
