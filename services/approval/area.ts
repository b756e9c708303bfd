import { ok, type ElsewhereVerdict, type approvalApi } from '../../contract';
import { chinaToday } from '../../kernel/china-date';
import type { AreaDeps, ServiceArea } from '../area';
import type { ContentPort } from '../content/area';
import type { PlatformPort } from '../platform/area';
import type { SessionPort } from '../session/area';
import { precheck } from './evaluate';
import { withCardValues } from '../session/card-values';
import { kioskFacts } from './facts';

export interface ApprovalAreaOptions {
  readonly content: ContentPort;
  readonly platform: PlatformPort;
  /** The card holder (the `idCard.*` facts) and the enterprise come from the session, never from the request. */
  readonly session: SessionPort;
}

export interface ApprovalArea extends ServiceArea<typeof approvalApi> {
  /**
   * Whether a rule of the item says the matter belongs to another authority, on the facts the form
   * gives (facts of the platform unknown: such a rule counts only when it surely failed).
   */
  elsewhere(itemCode: string, formData: Record<string, unknown>): Promise<ElsewhereVerdict | null>;
}

/** The kiosk's side of 秒批: a pre-check that tells the applicant what fails and how to fix it. */
export function createApprovalArea(deps: AreaDeps, options: ApprovalAreaOptions): ApprovalArea {
  return {
    elsewhere: async (itemCode, formData) => {
      const rules = options.content.item(itemCode)?.smartApproval?.rules.filter((r) => r.elsewhere) ?? [];
      if (rules.length === 0) return null;
      const facts = kioskFacts({ formData, enterprise: null, certificates: null, cardHolder: null, materialIds: [], today: chinaToday() });
      return precheck(rules, facts).elsewhere;
    },
    handlers: {
      'approval.precheck': async ({ itemCode, formData, materialIds }) => {
        const item = options.content.item(itemCode);
        if (!item) return { ok: false, error: { code: 'not-found', message: `item ${itemCode} not found`, messageKey: 'content.notFound' } };
        const rules = item.smartApproval;
        if (!rules) return ok({ smartApproval: false, result: null, precheck: null, platformReachable: true });
        const { creditCode, person } = options.session.current();
        const enterprise = creditCode ? await options.platform.enterprise(creditCode) : null;
        const certs = creditCode ? await options.platform.certificates(creditCode) : null;
        const facts = kioskFacts({
          // What the platform will see: the card's values in every field the form fills from the card.
          formData: person ? withCardValues(formData, options.content.formsOf(itemCode), person, options.session.current().role) : formData,
          enterprise: enterprise?.ok ? enterprise.value : null,
          certificates: certs?.ok ? certs.value.certificates : null,
          cardHolder: person ? { name: person.name, idNumber: person.idNumber } : null,
          materialIds,
          today: chinaToday(),
        });
        const result = precheck(rules.rules, facts);
        deps.log.info('smart-approval precheck', {
          itemCode,
          instantEligible: result.instantEligible,
          verdicts: result.rules.map((r) => `${r.id}:${r.verdict}`).join(','),
        });
        return ok({ smartApproval: true, result: rules.result, precheck: result, platformReachable: !!enterprise?.ok && !!certs?.ok });
      },
    },
  };
}
