import type { RouteLocationNormalized, Router } from 'vue-router';
import type { ServiceItem } from '../../../../contract';
import { useBridge } from '../../bridge';
import { useDraftStore } from '../form/draft';
import { useIdentityStore } from '../identity/store';

/** The item of an application screen: the draft's, or the catalogue's. */
async function itemOf(code: string | null): Promise<ServiceItem | null> {
  if (!code) return null;
  const draft = useDraftStore();
  if (draft.item?.code === code) return draft.item;
  const r = await useBridge().call('content.item', { code });
  return r.ok ? r.value.item : null;
}

/** The item a route is about: `?item=`, else a guided flow's own item, else the draft's. */
async function itemCodeOf(to: RouteLocationNormalized): Promise<string | null> {
  if (typeof to.query.item === 'string' && to.query.item) return to.query.item;
  if (to.name === 'flow' && typeof to.params.flowId === 'string') {
    const r = await useBridge().call('content.flow', { id: to.params.flowId });
    if (r.ok) return r.value.flow.itemCode;
  }
  return useDraftStore().item?.code ?? null;
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
    if (identity.readyToFile(false)) return true;
    const itemCode = await itemCodeOf(to);
    const item = await itemOf(itemCode);
    if (identity.person && identity.role && item?.createsEnterprise) return true;
    return { name: 'identify', query: { next: to.fullPath, ...(itemCode ? { item: itemCode } : {}) } };
  });
}
