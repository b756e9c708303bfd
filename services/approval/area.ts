import { ok, type approvalApi } from '../../contract';
import { precheck } from './evaluate';
import type { AreaDeps, ServiceArea } from '../area';
import type { Dispatch } from '../bridge/dispatcher';
import { kioskFacts } from './facts';

export interface ApprovalAreaOptions {
  /** The services' own validated dispatcher, for reading content and the platform. */
  readonly dispatch: () => Dispatch;
  /** The session's ID card holder (memory only), or null when nobody presented a card. */
  readonly cardHolder: () => { name: string; idNumber: string } | null;
  /** The session's enterprise, or null before identification. */
  readonly creditCode: () => string | null;
}

/** Today in China (UTC+8), the date the platform evaluates against. */
export const chinaToday = (now = Date.now()): string => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** The kiosk's side of 秒批: a pre-check that tells the applicant what fails and how to fix it. */
export function createApprovalArea(deps: AreaDeps, options: ApprovalAreaOptions): ServiceArea<typeof approvalApi> {
  const call = async <T>(method: string, input: unknown): Promise<T | null> => {
    const r = await options.dispatch()(method, input, { via: 'internal' });
    return r.ok ? (r.value as T) : null;
  };
  return {
    handlers: {
      'approval.precheck': async ({ itemCode, formData, materialIds }) => {
        const found = await options.dispatch()('content.item', { code: itemCode }, { via: 'internal' });
        if (!found.ok) return found;
        const rules = (found.value as { item: { smartApproval?: { rules: never[]; result: { kind: string; name: { zh: string; en: string } } } } }).item.smartApproval;
        if (!rules) return ok({ smartApproval: false, result: null, precheck: null, platformReachable: true });
        const code = options.creditCode();
        const enterprise = code ? await call<Record<string, unknown>>('platform.enterprise', { creditCode: code }) : null;
        const certs = code ? await call<{ certificates: { kind: string; validUntil: string | null; verified: boolean }[] }>('platform.certificates', { holderCode: code }) : null;
        const facts = kioskFacts({
          formData,
          enterprise,
          certificates: certs?.certificates ?? null,
          cardHolder: options.cardHolder(),
          materialIds,
          today: chinaToday(),
        });
        const result = precheck(rules.rules, facts);
        deps.log.info('smart-approval precheck', {
          itemCode,
          instantEligible: result.instantEligible,
          verdicts: result.rules.map((r) => `${r.id}:${r.verdict}`).join(','),
        });
        return ok({ smartApproval: true, result: rules.result, precheck: result, platformReachable: enterprise !== null && certs !== null });
      },
    },
  };
}
